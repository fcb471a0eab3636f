#!/usr/bin/env node
// Editor and framework support, generated from dist/custom-elements.json so it can never drift
// from the elements' JSDoc; each host gets its own file, so none needs another's types:
// - dist/vscode.html-custom-data.json: tags, attributes and their allowed values in VS Code (`html.customData`);
// - dist/web-types.json: the same for JetBrains IDEs (found through `web-types` in package.json);
// - dist/types/vue.d.ts (`crm-widget-kit/vue`): Vue 3 GlobalComponents with attribute-text props and typed emits;
// - dist/types/svelte.d.ts (`crm-widget-kit/svelte`): Svelte 5 `svelteHTML` elements with typed attributes and events.
// React has real components instead (`crm-widget-kit/react`, src/react/).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(resolve(root, 'dist/custom-elements.json'), 'utf8'));
const DOCS = `${pkg.homepage}/blob/main/docs/embedding.md`;

const elements = manifest.modules.flatMap((module) => module.declarations.filter((d) => d.customElement && d.tagName));

/** `'r' | 'f' | 'm' | undefined` → ['r', 'f', 'm']; null when the type is not a union of string literals. */
function literalValues(type) {
  const parts = (type?.text ?? '').split('|').map((part) => part.trim()).filter((part) => part !== 'undefined' && part !== '(string & {})');
  const values = parts.map((part) => /^'([^']*)'$/.exec(part)?.[1]);
  return values.length && values.every((v) => v !== undefined) ? values : null;
}
const isBoolean = (type) => type?.text === 'boolean' || type?.text === 'boolean | undefined';
const isNumber = (type) => /^number( \| undefined)?$/.test(type?.text ?? '');

/**
 * Public, writable properties (not read-only results such as `result`). `textAttribute` is set where the
 * attribute is spelled differently from the property (`window-days` for `windowDays`): Vue and Svelte set a
 * same-named one (`target`) as the property, as is, and a kebab-case one as the attribute, which the element
 * converts from text. So only those take attribute text in the typings.
 */
function settable(element) {
  const attributeOf = new Map(element.attributes.filter((a) => a.fieldName).map((a) => [a.fieldName, a.name]));
  return element.members
    .filter((m) => m.kind === 'field' && !m.readonly)
    .map((m) => ({ name: m.name, textAttribute: attributeOf.get(m.name) !== m.name ? attributeOf.get(m.name) : undefined }));
}

// ------------------------------------------------------------ VS Code

const vscode = {
  version: 1.1,
  tags: elements.map((element) => ({
    name: element.tagName,
    description: { kind: 'markdown', value: element.description },
    attributes: element.attributes.map((attribute) => {
      const values = literalValues(attribute.type);
      return {
        name: attribute.name,
        description: { kind: 'markdown', value: attribute.description },
        ...(values ? { values: values.map((name) => ({ name })) } : {}),
        ...(isBoolean(attribute.type) ? { valueSet: 'v' } : {}),
      };
    }),
    references: [{ name: 'crm-widget-kit: embedding', url: DOCS }],
  })),
};
writeFileSync(resolve(root, 'dist/vscode.html-custom-data.json'), JSON.stringify(vscode, null, 2) + '\n');

// ------------------------------------------------------------ JetBrains

const attributeValue = (type) => {
  if (isBoolean(type)) return { kind: 'no-value', type: 'boolean' };
  if (literalValues(type)) return { kind: 'plain', type: 'enum' };
  return { kind: 'plain', type: isNumber(type) ? 'number' : 'string' };
};
const webTypes = {
  $schema: 'https://raw.githubusercontent.com/JetBrains/web-types/master/schema/web-types.json',
  name: pkg.name,
  version: pkg.version,
  'description-markup': 'markdown',
  'js-types-syntax': 'typescript',
  contributions: {
    html: {
      elements: elements.map((element) => ({
        name: element.tagName,
        description: element.description,
        'doc-url': DOCS,
        source: { module: `${pkg.name}/elements/${element.tagName}`, symbol: element.name },
        attributes: element.attributes.map((attribute) => ({
          name: attribute.name,
          description: attribute.description,
          ...(attribute.default ? { default: attribute.default } : {}),
          value: attributeValue(attribute.type),
          ...(literalValues(attribute.type) ? { values: literalValues(attribute.type).map((name) => ({ name })) } : {}),
        })),
        ...(element.slots?.length ? { slots: element.slots.map(({ name, description }) => ({ name, description })) } : {}),
        js: {
          properties: element.members.filter((m) => m.kind === 'field').map((m) => ({ name: m.name, description: m.description, type: m.type?.text ?? 'unknown' })),
          events: element.events.map((event) => ({ name: event.name, description: event.description, type: event.type.text })),
        },
        css: {
          parts: element.cssParts.map(({ name, description }) => ({ name, description })),
          properties: element.cssProperties.map(({ name, description }) => ({ name, description })),
        },
      })),
    },
  },
};
writeFileSync(resolve(root, 'dist/web-types.json'), JSON.stringify(webTypes, null, 2) + '\n');

