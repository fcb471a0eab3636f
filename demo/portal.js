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
  'zh-TW': {
    'nav.analytics': '客戶分析', 'nav.accounts': '客戶管理', 'nav.tickets': '客服中心',
    'control.language': '語言', 'control.theme': '主題', 'control.data': '資料',
    'theme.light': '淺色', 'theme.dark': '深色',
    'mode.ok': '範例資料（2,000 位客戶）', 'mode.slow': '後端回應慢', 'mode.fail': '後端無法使用', 'mode.invalid': '資料格式錯誤', 'mode.empty': '空資料', 'mode.large': '大量資料（100 萬筆訂單）',
    'host.stageTitle': '業務追蹤', 'host.stageHint': '在漏斗中選擇一個階段以篩選此清單。',
    'host.cellTitle': '所選方格的客戶', 'host.cellHint': '在矩陣中選擇一個方格。',
    'host.logTitle': '事件紀錄',
    stageFilter: (stage, count) => `階段「${stage}」：共 ${count.toLocaleString('zh-TW')} 筆商機到達。待追蹤：`,
    cellFilter: (x, y, count) => `方格 ${x} × ${y}：${count.toLocaleString('zh-TW')} 位客戶。選擇客戶以開啟客戶概覽。`,
    task: (stage, i) => `追蹤「${stage}」階段商機 #${i + 1}`,
  },
};
const EXPORT_LABEL = { en: { csv: 'Download CSV', png: 'Download PNG' }, 'zh-CN': { csv: '下载 CSV', png: '下载 PNG' }, 'zh-TW': { csv: '下載 CSV', png: '下載 PNG' } };
let locale = 'en';
const t = (key) => STRINGS[locale][key];

function applyLanguage(next) {
  locale = next;
  document.documentElement.lang = next;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('.widget-actions button')) node.textContent = EXPORT_LABEL[next][node.dataset.format];
  // Page-wide, for every widget; the loader fetches zh-CN's or zh-TW's messages the first time they are asked for.
  window.CrmWidgetKit.configure({ locale: next });
}
// One switch for the whole page: the kit's themes/dark.css applies under <html class="crm-theme-dark">.
function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  window.CrmWidgetKit.configure({ theme }); // sets crm-theme-dark or crm-theme-light on <html>
}

// Export buttons: the widget's own download(format), enabled once it has drawn its data (crm-render).
for (const actions of document.querySelectorAll('.widget-actions')) {
  const widget = actions.previousElementSibling;
  for (const format of actions.dataset.formats.split(' ')) {
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.format = format;
    b.disabled = true;
    b.addEventListener('click', () => widget.download(format).catch((error) => log({ type: 'download failed', target: widget, detail: { message: error.message } })));
    actions.append(b);
  }
  const enable = () => actions.querySelectorAll('button').forEach((b) => (b.disabled = false));
  if (widget.matches(':state(ready), :state(empty)')) enable();
  else widget.addEventListener('crm-render', enable, { once: true });
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
for (const type of ['crm-load', 'crm-render', 'crm-error', 'crm-data-warning']) document.addEventListener(type, log);
// The filters the user set live in the page's URL (crm.* parameters), so a link shares the same slice.
document.addEventListener('crm-filter-change', (event) => {
  log(event);
  const url = new URL(location.href);
  url.search = window.CrmWidgetKit.filtersToSearchParams(source.filters, url.searchParams).toString();
  history.replaceState(null, '', url);
});
// Every kit tag of the page is defined (the script tag did it): nothing flashes from here on.
window.CrmWidgetKit.allDefined().then(() => document.documentElement.classList.add('crm-ready'));

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
source.filters = window.CrmWidgetKit.filtersFromSearchParams(params);
if (params.get('mode')) {
  $('mode').value = params.get('mode');
  source.setAttribute('src', `/api/data?mode=${params.get('mode')}`);
}
applyLanguage(['zh-CN', 'zh-TW'].includes(params.get('lang')) ? params.get('lang') : 'en');
$('language').value = locale;
applyTheme(params.get('theme') === 'dark' || (!params.get('theme') && matchMedia('(prefers-color-scheme: dark)').matches) ? 'dark' : 'light');
$('theme').value = document.documentElement.dataset.theme;
card.setAttribute('customer-id', params.get('customer') ?? 'C000001');
