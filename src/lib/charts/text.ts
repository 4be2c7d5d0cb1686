/**
 * Small text helpers of the chart builders: wrapping a long title into lines that fit the chart's width.
 */

/**
 * Split text into lines of at most `maxChars` characters, breaking at spaces (a single longer word stays
 * whole). Empty text gives no lines.
 * @param text the text
 * @param maxChars the longest line wanted; values below 10 are treated as 10
 * @example
 * wrapText("SEN support pupils are well below pupils with no SEN", 24)
 * // => ["SEN support pupils are", "well below pupils with", "no SEN"]
 */
export function wrapText(text: string, maxChars: number): string[] {
  const limit = Math.max(10, Math.floor(maxChars));
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= limit) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

/**
 * The number of characters of a 16 px title that fit in `width` pixels (about 8.6 px a character).
 * @example
 * titleChars(560) // => 65
 */
export function titleChars(width: number): number {
  return Math.max(10, Math.floor(width / 8.6));
}

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
