// dist/custom-elements.json as editors, Storybook and framework-typing generators read it: valid against
// the custom-elements-manifest schema, and each element's public API equal to the list below, written by
// hand from the elements' documentation (never generated from the manifest it checks). Needs `npm run build`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(resolve(root, 'dist/custom-elements.json'), 'utf8'));
const schema = require('custom-elements-manifest/schema.json');

// ------------------------------------------------------------ the expected public API

const WIDGET_EVENTS = { 'crm-select': 'SelectDetail', 'crm-load': 'LoadDetail', 'crm-render': 'RenderDetail', 'crm-error': 'ErrorDetail', 'crm-data-warning': 'DataWarningDetail' };
const WIDGET_METHODS = ['reload', 'exportCsv', 'exportPng', 'download'];
/** Custom states a host styles with `:state(loading)` and so on. */
const VIEW_STATES = ['loading', 'ready', 'empty', 'stale', 'error'];
const DATA_EVENTS = { 'crm-load': 'LoadDetail', 'crm-error': 'ErrorDetail', 'crm-data-warning': 'DataWarningDetail' };
const FILTER_EVENTS = { 'crm-filter-change': 'FilterChangeDetail' };
/** The frame's events, without a selection: what the filter bar fires besides its own. */
const FRAME_EVENTS = { 'crm-load': 'LoadDetail', 'crm-render': 'RenderDetail', 'crm-error': 'ErrorDetail', 'crm-data-warning': 'DataWarningDetail' };

const LOAD_ATTRIBUTES = ['src', 'query-src', 'scope', 'cache', 'cache-ttl', 'refresh', 'credentials', 'timeout', 'max-bytes', 'worker-threshold'];
const LOAD_PROPERTIES = ['src', 'querySrc', 'data', 'scope', 'cache', 'cacheTtl', 'refresh', 'credentials', 'headers', 'getHeaders', 'timeout', 'maxBytes', 'workerThreshold', 'cacheFields'];
const WIDGET_ATTRIBUTES = ['locale', 'theme', 'label', 'source', ...LOAD_ATTRIBUTES];
const WIDGET_PROPERTIES = ['locale', 'theme', 'label', 'source', 'resolvedLocale', 'sizeClass', 'taskComplete', ...LOAD_PROPERTIES];
const FRAME_PARTS = ['base', 'header', 'title', 'subtitle', 'badge', 'menu', 'menu-button', 'body', 'chart', 'summary', 'table', 'details', 'issues', 'footer', 'state', 'error-details', 'retry', 'empty-hint', 'empty-action', 'skeleton', 'tooltip', 'notes'];
const RFM_ATTRIBUTES = ['ties', 'frequency', 'r-thresholds', 'f-thresholds', 'm-thresholds'];
const RFM_PROPERTIES = ['ties', 'frequency', 'rThresholds', 'fThresholds', 'mThresholds'];
const TOKENS = [
  ...['--crm-color-text', '--crm-color-muted', '--crm-color-surface', '--crm-color-surface-alt', '--crm-color-track', '--crm-color-border', '--crm-color-border-strong'],
  ...['--crm-color-accent', '--crm-color-accent-subtle', '--crm-color-good', '--crm-color-neutral', '--crm-color-bad', '--crm-color-scheme'],
  ...['--crm-focus-ring-color', '--crm-focus-ring-width', '--crm-focus-ring-offset'],
  ...['--crm-font-sans', '--crm-font-numeric', '--crm-font-mono', '--crm-font-size', '--crm-space', '--crm-radius'],
];

