// Turns what the analyzer reads from src/ into the manifest a user of the package needs
// (dist/custom-elements.json): one module per shipped element entry and one for the events,
// public API only, every event named with its class, alias types of attributes spelled out.
// Used as a plugin by custom-elements-manifest.config.mjs.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');

/** The shipped module that exports the event classes (src/index.ts → dist/index.js). */
const EVENTS_MODULE = 'dist/index.js';
/** The event base class and the helper every dispatch goes through (src/elements/base/events.ts). */
const EVENT_BASE = 'CrmEvent';
const EMIT = 'emit';

/** `src/elements/crm-x/crm-x.ts` is shipped as the entry `dist/elements/crm-x.js` (see vite.config.ts). */
const shippedPath = (sourcePath) => {
  const match = /^src\/elements\/(crm-[\w-]+)\/\1\.ts$/.exec(sourcePath);
  return match ? `dist/elements/${match[1]}.js` : null;
};

const isPublic = (member) => !member.static && (member.privacy ?? 'public') === 'public' && !member.name.startsWith('#');
const withoutInheritance = ({ inheritedFrom: _inheritedFrom, ...rest }) => rest;
const byName = (items = []) => [...new Map(items.map((item) => [item.name, withoutInheritance(item)])).values()];

/**
 * Spelled-out types of each element's public fields, from the TypeScript checker: a field typed
 * `RfmAxis` is listed as `'r' | 'f' | 'm'`, so editors and framework typings can enumerate it.
 * Only unions of literals are expanded; other types keep the text the analyzer found.
 */
function literalTypes(classNames) {
  const config = ts.getParsedCommandLineOfConfigFile(resolve(root, 'tsconfig.build.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const checker = program.getTypeChecker();
  const result = new Map();
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.includes('/src/elements/')) continue;
    ts.forEachChild(file, (node) => {
      if (!ts.isClassDeclaration(node) || !node.name || !classNames.has(node.name.text)) return;
      const fields = new Map();
      const type = checker.getTypeAtLocation(node);
      for (const property of checker.getPropertiesOfType(type)) {
        const declaration = property.valueDeclaration ?? property.declarations?.[0];
        if (!declaration) continue;
        const text = literalUnionText(checker, checker.getTypeOfSymbolAtLocation(property, declaration));
        if (text) fields.set(property.name, text);
      }
      result.set(node.name.text, fields);
    });
  }
  return result;
}

function literalUnionText(checker, type) {
  const parts = type.isUnion() ? type.types : [type];
  const literals = [];
  let open = false;
  let optional = false;
  for (const part of parts) {
    if (part.flags & ts.TypeFlags.Undefined) optional = true;
    else if (part.isStringLiteral()) literals.push(`'${part.value}'`);
    else if (part.isIntersection() && part.types.some((t) => t.flags & ts.TypeFlags.String)) open = true; // `string & {}`: any string, these suggested
    else return null;
  }
  if (!literals.length) return null;
  return [...literals, ...(open ? ['(string & {})'] : []), ...(optional ? ['undefined'] : [])].join(' | ');
}

/** The expression's identifier text, for `emit` and `new CrmSelectEvent(…)`. */
const nameOf = (expression) => (expression && ts.isIdentifier(expression) ? expression.text : undefined);

