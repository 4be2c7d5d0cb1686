/* global document, URL, Blob, setTimeout */
// Readable tables for the sendscope dashboards: every column shown in full (text wraps, nothing is cut off
// with "…"), the header row and the first column stay in view while the table scrolls inside its own box
// (wide tables, long lists); on a phone (560 px or less) each row becomes a card of "header: value" lines
// (style.css, from each cell's data-label); and, for the SENCO, a download of exactly the rows shown as
// CSV (safe against formula injection) and as an Excel workbook (exceljs, bundled from node_modules and
// loaded only when asked for).
import {html} from "htl";

/** The text of a cell as shown: `format[column](value, row)` if given, else numbers in en-GB, "–" for none. */
function shown(value, row, column, format) {
  const f = format?.[column];
  if (f) return f(value, row);
  if (value == null || value === "") return "–";
  if (typeof value === "number") return value.toLocaleString("en-GB", {maximumFractionDigits: 2});
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return String(value);
}

/**
 * A cell made safe for a spreadsheet: text starting with `=`, `+`, `-`, `@` (or a tab or carriage return,
 * OWASP's list) is prefixed with `'`, so Excel and LibreOffice show it as text instead of running it.
 */
export function safeCell(text) {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV field: escaped against formula injection, quoted when it holds a comma, quote or line break. */
export function csvField(value) {
  if (value == null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = safeCell(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text of a table (header row of the plain-English headers, then one row per record). */
export function toCsv(rows, columns, header, format) {
  const lines = [columns.map((c) => csvField(header[c] ?? c)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(exportValue(row[c], row, c, format))).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`; // BOM: Excel opens UTF-8 CSV with accents intact
}

/**
 * A value as exported: numbers stay numbers (also when shown as "+3" or "1,234"; not when shown as "14%" or
 * words), the rest is text as shown.
 */
function exportValue(value, row, column, format) {
  if (typeof value === "number" && !format?.[column]) return value;
  const text = shown(value, row, column, format);
  if (typeof value === "number" && Number(text.replace(/^\+/, "").replace(/,/g, "").replace(/^−/, "-")) === value) return value;
  return text === "–" ? null : text;
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function xlsx(rows, columns, header, format, sheetName) {
  const {default: ExcelJS} = await import("exceljs/dist/exceljs.min.js");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, " "));
  sheet.columns = columns.map((c) => ({header: header[c] ?? c, key: c, width: Math.min(60, Math.max(10, String(header[c] ?? c).length + 2))}));
  for (const row of rows) {
    // Text cells are written as text (exceljs never turns a string into a formula); the same ' prefix as the
    // CSV keeps a copy-and-paste out of the sheet safe too.
    sheet.addRow(Object.fromEntries(columns.map((c) => {
      const v = exportValue(row[c], row, c, format);
      return [c, typeof v === "string" ? safeCell(v) : v];
    })));
  }
  sheet.getRow(1).font = {bold: true};
  sheet.views = [{state: "frozen", ySplit: 1, xSplit: 1}];
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], {type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"});
}

/**
 * A table of `rows` (objects). Options: `columns` (keys, in order; default the first row's keys), `header`
 * (plain-English name of each column; required for every column shown), `format` (per column:
 * `(value, row) => text`), `download` (a file name stem: adds "Download CSV" and "Download Excel" buttons
 * for exactly these rows), `caption`, `maxHeight` (px before the table scrolls inside its box; default 440),
 * `empty` (text when there are no rows).
 */
export function dataTable(rows, {columns, header = {}, format = {}, download, caption, maxHeight = 440, empty = "None."} = {}) {
  const cols = columns ?? Object.keys(rows[0] ?? {});
  if (rows.length === 0) return html`<p class="muted table-empty">${caption ? html`<b>${caption}</b>: ` : ""}${empty}</p>`;
  const numeric = Object.fromEntries(cols.map((c) => [c, rows.every((r) => r[c] == null || typeof r[c] === "number")]));
  const table = html`<div class="data-table">
    ${caption || download ? html`<div class="table-tools">${caption ? html`<span class="table-caption">${caption}</span>` : ""}${download ? html`<span class="table-downloads">
      <button type="button" onclick=${() => save(new Blob([toCsv(rows, cols, header, format)], {type: "text/csv;charset=utf-8"}), `${download}.csv`)}>Download CSV</button>
      <button type="button" onclick=${async (event) => {
        const button = event.currentTarget;
        button.disabled = true;
        try {
          save(await xlsx(rows, cols, header, format, caption ?? download), `${download}.xlsx`);
        } finally {
          button.disabled = false;
        }
      }}>Download Excel</button></span>` : ""}</div>` : ""}
    <div class="table-scroll" style=${`max-height:${maxHeight}px`} tabindex="0" role="region" aria-label=${caption ?? "table"}>
      <table class="data"><thead><tr>${cols.map((c) => html`<th class=${numeric[c] ? "n" : ""} scope="col">${header[c] ?? c}</th>`)}</tr></thead>
      <tbody>${rows.map((r) => html`<tr>${cols.map((c, i) => i === 0 ? html`<th scope="row" class=${numeric[c] ? "n" : ""} data-label=${header[c] ?? c}>${shown(r[c], r, c, format)}</th>` : html`<td class=${numeric[c] ? "n" : ""} data-label=${header[c] ?? c}>${shown(r[c], r, c, format)}</td>`)}</tr>`)}</tbody></table>
    </div>
    <p class="table-count muted">${rows.length.toLocaleString("en-GB")} row${rows.length === 1 ? "" : "s"}</p>
  </div>`;
  return table;
}