const expected = {
  'crm-nps-gauge': {
    className: 'CrmNpsGauge',
    events: WIDGET_EVENTS,
    attributes: ['target', 'trend', 'period', 'segment', 'dedupe', 'min-responses', 'interval', ...WIDGET_ATTRIBUTES],
    properties: ['target', 'trend', 'period', 'segment', 'dedupe', 'minResponses', 'interval', 'options', 'result', ...WIDGET_PROPERTIES],
    methods: WIDGET_METHODS,
    parts: [...FRAME_PARTS, 'dial', 'gauge', 'track', 'value', 'band', 'target', 'score', 'readout', 'change', 'compare', 'not-enough', 'distribution', 'bar', 'segment', 'legend', 'category', 'trend', 'sparkline', 'trend-point', 'trend-truncated', 'trend-not-enough', 'trend-zero', 'trend-ticks', 'band-label'],
    cssProperties: TOKENS,
    cssStates: VIEW_STATES,
  },
  'crm-lifecycle-funnel': {
    className: 'CrmLifecycleFunnel',
    events: WIDGET_EVENTS,
    attributes: ['orientation', 'stages', 'window-days', 'attempts', 'mode', 'breakdown', 'segment', ...WIDGET_ATTRIBUTES],
    properties: ['orientation', 'stages', 'windowDays', 'attempts', 'mode', 'breakdown', 'segment', 'options', 'result', ...WIDGET_PROPERTIES],
    methods: WIDGET_METHODS,
    parts: [...FRAME_PARTS, 'funnels', 'group', 'group-title', 'funnel', 'stage', 'stage-label', 'track', 'bar', 'ghost', 'count', 'share', 'step', 'step-change', 'overall', 'ignored'],
    cssProperties: [...TOKENS, '--crm-chart-1'],
    cssStates: VIEW_STATES,
  },
  'crm-segment-matrix': {
    className: 'CrmSegmentMatrix',
    events: WIDGET_EVENTS,
    attributes: ['x', 'y', 'color-by', 'page-size', 'migration-days', ...RFM_ATTRIBUTES, ...WIDGET_ATTRIBUTES],
    properties: ['x', 'y', 'colorBy', 'pageSize', 'migrationDays', ...RFM_PROPERTIES, 'xAxis', 'yAxis', 'colorMode', 'rfmOptions', 'rfm', 'grid', ...WIDGET_PROPERTIES],
    methods: WIDGET_METHODS,
    parts: [...FRAME_PARTS, 'layout', 'matrix', 'grid', 'cell', 'cell-count', 'cell-share', 'segment-label', 'outlines', 'axis', 'tick', 'legend', 'drill', 'drill-title', 'drill-close', 'filter', 'drill-table', 'sort', 'drill-row', 'customer', 'pager', 'migration', 'migration-table'],
    cssProperties: [...TOKENS, '--crm-chart-ramp-1'],
    cssStates: VIEW_STATES,
  },
  'crm-customer-360': {
    className: 'CrmCustomer360',
    events: WIDGET_EVENTS,
    attributes: ['customer-id', 'timeline-limit', 'follow-selection', 'min-history-days', ...RFM_ATTRIBUTES, ...WIDGET_ATTRIBUTES],
    properties: ['customerId', 'timelineLimit', 'followSelection', 'minHistoryDays', ...RFM_PROPERTIES, 'actionRules', 'healthOptions', 'result', ...WIDGET_PROPERTIES],
    methods: WIDGET_METHODS,
    parts: [...FRAME_PARTS, 'layout', 'profile', 'name', 'health', 'health-score', 'meter', 'band', 'stage', 'rfm', 'figures', 'figure', 'signals', 'signal', 'signal-icon', 'revenue', 'revenue-spark', 'action', 'nps', 'tickets', 'timeline', 'timeline-item'],
    cssProperties: TOKENS,
    cssStates: VIEW_STATES,
  },
  'crm-filter-bar': {
    className: 'CrmFilterBar',
    events: { ...FRAME_EVENTS, ...FILTER_EVENTS },
    attributes: ['fields', 'periods', 'stage-filter', 'segment-filter', ...WIDGET_ATTRIBUTES],
    properties: ['fields', 'periods', 'stageFilter', 'segmentFilter', 'unfiltered', 'fieldList', 'periodList', 'filters', ...WIDGET_PROPERTIES],
    methods: WIDGET_METHODS,
    parts: [...FRAME_PARTS, 'controls', 'control', 'select', 'range', 'date-input', 'apply', 'chips', 'chips-none', 'chip', 'chip-remove', 'clear'],
    cssProperties: TOKENS,
    cssStates: VIEW_STATES,
  },
  'crm-data-source': {
    className: 'CrmDataSource',
    events: { ...DATA_EVENTS, ...FILTER_EVENTS },
    attributes: [...LOAD_ATTRIBUTES, 'filters', 'cross-filter'],
    properties: [...LOAD_PROPERTIES, 'dataSource', 'sourceFilters', 'filters', 'crossFilter'],
    methods: ['reload'],
    parts: [],
    cssProperties: [],
    cssStates: [],
  },
};

