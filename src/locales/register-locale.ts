import { addLocale, type Messages, type SharedKey } from '../i18n/index.js';
import { addShippedLocale, type ShippedLocale } from '../i18n/registry.js';
import type { RfmSegment } from '../metrics/index.js';
import type { C360Key } from '../elements/crm-customer-360/messages.js';
import type { FilterBarKey } from '../elements/crm-filter-bar/messages.js';
import type { FunnelKey } from '../elements/crm-lifecycle-funnel/messages.js';
import type { NpsKey } from '../elements/crm-nps-gauge/messages.js';
import type { MatrixKey } from '../elements/crm-segment-matrix/messages.js';

/**
 * Every string of the kit, by catalogue: the frame and states every widget shares (`shared`),
 * the RFM segment names (`segments`) and each widget's own. A complete locale has them all;
 * type yours with `satisfies KitMessages` and the compiler lists what is missing.
 */
export interface KitMessages {
  shared: Messages<SharedKey>;
  segments: Messages<RfmSegment>;
  nps: Messages<NpsKey>;
  funnel: Messages<FunnelKey>;
  matrix: Messages<MatrixKey>;
  customer360: Messages<C360Key>;
  filterBar: Messages<FilterBarKey>;
}

/** What `registerLocale` accepts: any catalogue, any subset of its keys. */
export type LocaleMessages = { [C in keyof KitMessages]?: Partial<KitMessages[C]> };

/**
 * Teach every widget of the page a locale, or reword some strings of one it speaks, without
 * forking the kit. Messages are strings with `{name}` placeholders, plural forms picked through
 * `Intl.PluralRules` (`{ one: '{n} row', other: '{n} rows' }`), or functions. A key the locale
 * lacks is shown in English, with one console warning for the locale. Numbers, dates and
 * relative times follow the tag through `Intl`. Returns the tag in canonical form.
 *
 * @example
 * registerLocale('fr', { shared: { 'state.loading': 'Chargement…' }, nps: { title: 'Net Promoter Score' } });
 * document.querySelector('crm-nps-gauge').locale = 'fr';
 */
export function registerLocale(tag: string, messages: LocaleMessages): string {
  return addLocale(tag, messages);
}

/**
 * The words of a locale the kit ships (src/locales/zh-CN.ts, zh-TW.ts), registered by its own chunk:
 * complete by type, and beneath anything a host registered for the tag before the chunk arrived.
 */
export function registerShippedLocale(tag: ShippedLocale, messages: KitMessages): void {
  const catalogs: LocaleMessages = messages;
  addShippedLocale(tag, catalogs);
}
