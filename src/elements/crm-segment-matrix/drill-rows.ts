import type { ResultOf } from '../../contract/query.js';

/** One customer of the drill-down table, as the engine answers it, with its segment's name in the page's language. */
export type DrillRow = ResultOf<'rfm-page'>['rows'][number] & { segmentLabel: string };
