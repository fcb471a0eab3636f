import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * Set style properties through the CSSOM only, for geometry computed at render time
 * (positions, lengths, custom properties). Unlike `styleMap`, whose first render writes a
 * `style="…"` attribute that a strict CSP (no 'unsafe-inline') blocks, this never writes
 * markup; properties left out of a later render keep their last value.
 *
 * @example
 * html`<div class="tooltip" ${cssProps({ left: `${x}px`, '--_size': `${pct}%` })}></div>`
 */
class CssPropsDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProps() goes in an element position: <div ${cssProps({…})}>');
  }

  render(_props: Readonly<Record<string, string>>) {
    return noChange;
  }

  override update(part: ElementPart, [props]: [Readonly<Record<string, string>>]) {
    const style = (part.element as HTMLElement | SVGElement).style;
    for (const [name, value] of Object.entries(props)) {
      // setProperty takes CSS names; accept camelCase too, as styleMap does.
      style.setProperty(name.startsWith('--') ? name : name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), value);
    }
    return noChange;
  }
}

export const cssProps = directive(CssPropsDirective);