/** Allowed values of every enumerated attribute, as the docs state them (`undefined` = the attribute absent). */
const ENUMERATED = {
  theme: ['light', 'dark'],
  cache: ['indexeddb', 'memory', 'none'],
  credentials: ['include', 'omit', 'same-origin'],
  locale: ['en', 'zh-CN', 'zh-TW'],
  trend: ['month', 'week', 'none'],
  dedupe: ['all', 'latest'],
  interval: ['wald', 'adjusted-wald'],
  orientation: ['horizontal', 'vertical'],
  mode: ['ordered', 'snapshot'],
  x: ['r', 'f', 'm'],
  y: ['r', 'f', 'm'],
  'color-by': ['m-score', 'monetary', 'count'],
  attempts: ['first', 'any'],
  ties: ['low', 'dense'],
  frequency: ['orders', 'days'],
};

// ------------------------------------------------------------ reading the manifest

const sorted = (list) => [...list].sort();
const elements = manifest.modules.flatMap((module) => module.declarations.filter((d) => d.customElement).map((declaration) => ({ module, declaration })));
const elementByTag = new Map(elements.map(({ module, declaration }) => [declaration.tagName, { module, declaration }]));
const classByName = new Map(manifest.modules.flatMap((module) => module.declarations.filter((d) => d.kind === 'class').map((d) => [d.name, { module, declaration: d }])));

/** The detail type of an event: its `type` names a class of the manifest whose `detail` field is typed. */
function detailType(event) {
  const reference = event.type.references?.find((r) => r.name === event.type.text);
  assert.ok(reference, `${event.name}: its type ${event.type.text} has no reference`);
  const target = classByName.get(reference.name);
  assert.ok(target, `${event.name}: ${reference.name} is not declared in the manifest`);
  assert.equal(target.module.path, reference.module, `${event.name}: ${reference.name} is declared in ${target.module.path}`);
  const name = target.declaration.members.find((m) => m.static && m.name === 'type')?.default;
  assert.equal(name, `'${event.name}'`, `${reference.name}.type`);
  return target.declaration.members.find((m) => m.name === 'detail')?.type?.text;
}

/** Literal members of a union type text, e.g. `'r' | 'f' | 'm' | undefined` → r, f, m. */
const literalsOf = (text) => [...text.matchAll(/'([^']*)'/g)].map((m) => m[1]);

