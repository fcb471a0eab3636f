import type { RfmSegment } from '../metrics/types.js';
import type { Locale } from './locale.js';
import { createTranslator, defineMessages } from './translate.js';

/**
 * Names of the ten RFM segments, shared by every widget that shows them (the segment
 * matrix, the customer 360 card), so a segment reads the same everywhere. The words are the
 * segment matrix's (its `segment.*` messages), so both widgets agree until it reads them from here.
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
  'zh-CN': {
    champions: '核心客户',
    loyal: '忠诚客户',
    potential_loyalist: '潜力客户',
    new: '新客户',
    promising: '成长客户',
    need_attention: '需关注客户',
    about_to_sleep: '即将沉睡客户',
    at_risk: '流失风险客户',
    cant_lose: '重要挽留客户',
    hibernating: '沉睡客户',
  },
});

/** An RFM segment's name in `locale`. */
export function segmentLabel(segment: RfmSegment, locale: Locale): string {
  return createTranslator(locale, segmentMessages)(segment);
}
