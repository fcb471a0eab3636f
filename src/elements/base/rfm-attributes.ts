import type { PropertyDeclarations } from 'lit';
import { parseThresholds } from '../../metrics/score-rules.js';
import type { RfmAxis, RfmOptions } from '../../metrics/index.js';

/**
 * The RFM scoring attributes, shared by every widget that shows RFM scores (the matrix and
 * the 360 card), so two widgets on one page score the same way when given the same words.
 */
export const rfmProperties: PropertyDeclarations = {
  ties: {},
  frequency: {},
  rThresholds: { attribute: 'r-thresholds' },
  fThresholds: { attribute: 'f-thresholds' },
  mThresholds: { attribute: 'm-thresholds' },
};

export interface RfmAttributes {
  ties?: string;
  frequency?: string;
  rThresholds?: string;
  fThresholds?: string;
  mThresholds?: string;
}

/**
 * The RFM options the attributes stand for. An unknown `ties` or `frequency` means the
 * default; thresholds that are not five ascending numbers mean rank scoring on that axis.
 */
export function rfmOptionsOf(host: RfmAttributes): RfmOptions {
  const options: RfmOptions = {};
  if (host.ties === 'dense') options.ties = 'dense';
  if (host.frequency === 'days') options.frequency = 'days';
  const thresholds: Partial<Record<RfmAxis, number[]>> = {};
  for (const [axis, text] of [['r', host.rThresholds], ['f', host.fThresholds], ['m', host.mThresholds]] as const) {
    const parsed = text ? parseThresholds(text) : null;
    if (parsed) thresholds[axis] = parsed;
  }
  if (Object.keys(thresholds).length) options.thresholds = thresholds;
  return options;
}
