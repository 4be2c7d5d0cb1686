/**
 * How sendscope writes a date and how it puts text into HTML, in one place for every output: the dashboards'
 * charts and labels (through `charts/text.ts`), the report build's pages and PDF footers, and the SENCO's
 * documents. Beneath every layer that writes text (eslint.config.js, `LAYERS`), and importing nothing, so the
 * dashboards can load it through their `components/format` link as they load `components/charts`.
 */

/**
 * A date as every page, caption, footer and stamp writes it: day, month in full, year ("22 June 2026", the
 * GOV.UK style), from an ISO date (`yyyy-mm-dd`, a longer ISO timestamp is cut to its date) read in UTC, so
 * it is the same day in every time zone. Missing gives "–"; text that is not a date is returned as it is.
 * @example
 * dateLabel("2026-06-22") // => "22 June 2026"
 * dateLabel(null) // => "–"
 */
export function dateLabel(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === "") return "–";
  const d = new Date(`${String(iso).slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

/**
 * Text made safe to place in HTML, in an element or a quoted attribute.
 * @example
 * escapeHtml(`Smith & Jones "Primary" <School>`) // => "Smith &amp; Jones &quot;Primary&quot; &lt;School&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
