// Type test: a shipped locale is complete by type. src/locales/zh-CN.ts is written `satisfies KitMessages`,
// so a key missing from (or misspelt in) one of its catalogues fails the build, as it did when the
// Chinese sat beside the English in each catalogue.
import type { KitMessages } from 'crm-widget-kit';
import { zhCN } from 'crm-widget-kit/locales/zh-CN';
import { zhTW } from 'crm-widget-kit/locales/zh-TW';

const complete = [zhCN satisfies KitMessages, zhTW satisfies KitMessages];

const { title: _dropped, ...npsWithoutTitle } = zhCN.nps;
// @ts-expect-error: nps.title is missing
const missing = { ...zhCN, nps: npsWithoutTitle } satisfies KitMessages;

// @ts-expect-error: `titel` is no key of the funnel's catalogue
const misspelt = { ...zhCN, funnel: { ...zhCN.funnel, titel: '销售漏斗' } } satisfies KitMessages;

export default [complete, missing, misspelt];
