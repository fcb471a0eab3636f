import { html, nothing } from 'lit';
import type { Header, Table } from '@tanstack/table-core';
import type { Formatter, Locale, Translate } from '../../i18n/index.js';
import type { ColumnId } from './drill-columns.js';
import type { DrillRow } from './drill-rows.js';
import type { MatrixKey } from './messages.js';
import { drillRowView, type DrillRowView, type drillWords } from './view-model.js';

/** What the drill-down asks of its element: close it, search it, open a customer. */
export interface DrillActions {
  close: () => void;
  search: (text: string) => void;
  selectCustomer: (customerId: string) => void;
}

export interface DrillContext {
  table: Table<DrillRow>;
  words: ReturnType<typeof drillWords>;
  tn: Translate<MatrixKey>;
  locale: Locale;
  fmt: Formatter;
}

/** The selected cell's customers: heading, text filter, the sortable page and the pager. */
export function drillTemplate({ table, words, tn, locale, fmt }: DrillContext, actions: DrillActions) {
  const rows = table.getRowModel().rows;
  const query = (table.getState().globalFilter as string | undefined) ?? '';
  return html`<section class="drill" part="drill" aria-labelledby="drill-title">
    <div class="drill-head">
      <p class="drill-title" id="drill-title" part="drill-title">${words.title}</p>
      <button class="link-button" part="drill-close" @click=${actions.close}>${tn('drill.close')}</button>
    </div>
    <label class="filter">
      <span>${tn('drill.filter')}</span>
      <input part="filter" type="search" placeholder=${tn('drill.filterHint')} .value=${query} @input=${(e: InputEvent) => actions.search((e.target as HTMLInputElement).value)} />
    </label>
    <div class="table-wrap">
      <table part="drill-table">
        <caption class="visually-hidden">${words.caption}</caption>
        <thead>
          <tr>
            ${table.getHeaderGroups()[0]!.headers.map((header) => headerTemplate(header, words.header(header.column.id as ColumnId)))}
          </tr>
        </thead>
        <tbody>
          ${rows.length === 0
            ? html`<tr><td colspan=${table.getVisibleLeafColumns().length} class="no-rows">${query ? tn('drill.noMatch', { query }) : tn('drill.none')}</td></tr>`
            : rows.map((row) => rowTemplate(drillRowView(row.original, locale, fmt), actions.selectCustomer))}
        </tbody>
      </table>
    </div>
    <div class="pager" part="pager" role="group" aria-label=${tn('pager.label')}>
      <button class="link-button" data-page="previous" ?disabled=${!table.getCanPreviousPage()} @click=${() => table.previousPage()}>${tn('pager.previous')}</button>
      <span class="pager-status" role="status">${words.status}</span>
      <button class="link-button" data-page="next" ?disabled=${!table.getCanNextPage()} @click=${() => table.nextPage()}>${tn('pager.next')}</button>
    </div>
  </section>`;
}

function headerTemplate(header: Header<DrillRow, unknown>, label: string) {
  const column = header.column;
  const id = column.id as ColumnId;
  const sorted = column.getIsSorted();
  const numeric = id !== 'name' && id !== 'company' && id !== 'segment';
  return html`<th scope="col" class="${numeric ? 'num' : ''} col-${id}" aria-sort=${sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
    <button class="sort" part="sort" data-column=${id} @click=${() => column.toggleSorting(undefined, false)}>
      ${label}<span class="sort-mark" aria-hidden="true">${sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
    </button>
  </th>`;
}

function rowTemplate(row: DrillRowView, selectCustomer: (customerId: string) => void) {
  return html`<tr part="drill-row" data-customer=${row.customerId} @click=${() => selectCustomer(row.customerId)}>
    <th scope="row" class="col-name">
      <button class="customer" part="customer" @click=${(e: Event) => (e.stopPropagation(), selectCustomer(row.customerId))}>${row.name}</button>
    </th>
    <td class="col-company">${row.company}</td>
    <td class="num col-recency">${row.recency}</td>
    <td class="num col-frequency">${row.frequency}</td>
    <td class="num col-monetary">${row.monetary}</td>
    <td class="col-segment">${row.segment}</td>
    <td class="num col-health">${row.band ? html`<span class="band band-${row.band}" aria-hidden="true"></span>` : nothing}${row.health}</td>
  </tr>`;
}
