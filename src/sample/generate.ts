import type { ColumnsOf, Payload, RowOf, StageDef } from '../contract/fields.js';
import { CHANNELS, type CollectionName } from '../contract/fields.js';
import { createRandom, type Random } from './random.js';

export interface SampleOptions {
  seed?: number;
  customers?: number;
  orders?: number;
  /** Survey responses; default 60 % of customers. */
  surveys?: number;
  /** Interactions; default half the orders, at least 3 per customer on average. */
  interactions?: number;
  /** Deals moving through the stages; default 80 % of customers. */
  deals?: number;
  tickets?: number;
  asOf?: string;
  /** `rows` (arrays of objects) or `columnar` (one array per field). */
  form?: 'rows' | 'columnar';
  /** Columnar only: timestamps as ISO strings or epoch ms. */
  dates?: 'iso' | 'epoch';
  /** Include the edge cases metrics must survive (default true). */
  edgeCases?: boolean;
}

const DAY = 86_400_000;

export const SAMPLE_STAGES: StageDef[] = [
  { key: 'lead', label: { en: 'Lead', 'zh-CN': '线索', 'zh-TW': '線索' } },
  { key: 'opportunity', label: { en: 'Opportunity', 'zh-CN': '商机', 'zh-TW': '商機' } },
  { key: 'signed', label: { en: 'Signed', 'zh-CN': '签单', 'zh-TW': '簽單' } },
  { key: 'paid', label: { en: 'Paid', 'zh-CN': '回款', 'zh-TW': '回款' } },
];

const SURNAMES_ZH = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN_ZH = ['芳', '伟', '娜', '敏', '静', '强', '磊', '洋', '艳', '勇', '军', '杰', '婷', '涛', '明', '超'];
const FIRST_EN = ['Ann', 'James', 'Maria', 'David', 'Emma', 'Lucas', 'Olivia', 'Noah', 'Sofia', 'Liam'];
const LAST_EN = ['Smith', 'Garcia', 'Müller', 'Lee', 'Brown', 'Martin', 'Rossi', 'Nguyen', 'Kim', 'Silva'];
const COMPANIES = ['华星科技', '蓝海家居', '东方建材', '天润食品', '云帆物流', '和泰医疗', 'Acme Corp', 'Globex', 'Initech', 'Umbrella', 'Northwind', 'Contoso'];
const REGIONS_ZH = ['华东', '华南', '华北', '西南', '华中'];
const REGIONS_EN = ['North', 'South', 'East', 'West'];
const OWNERS = ['陈静', '刘洋', '张伟', 'Alice Chen', 'Bob Wu', 'Carol Li'];
const HOSTILE_NAMES = ['李<script>x</script>', '<img src=x onerror=alert(1)>', 'Tom & "Jerry" <b>'];

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19) + 'Z';

interface Columns {
  [field: string]: unknown[];
}

function customerName(random: Random, chinese: boolean): string {
  return chinese
    ? random.pick(SURNAMES_ZH) + random.pick(GIVEN_ZH) + (random.chance(0.4) ? random.pick(GIVEN_ZH) : '')
    : `${random.pick(FIRST_EN)} ${random.pick(LAST_EN)}`;
}

/**
 * Realistic contract data of any size, the same bytes for the same options.
 * Activity is skewed (a few customers place most orders), a share of customers never
 * buys, and — unless `edgeCases` is false — the data carries refunds, records after
 * `asOf`, tied amounts, out-of-order and duplicated stage events, and names with HTML.
 */
