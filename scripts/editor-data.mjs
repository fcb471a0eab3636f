#!/usr/bin/env node
// Editor and framework support, generated from dist/custom-elements.json so it can never drift
// from the elements' JSDoc:
// - dist/vscode.html-custom-data.json: tag and attribute completion in plain HTML (VS Code `html.customData`);
// - dist/types/frameworks.d.ts: JSX IntrinsicElements (React 19, Preact, Solid via the same global) and Vue GlobalComponents.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(resolve(root, 'dist/custom-elements.json'), 'utf8'));

const declarations = manifest.modules
  .flatMap((module) => (module.declarations ?? []).map((declaration) => ({ module, declaration })))
  .filter(({ declaration }) => declaration.customElement && declaration.tagName);

const valuesOf = (type) => {
  const text = type?.text ?? '';
  const literals = [...text.matchAll(/'([^']+)'|"([^"]+)"/g)].map((m) => m[1] ?? m[2]);
  return literals.length && literals.length === text.split('|').length ? literals.map((name) => ({ name })) : undefined;
};

const tags = declarations.map(({ declaration }) => ({
  name: declaration.tagName,
  description: [declaration.summary, declaration.description].filter(Boolean).join('\n\n'),
  attributes: (declaration.attributes ?? []).map((attribute) => ({
    name: attribute.name,
    description: attribute.description ?? '',
    ...(valuesOf(attribute.type) ? { values: valuesOf(attribute.type) } : {}),
  })),
}));
writeFileSync(resolve(root, 'dist/vscode.html-custom-data.json'), JSON.stringify({ version: 1.1, tags }, null, 2) + '\n');

const lines = [
  '// Generated from custom-elements.json by scripts/editor-data.mjs. Do not edit.',
  ...declarations.map(({ module, declaration }) => {
    const path = './' + module.path.replace(/^src\//, '').replace(/\.ts$/, '.js');
    return `import type { ${declaration.name} } from '${path}';`;
  }),
  '',
  '/** Attributes and properties a framework may set on a kit element, plus its events as `on…` handlers. */',
  'type CrmElementProps<E extends HTMLElement, Events extends string> = Partial<Omit<E, keyof HTMLElement>> & {',
  '  class?: string; className?: string; id?: string; slot?: string; style?: string | Record<string, string | number>;',
  '  children?: unknown; key?: string | number; ref?: unknown;',
  '} & { [K in Events as `on${K}`]?: (event: Event) => void };',
  '',
  'interface CrmIntrinsicElements {',
  ...declarations.map(({ declaration }) => {
    const events = (declaration.events ?? []).map((e) => `'${e.name}'`).join(' | ') || 'never';
    return `  '${declaration.tagName}': CrmElementProps<${declaration.name}, ${events}>;`;
  }),
  '}',
  '',
  // The global JSX namespace (Preact, Solid, older React types) and React 19's own.
  ...['declare global {', "declare module 'react' {"].flatMap((opening) => [
    opening,
    '  // eslint-disable-next-line @typescript-eslint/no-namespace',
    '  namespace JSX {',
    '    // eslint-disable-next-line @typescript-eslint/no-empty-object-type',
    '    interface IntrinsicElements extends CrmIntrinsicElements {}',
    '  }',
    '}',
    '',
  ]),
  "declare module 'vue' {",
  '  interface GlobalComponents {',
  ...declarations.map(({ declaration }) => `    '${declaration.tagName}': import('vue').DefineComponent<Partial<Omit<${declaration.name}, keyof HTMLElement>>>;`),
  '  }',
  '}',
  '',
  'export type { CrmIntrinsicElements };',
  '',
];
mkdirSync(resolve(root, 'dist/types'), { recursive: true });
writeFileSync(resolve(root, 'dist/types/frameworks.d.ts'), lines.join('\n'));
console.log(`editor data: ${tags.length} elements`);