export function publicManifestPlugin() {
  /** Event class → the `detail` type named in `extends CrmEvent<Detail>`. */
  const detailTypes = new Map();
  /** Element class → event classes it passes to `emit()`. */
  const emitted = new Map();

  return {
    name: 'crm-public-manifest',
    analyzePhase({ ts: analyzerTs, node }) {
      if (analyzerTs.isClassDeclaration(node) && node.name) {
        const heritage = node.heritageClauses?.flatMap((clause) => clause.types) ?? [];
        const base = heritage.find((h) => nameOf(h.expression) === EVENT_BASE);
        if (base?.typeArguments?.[0]) detailTypes.set(node.name.text, base.typeArguments[0].getText());
        const classes = new Set();
        const visit = (child) => {
          if (analyzerTs.isCallExpression(child) && nameOf(child.expression) === EMIT) {
            const event = child.arguments[1];
            if (event && analyzerTs.isNewExpression(event) && nameOf(event.expression)) classes.add(nameOf(event.expression));
          }
          analyzerTs.forEachChild(child, visit);
        };
        analyzerTs.forEachChild(node, visit);
        if (classes.size) emitted.set(node.name.text, classes);
      }
    },
    packageLinkPhase({ customElementsManifest: manifest }) {
      const declarations = manifest.modules.flatMap((module) => (module.declarations ?? []).map((declaration) => ({ module, declaration })));

      // Events: classes extending CrmEvent, named by their `static type`.
      const eventClasses = declarations
        .map(({ declaration }) => declaration)
        .filter((d) => d.kind === 'class' && (d.name === EVENT_BASE || detailTypes.has(d.name)));
      const eventNameOf = new Map();
      for (const d of eventClasses) {
        const typeField = d.members?.find((m) => m.static && m.name === 'type');
        if (typeField) eventNameOf.set(d.name, JSON.parse(typeField.default.replaceAll("'", '"')));
      }
      const classOfEvent = new Map([...eventNameOf].map(([cls, name]) => [name, cls]));
      const eventType = (cls) => ({ text: cls, references: [{ name: cls, module: EVENTS_MODULE }] });

      const elements = declarations.filter(({ declaration }) => declaration.customElement && declaration.tagName);
      const types = literalTypes(new Set(elements.map(({ declaration }) => declaration.name)));
      const problems = [];

      const modules = elements.map(({ module, declaration: d }) => {
        const path = shippedPath(module.path);
        if (!path || !existsSync(resolve(root, path))) problems.push(`${d.tagName}: ${module.path} is not shipped as ${path}`);
        const expanded = types.get(d.name) ?? new Map();
        // Types the analyzer already spells as literals keep their order as written.
        const spelledOut = (text = '') => /^\s*('[^']*'|undefined)(\s*\|\s*('[^']*'|undefined))*\s*$/.test(text);
        const typed = (item, field) => (expanded.has(field) && !spelledOut(item.type?.text) ? { ...item, type: { text: expanded.get(field) } } : item);

        const publicMembers = new Map(byName(d.members).filter(isPublic).map((m) => [m.name, m]));
        // An attribute known only from its @attr tag (declared through a shared property object the
        // analyzer does not follow) belongs to the property Lit names it after: `r-thresholds` → `rThresholds`.
        const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
        const attributes = byName(d.attributes)
          .map((a) => (a.fieldName || !publicMembers.has(camel(a.name)) ? a : { ...a, fieldName: camel(a.name), type: publicMembers.get(camel(a.name)).type }))
          .filter((a) => !a.fieldName || publicMembers.has(a.fieldName))
          .map((a) => typed(a, a.fieldName));
        // A property documented only through its `@attr` tag shares the attribute's description.
        const attributeOf = new Map(attributes.map((a) => [a.fieldName, a]));
        const members = byName(d.members)
          .filter(isPublic)
          .map((m) => typed(m.description || !attributeOf.get(m.name)?.description ? m : { ...m, description: attributeOf.get(m.name).description }, m.name));

        const documented = byName((d.events ?? []).filter((e) => e.name));
        for (const cls of emitted.get(d.name) ?? []) {
          const name = eventNameOf.get(cls);
          if (!name) problems.push(`${d.tagName}: emits ${cls}, which has no static type`);
          else if (!documented.some((e) => e.name === name)) problems.push(`${d.tagName}: emits ${name} without an @event tag`);
        }
        const events = documented.map((e) => {
          const cls = classOfEvent.get(e.name);
          if (!cls) problems.push(`${d.tagName}: @event ${e.name} has no event class`);
          return { ...e, type: eventType(cls) };
        });

        const { superclass, summary, description, ...rest } = d;
        const element = {
          ...rest,
          // Tools show `description`; the JSDoc keeps the short text in @summary and the long one in the body.
          description: [summary, description].filter(Boolean).join('\n\n'),
          ...(summary ? { summary } : {}),
          members,
          attributes,
          events,
          cssParts: byName(d.cssParts),
          cssProperties: byName(d.cssProperties),
          ...(d.cssStates ? { cssStates: byName(d.cssStates) } : {}),
          ...(d.slots ? { slots: byName(d.slots) } : {}),
          // CrmElement, the widgets' base, is not public; the data source extends LitElement.
          ...(superclass?.package ? { superclass } : {}),
        };
        return {
          kind: 'javascript-module',
          path,
          declarations: [element],
          exports: [
            { kind: 'js', name: d.name, declaration: { name: d.name, module: path } },
            { kind: 'custom-element-definition', name: d.tagName, declaration: { name: d.name, module: path } },
          ],
        };
      });

      const events = eventClasses.map((d) => ({
        kind: 'class',
        name: d.name,
        description: d.description,
        superclass: d.name === EVENT_BASE ? { name: 'Event', package: 'global:' } : { name: EVENT_BASE, module: EVENTS_MODULE },
        members: (d.members ?? [])
          .filter((m) => m.name === 'type' || m.name === 'detail')
          .map((m) => {
            const member = withoutInheritance(m);
            if (m.name === 'type') return { ...member, type: { text: 'string' }, description: 'The event name.' };
            const { default: _default, ...field } = member;
            return { ...field, type: { text: detailTypes.get(d.name) ?? 'D' }, description: 'What happened, in contract terms.' };
          }),
      }));
      modules.push({
        kind: 'javascript-module',
        path: EVENTS_MODULE,
        declarations: events,
        exports: events.map((d) => ({ kind: 'js', name: d.name, declaration: { name: d.name, module: EVENTS_MODULE } })),
      });

      if (problems.length) throw new Error(`custom-elements.json:\n  ${problems.join('\n  ')}`);
      manifest.schemaVersion = '2.1.0';
      manifest.modules = modules;
    },
  };
}
