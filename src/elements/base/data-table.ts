import { html } from 'lit';

/** The same numbers as the chart, as rows of already-formatted text. */
export interface TableSpec {
  caption: string;
  columns: { label: string; numeric?: boolean }[];
  /** The first cell of each row is its header. */
  rows: string[][];
}

/** The "table" view: a plain HTML table, so every number of a chart is readable by any assistive technology. */
export function renderTable(spec: TableSpec) {
  return html`<div class="table-wrap" part="table-wrap">
    <table part="table">
      <caption>${spec.caption}</caption>
      <thead>
        <tr>
          ${spec.columns.map((c) => html`<th scope="col" class=${c.numeric ? 'num' : ''}>${c.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${spec.rows.map(
          ([head, ...cells]) =>
            html`<tr>
              <th scope="row">${head}</th>
              ${cells.map((cell, i) => html`<td class=${spec.columns[i + 1]?.numeric ? 'num' : ''}>${cell}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
