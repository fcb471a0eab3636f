import type { Payload } from '../../src/contract/index.js';
import { generateSample, type SampleOptions } from '../../src/sample/index.js';

const payloads = new Map<string, Payload>();

/** Seeded sample payloads, generated once per options so switching stories stays instant. */
export function sample(options: SampleOptions = {}): Payload {
  const key = JSON.stringify(options);
  let payload = payloads.get(key);
  if (!payload) payloads.set(key, (payload = generateSample({ seed: 42, customers: 600, ...options })));
  return payload;
}

/** A payload the contract rejects as a whole, to show the error view. */
export const brokenPayload = { schemaVersion: 1, surveys: 'not a list' };

/** A sample with a few rows the validator sets aside, to show "rows set aside" and its details. */
export function sampleWithIssues(): Payload {
  const payload = structuredClone(sample()) as Payload & { surveys: Record<string, unknown>[] };
  payload.surveys[2]!['score'] = 11;
  payload.surveys[5]!['date'] = 'yesterday';
  payload.surveys[8]!['customerId'] = 'nobody';
  return payload;
}

const SURNAMES_TW = '陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周';
const GIVEN_TW = '怡君志明雅婷家豪淑芬俊傑美玲建宏佩珊宗翰';
const COMPANIES_TW = ['台積科技', '永豐家居', '東元建材', '統一食品', '長榮物流', '和泰醫療', '宏達電子', '華新實業'];
const REGIONS_TW: Record<string, string> = { 华东: '華東', 华南: '華南', 华北: '華北', 西南: '西南', 华中: '華中', North: '北區', South: '南區', East: '東區', West: '西區' };
const OWNERS_TW = ['陳怡君', '林志明', '黃雅婷', '張家豪'];
const COMMENTS_TW: Record<string, string> = { 服务很好: '服務很好', 响应太慢: '回應太慢', 'Great onboarding': '導入很順利', 'Pricing is unclear': '價格不夠清楚', '<b>bold</b> claim': '<b>誇大</b>說法' };

let taiwan: Payload | undefined;

/**
 * The sample as a Taiwanese CRM would hold it: the same customers, orders and ids, with names,
 * companies, regions, owners and survey comments in Traditional Chinese, so a zh-TW story shows
 * no English at all (the data's included).
 */
export function sampleTaiwan(): Payload {
  if (taiwan) return taiwan;
  const payload = structuredClone(sample()) as unknown as { customers: Record<string, unknown>[]; surveys: Record<string, unknown>[] };
  payload.customers.forEach((c, i) => {
    c['name'] = SURNAMES_TW[i % SURNAMES_TW.length]! + GIVEN_TW.slice((i * 2) % GIVEN_TW.length, ((i * 2) % GIVEN_TW.length) + 2);
    c['company'] = COMPANIES_TW[i % COMPANIES_TW.length];
    c['owner'] = OWNERS_TW[i % OWNERS_TW.length];
    if (typeof c['region'] === 'string') c['region'] = REGIONS_TW[c['region']] ?? c['region'];
  });
  for (const s of payload.surveys) if (typeof s['comment'] === 'string') s['comment'] = COMMENTS_TW[s['comment']] ?? s['comment'];
  return (taiwan = payload as unknown as Payload);
}
