// The host page's own script. It knows the kit only through attributes, properties and events.
const $ = (id) => document.getElementById(id);
const source = $('crm');
const card = $('card');

const STRINGS = {
  en: {
    'nav.analytics': 'Customer analytics', 'nav.accounts': 'Accounts', 'nav.tickets': 'Service desk',
    'control.language': 'Language', 'control.theme': 'Theme', 'control.data': 'Data',
    'theme.light': 'Light', 'theme.dark': 'Dark',
    'mode.ok': 'Sample (2,000 customers)', 'mode.slow': 'Slow backend', 'mode.fail': 'Backend down', 'mode.invalid': 'Invalid payload', 'mode.empty': 'Empty', 'mode.large': 'Large (1,000,000 orders)',
    'host.stageTitle': 'Pipeline follow-up', 'host.stageHint': 'Select a funnel stage to filter this list.',
    'host.cellTitle': 'Customers in the selected cell', 'host.cellHint': 'Select a cell in the matrix.',
    'host.logTitle': 'Event log',
    stageFilter: (stage, count) => `Stage “${stage}”: ${count.toLocaleString('en')} deals reached it. Follow-up tasks:`,
    cellFilter: (x, y, count) => `Cell ${x} × ${y}: ${count.toLocaleString('en')} customers. Pick one to open the customer card.`,
    task: (stage, i) => `Follow up deal #${i + 1} at ${stage}`,
  },
  'zh-CN': {
    'nav.analytics': '客户分析', 'nav.accounts': '客户管理', 'nav.tickets': '服务台',
    'control.language': '语言', 'control.theme': '主题', 'control.data': '数据',
    'theme.light': '浅色', 'theme.dark': '深色',
    'mode.ok': '示例数据（2,000 位客户）', 'mode.slow': '后端响应慢', 'mode.fail': '后端不可用', 'mode.invalid': '数据格式错误', 'mode.empty': '空数据', 'mode.large': '大数据量（100 万订单）',
    'host.stageTitle': '销售跟进', 'host.stageHint': '在漏斗中选择一个阶段以筛选此列表。',
    'host.cellTitle': '所选分组的客户', 'host.cellHint': '在矩阵中选择一个分组。',
    'host.logTitle': '事件日志',
    stageFilter: (stage, count) => `阶段「${stage}」：共 ${count.toLocaleString('zh-CN')} 个商机到达。待跟进：`,
    cellFilter: (x, y, count) => `分组 ${x} × ${y}：${count.toLocaleString('zh-CN')} 位客户。选择客户以查看客户画像。`,
    task: (stage, i) => `跟进「${stage}」阶段商机 #${i + 1}`,
  },
};
let locale = 'en';
const t = (key) => STRINGS[locale][key];

function applyLanguage(next) {
  locale = next;
  document.documentElement.lang = next;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const widget of document.querySelectorAll('crm-nps-gauge, crm-lifecycle-funnel, crm-segment-matrix, crm-customer-360')) widget.setAttribute('locale', next);
}
function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  for (const widget of document.querySelectorAll('crm-nps-gauge, crm-lifecycle-funnel, crm-segment-matrix, crm-customer-360')) widget.setAttribute('theme', theme);
}

function log(event) {
  const item = document.createElement('li');
  const detail = event.detail ? JSON.stringify(event.detail, (k, v) => (Array.isArray(v) && v.length > 5 ? `[${v.length} items]` : v)) : '';
  item.textContent = `${new Date().toLocaleTimeString(locale)} ${event.target.localName} ${event.type} ${detail.slice(0, 200)}`;
  $('event-log').prepend(item);
}

function button(text, onClick) {
  const li = document.createElement('li');
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.addEventListener('click', onClick);
  li.append(b);
  return li;
}

// Wiring through events only.
document.addEventListener('crm-select', (event) => {
  log(event);
  const detail = event.detail;
  if (detail.kind === 'stage') {
    $('stage-filter').textContent = t('stageFilter')(detail.stage, detail.count);
    $('stage-list').replaceChildren(...Array.from({ length: Math.min(detail.count, 8) }, (_, i) => button(t('task')(detail.stage, i), () => {})));
  }
  if (detail.kind === 'cell') {
    $('cell-hint').textContent = t('cellFilter')(detail.x, detail.y, detail.count);
    $('cell-list').replaceChildren(...detail.customerIds.slice(0, 50).map((id) => button(id, () => card.setAttribute('customer-id', id))));
  }
});
for (const type of ['crm-load', 'crm-error', 'crm-data-warning']) document.addEventListener(type, log);

$('language').addEventListener('change', (e) => applyLanguage(e.target.value));
$('theme').addEventListener('change', (e) => applyTheme(e.target.value));
$('mode').addEventListener('change', (e) => {
  const mode = e.target.value;
  source.setAttribute('src', mode === 'ok' ? '/api/data' : `/api/data?mode=${mode}`);
  const url = new URL(location.href);
  url.searchParams.set('mode', mode);
  history.replaceState(null, '', url);
});

const params = new URLSearchParams(location.search);
if (params.get('mode')) {
  $('mode').value = params.get('mode');
  source.setAttribute('src', `/api/data?mode=${params.get('mode')}`);
}
applyLanguage(params.get('lang') === 'zh-CN' ? 'zh-CN' : 'en');
$('language').value = locale;
applyTheme(params.get('theme') === 'dark' || (!params.get('theme') && matchMedia('(prefers-color-scheme: dark)').matches) ? 'dark' : 'light');
$('theme').value = document.documentElement.dataset.theme;
card.setAttribute('customer-id', params.get('customer') ?? 'C000001');