export function generateSample(options: SampleOptions = {}): Payload {
  const random = createRandom(options.seed ?? 42);
  const customerCount = options.customers ?? 200;
  const orderCount = options.orders ?? customerCount * 5;
  const surveyCount = options.surveys ?? Math.round(customerCount * 0.6);
  const interactionCount = options.interactions ?? Math.max(Math.round(orderCount / 2), customerCount * 3);
  const dealCount = options.deals ?? Math.round(customerCount * 0.8);
  const ticketCount = options.tickets ?? Math.round(customerCount * 0.3);
  const asOfText = options.asOf ?? '2026-10-31T23:59:59Z';
  const asOf = Date.parse(asOfText);
  const edge = options.edgeCases ?? true;
  const epoch = options.form === 'columnar' && options.dates === 'epoch';
  const stamp = (ms: number): string | number => (epoch ? Math.floor(ms / 1000) * 1000 : iso(ms));

  // Customers. Activity weight follows a Pareto-like law; 10 % never buy.
  const customers: Columns = { id: [], name: [], company: [], segment: [], region: [], owner: [], createdAt: [], lifecycleStage: [] };
  const weight = new Float64Array(customerCount);
  const created = new Float64Array(customerCount);
  for (let i = 0; i < customerCount; i++) {
    const chinese = random.chance(0.65);
    const id = `C${String(i).padStart(6, '0')}`;
    const hostile = edge && i % 97 === 3;
    created[i] = asOf - random.int(20, 4 * 365) * DAY - random.int(0, DAY - 1);
    customers.id!.push(id);
    customers.name!.push(hostile ? HOSTILE_NAMES[i % HOSTILE_NAMES.length]! : customerName(random, chinese));
    customers.company!.push(random.chance(0.85) ? random.pick(COMPANIES) : null);
    customers.segment!.push(random.chance(0.4) ? 'B2B' : 'B2C');
    customers.region!.push(chinese ? random.pick(REGIONS_ZH) : random.pick(REGIONS_EN));
    customers.owner!.push(random.pick(OWNERS));
    customers.createdAt!.push(stamp(created[i]!));
    customers.lifecycleStage!.push(random.pick(SAMPLE_STAGES).key);
    weight[i] = random.chance(0.1) ? 0 : 1 / Math.pow(1 - random.next() * 0.999, 0.8);
  }
  const cumulative = new Float64Array(customerCount);
  let total = 0;
  for (let i = 0; i < customerCount; i++) cumulative[i] = total += weight[i]!;
  const pickCustomer = (): number => {
    const target = random.next() * total;
    let lo = 0;
    let hi = customerCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Recent activity decays for some customers, so "silent" and "spend drop" occur.
  const activityEnd = new Float64Array(customerCount);
  for (let i = 0; i < customerCount; i++) {
    activityEnd[i] = random.chance(0.3) ? asOf - random.int(60, 500) * DAY : asOf;
  }
  const dateFor = (customer: number): number => {
    const start = created[customer]!;
    const end = Math.max(start + DAY, activityEnd[customer]!);
    return Math.floor(start + random.next() * (end - start));
  };

  const orders: Columns = { id: [], customerId: [], date: [], amount: [] };
  for (let i = 0; i < orderCount; i++) {
    const customer = pickCustomer();
    let date = dateFor(customer);
    if (edge && i % 211 === 7) date = asOf + random.int(1, 30) * DAY; // after asOf: must be ignored
    let amount = Math.round(random.logNormal(6.5, 1.1) * 100) / 100;
    if (edge && i % 37 === 5) amount = -Math.round(amount * 0.5 * 100) / 100; // refund or credit
    else if (edge && i % 13 === 0) amount = 999; // ties
    orders.id!.push(`O${i}`);
    orders.customerId!.push(customers.id![customer]!);
    orders.date!.push(stamp(date));
    orders.amount!.push(amount);
  }

  const interactions: Columns = { id: [], customerId: [], date: [], channel: [] };
  const channelWeights = ['wechat', 'wechat', 'wechat', 'phone', 'phone', 'email', 'email', 'meeting', 'visit', 'sms', 'chat', 'other'] as const;
  for (let i = 0; i < interactionCount; i++) {
    const customer = pickCustomer();
    interactions.id!.push(`I${i}`);
    interactions.customerId!.push(customers.id![customer]!);
    interactions.date!.push(stamp(dateFor(customer)));
    interactions.channel!.push(random.pick(channelWeights satisfies readonly (typeof CHANNELS)[number][]));
  }

  const surveys: Columns = { id: [], customerId: [], date: [], score: [], comment: [] };
  const comments = ['服务很好', '响应太慢', 'Great onboarding', 'Pricing is unclear', '<b>bold</b> claim', null, null, null];
  for (let i = 0; i < surveyCount; i++) {
    const customer = random.int(0, customerCount - 1);
    // Scores lean positive with a long tail of detractors, as B2B NPS surveys do.
    const u = random.next();
    const score = u < 0.42 ? random.int(9, 10) : u < 0.72 ? random.int(7, 8) : random.int(0, 6);
    let date = asOf - random.int(0, 540) * DAY - random.int(0, DAY - 1);
    // Nobody answers a survey before they are a customer: the earliest answer is a day after "customer since".
    date = Math.max(date, created[customer]! + DAY);
    if (edge && i % 53 === 11) date = asOf + random.int(1, 20) * DAY;
    surveys.id!.push(`S${i}`);
    surveys.customerId!.push(edge && i % 19 === 4 ? null : customers.id![customer]!);
    surveys.date!.push(stamp(date));
    surveys.score!.push(score);
    surveys.comment!.push(random.pick(comments));
  }

  const stageEvents: Columns = { entityId: [], customerId: [], stage: [], date: [] };
  const conversion = [0.6, 0.65, 0.75];
  for (let d = 0; d < dealCount; d++) {
    const customer = random.int(0, customerCount - 1);
    const entity = `D${String(d).padStart(6, '0')}`;
    let date = asOf - random.int(5, 720) * DAY - random.int(0, DAY - 1);
    const rows: [string, number][] = [[SAMPLE_STAGES[0]!.key, date]];
    for (let s = 1; s < SAMPLE_STAGES.length; s++) {
      if (!random.chance(conversion[s - 1]!)) break;
      date += Math.round(random.exponential(6 * DAY));
      rows.push([SAMPLE_STAGES[s]!.key, date]);
    }
    if (edge && d % 17 === 2) rows.push([rows[rows.length - 1]![0], date + DAY]); // duplicated stage event
    if (edge && d % 23 === 5 && rows.length > 1) rows.reverse(); // arrives out of order
    for (const [stage, at] of rows) {
      stageEvents.entityId!.push(entity);
      stageEvents.customerId!.push(customers.id![customer]!);
      stageEvents.stage!.push(stage);
      stageEvents.date!.push(stamp(at));
    }
  }

  const tickets: Columns = { id: [], customerId: [], openedAt: [], firstResponseAt: [], resolvedAt: [] };
  for (let i = 0; i < ticketCount; i++) {
    const customer = pickCustomer();
    const opened = asOf - random.int(0, 365) * DAY - random.int(0, DAY - 1);
    const responded = random.chance(0.9) ? opened + Math.round(random.exponential(1.5 * 3_600_000)) : null;
    const resolved = responded !== null && random.chance(0.8) ? responded + Math.round(random.exponential(2 * DAY)) : null;
    tickets.id!.push(`T${i}`);
    tickets.customerId!.push(customers.id![customer]!);
    tickets.openedAt!.push(stamp(opened));
    tickets.firstResponseAt!.push(responded !== null && responded <= asOf ? stamp(responded) : null);
    tickets.resolvedAt!.push(resolved !== null && resolved <= asOf ? stamp(resolved) : null);
  }

  const collections: Record<CollectionName, Columns> = { customers, orders, interactions, surveys, stageEvents, tickets };
  const payload: Payload = { schemaVersion: 1, asOf: asOfText, currency: 'CNY', stages: SAMPLE_STAGES };
  for (const [name, columns] of Object.entries(collections) as [CollectionName, Columns][]) {
    (payload as Record<string, unknown>)[name] = options.form === 'columnar' ? { columns } : toRows(columns);
  }
  return payload;
}

/** Turn one array per field into one object per row, leaving out nulls as a backend would. */
export function toRows(columns: Columns): Record<string, unknown>[] {
  const fields = Object.keys(columns);
  const length = fields.length ? columns[fields[0]!]!.length : 0;
  const rows: Record<string, unknown>[] = new Array(length);
  for (let i = 0; i < length; i++) {
    const row: Record<string, unknown> = {};
    for (const field of fields) {
      const value = columns[field]![i];
      if (value !== null && value !== undefined) row[field] = value;
    }
    rows[i] = row;
  }
  return rows;
}

export type { ColumnsOf, RowOf };