// ------------------------------------------------------------ framework typings

const HEADER = '// Generated from custom-elements.json by scripts/editor-data.mjs. Do not edit.';
const classImports = elements.map((e) => `import type { ${e.name} } from './elements/${e.tagName}/index.js';`);
const union = (names) => names.map((name) => `'${name}'`).join(' | ') || 'never';
const ATTRIBUTE_TEXT = [
  '/** What a number or boolean property accepts written as its kebab-case attribute: `window-days="60"`, `follow-selection`. */',
  'type AttributeText<T> = T extends number ? `${number}` : T extends boolean ? \'\' : never;',
];

const vue = [
  HEADER,
  "// Vue 3 template types: `import type {} from 'crm-widget-kit/vue'` once, e.g. in env.d.ts.",
  "import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';",
  "import type { CrmEventMap } from './index.js';",
  ...classImports,
  '',
  ...ATTRIBUTE_TEXT,
  '/** Props of an element; those with a kebab-case attribute also take its text (vue-tsc camelizes `window-days`). */',
  'type Props<E, Attributes extends keyof E, Properties extends keyof E> = { [K in Attributes]?: E[K] | AttributeText<E[K]> } & { [K in Properties]?: E[K] };',
  '/** A custom element as Vue reads its template types: props from `$props`, events from `$emit`. */',
  'type CustomElement<E extends HTMLElement, P, Events extends keyof CrmEventMap> = new () => E & {',
  '  /** @deprecated For template type checking only: not a property of the element. */',
  '  $props: HTMLAttributes & PublicProps & P;',
  '  /** @deprecated For template type checking only: not a method of the element. */',
  '  $emit: EmitFn<{ [K in Events]: (event: CrmEventMap[K]) => void }>;',
  '};',
  '',
  "declare module 'vue' {",
  '  interface GlobalComponents {',
  ...elements.map((e) => {
    const fields = settable(e);
    const props = `Props<${e.name}, ${union(fields.filter((f) => f.textAttribute).map((f) => f.name))}, ${union(fields.filter((f) => !f.textAttribute).map((f) => f.name))}>`;
    return `    '${e.tagName}': CustomElement<${e.name}, ${props}, ${union(e.events.map((ev) => ev.name))}>;`;
  }),
  '  }',
  '}',
  '',
  'export {};',
  '',
];

const svelte = [
  HEADER,
  "// Svelte 5 template types: `import type {} from 'crm-widget-kit/svelte'` once, e.g. in src/app.d.ts.",
  "import type { HTMLAttributes } from 'svelte/elements';",
  "import type { CrmEventMap } from './index.js';",
  ...classImports,
  '',
  ...ATTRIBUTE_TEXT,
  '/** Kebab-case attributes by their own name (`color-by="count"`, `window-days="60"`). */',
  'type Attributes<E, A extends Record<string, keyof E>> = { [Name in keyof A]?: E[A[Name]] | AttributeText<E[A[Name]]> };',
  '/** Properties by name (`colorBy={mode}`, `data={payload}`): Svelte sets a custom element\'s property when it has one. */',
  'type Properties<E, P extends keyof E> = { [K in P]?: E[K] };',
  '/** `oncrm-select={(event) => event.detail…}`. */',
  'type Events<Names extends keyof CrmEventMap> = { [K in Names as `on${K}`]?: (event: CrmEventMap[K]) => void };',
  '',
  'declare global {',
  '  // eslint-disable-next-line @typescript-eslint/no-namespace',
  '  namespace svelteHTML {',
  '    interface IntrinsicElements {',
  ...elements.map((e) => {
    const fields = settable(e);
    const attributes = `{ ${fields.filter((f) => f.textAttribute).map((f) => `'${f.textAttribute}': '${f.name}'`).join('; ')} }`;
    return `      '${e.tagName}': HTMLAttributes<${e.name}> & Attributes<${e.name}, ${attributes}> & Properties<${e.name}, ${union(fields.map((f) => f.name))}> & Events<${union(e.events.map((ev) => ev.name))}>;`;
  }),
  '    }',
  '  }',
  '}',
  '',
  'export {};',
  '',
];

mkdirSync(resolve(root, 'dist/types'), { recursive: true });
writeFileSync(resolve(root, 'dist/types/vue.d.ts'), vue.join('\n'));
writeFileSync(resolve(root, 'dist/types/svelte.d.ts'), svelte.join('\n'));
console.log(`editor data: ${elements.length} elements (VS Code, JetBrains, Vue, Svelte)`);
