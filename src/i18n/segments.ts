import type { RfmSegment } from '../metrics/types.js';
import type { Locale } from './locale.js';
import { createTranslator, defineMessages } from './translate.js';

/**
 * Names of the ten RFM segments, shared by every widget that shows them (the segment
 * matrix, the customer 360 card), so a segment reads the same everywhere. The words are the
 * segment matrix's (its `segment.*` messages), so both widgets agree until it reads them from here.
 * English is built in; the other locales are in src/locales/.
 */
export const segmentMessages = defineMessages<RfmSegment>('segments', {
  en: {
    champions: 'Champions',
    loyal: 'Loyal',
    potential_loyalist: 'Potential loyalists',
    new: 'New customers',
    promising: 'Promising',
    need_attention: 'Need attention',
    about_to_sleep: 'About to sleep',
    at_risk: 'At risk',
    cant_lose: 'Can’t lose them',
    hibernating: 'Hibernating',
  },
});

/** An RFM segment's name in `locale`. */
export function segmentLabel(segment: RfmSegment, locale: Locale): string {
  return createTranslator(locale, segmentMessages)(segment);
}