describe('custom-elements.json', () => {
  it('is valid against the custom-elements-manifest schema it declares', () => {
    assert.equal(manifest.schemaVersion, require('custom-elements-manifest/package.json').version);
    const ajv = new Ajv({ allErrors: true, strict: false }).addSchema(schema, 'cem');
    const validate = ajv.getSchema('cem');
    assert.ok(validate(manifest), JSON.stringify(validate.errors, null, 2));
    // Declarations are an `anyOf` in the schema, which a malformed element still passes as a plain
    // class: check each against its own definition too.
    const customElement = ajv.getSchema('cem#/definitions/CustomElementDeclaration');
    const plainClass = ajv.getSchema('cem#/definitions/ClassDeclaration');
    for (const module of manifest.modules) {
      for (const declaration of module.declarations) {
        const check = declaration.customElement ? customElement : plainClass;
        assert.ok(check(declaration), `${declaration.name}: ${JSON.stringify(check.errors, null, 2)}`);
      }
    }
  });

  it('describes exactly the six elements, each in the shipped module that defines its tag', () => {
    assert.deepEqual(sorted(elementByTag.keys()), sorted(Object.keys(expected)));
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString());
    const shipped = new Set(pack.files.map((f) => f.path));
    for (const module of manifest.modules) assert.ok(shipped.has(module.path), `${module.path} is not in the package`);
    for (const [tag, { module, declaration }] of elementByTag) {
      assert.equal(declaration.name, expected[tag].className);
      const definition = module.exports.find((e) => e.kind === 'custom-element-definition');
      assert.deepEqual(definition, { kind: 'custom-element-definition', name: tag, declaration: { name: declaration.name, module: module.path } });
    }
  });

  for (const [tag, api] of Object.entries(expected)) {
    describe(tag, () => {
      const element = () => elementByTag.get(tag).declaration;

      it('lists every event with its name and detail type', () => {
        const events = Object.fromEntries(element().events.map((event) => [event.name, detailType(event)]));
        assert.deepEqual(events, api.events);
      });

      it('lists the public attributes and properties only', () => {
        assert.deepEqual(sorted(element().attributes.map((a) => a.name)), sorted(api.attributes));
        const fields = element().members.filter((m) => m.kind === 'field');
        assert.deepEqual(sorted(fields.map((m) => m.name)), sorted(api.properties));
        assert.deepEqual(sorted(element().members.filter((m) => m.kind === 'method').map((m) => m.name)), sorted(api.methods));
        for (const member of element().members) {
          assert.ok(!member.static && (member.privacy ?? 'public') === 'public', `${member.name} is not public`);
          assert.equal(member.inheritedFrom, undefined, `${member.name} points at an unshipped base class`);
        }
      });

      it('lists its parts, CSS custom properties and custom states', () => {
        assert.deepEqual(sorted(element().cssParts.map((p) => p.name)), sorted(new Set(api.parts)));
        assert.deepEqual(sorted(element().cssProperties.map((p) => p.name)), sorted(api.cssProperties));
        assert.deepEqual(sorted((element().cssStates ?? []).map((p) => p.name)), sorted(api.cssStates));
      });

      it('describes the element and each of its attributes, properties, events, parts and CSS properties', () => {
        assert.ok(element().description.length > 20, 'element description');
        for (const key of ['attributes', 'members', 'events', 'cssParts', 'cssProperties', 'cssStates']) {
          for (const item of element()[key] ?? []) assert.ok(item.description, `${key}: ${item.name} has no description`);
        }
      });

      it('spells out the allowed values of its enumerated attributes', () => {
        for (const attribute of element().attributes) {
          if (ENUMERATED[attribute.name]) assert.deepEqual(sorted(literalsOf(attribute.type.text)), sorted(ENUMERATED[attribute.name]), attribute.name);
        }
        const follow = element().attributes.find((a) => a.name === 'follow-selection');
        if (follow) assert.equal(follow.type.text, 'boolean');
      });
    });
  }

  it('VS Code and JetBrains data offer every attribute, with the allowed values of each enumerated one', () => {
    const vscode = JSON.parse(readFileSync(resolve(root, 'dist/vscode.html-custom-data.json'), 'utf8'));
    const webTypes = JSON.parse(readFileSync(resolve(root, 'dist/web-types.json'), 'utf8'));
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
    assert.equal(pkg['web-types'], './dist/web-types.json');
    for (const [tag, api] of Object.entries(expected)) {
      const code = vscode.tags.find((t) => t.name === tag);
      const jetbrains = webTypes.contributions.html.elements.find((e) => e.name === tag);
      assert.deepEqual(sorted(code.attributes.map((a) => a.name)), sorted(api.attributes), `${tag} in VS Code`);
      assert.deepEqual(sorted(jetbrains.attributes.map((a) => a.name)), sorted(api.attributes), `${tag} in web-types`);
      assert.deepEqual(sorted(jetbrains.js.events.map((e) => e.name)), sorted(Object.keys(api.events)), `${tag} events in web-types`);
      for (const name of api.attributes) {
        const inCode = code.attributes.find((a) => a.name === name);
        const inJetBrains = jetbrains.attributes.find((a) => a.name === name);
        if (ENUMERATED[name]) {
          assert.deepEqual(sorted(inCode.values.map((v) => v.name)), sorted(ENUMERATED[name]), `${tag} ${name} in VS Code`);
          assert.deepEqual(sorted(inJetBrains.values.map((v) => v.name)), sorted(ENUMERATED[name]), `${tag} ${name} in web-types`);
        } else if (name === 'follow-selection') {
          assert.equal(inCode.valueSet, 'v', 'a boolean attribute takes no value');
          assert.equal(inJetBrains.value.kind, 'no-value');
        } else {
          assert.equal(inCode.values, undefined, `${tag} ${name} is free text`);
        }
      }
    }
  });

  it('is small: no private members or source-only modules (under 200 KB, indented)', () => {
    const text = readFileSync(resolve(root, 'dist/custom-elements.json'), 'utf8');
    assert.ok(text.length < 200_000, `${text.length} bytes`);
    assert.doesNotMatch(text, /"src\//);
    assert.doesNotMatch(text, /"privacy": "(private|protected)"/);
  });
});
