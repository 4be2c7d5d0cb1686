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

// The one date format of every output; it lives beneath the layers (format/text.ts) so that the documents and the
// report build write dates as the charts do. The dashboards reach it through their `components/format` link.
export { dateLabel } from "../format/text.js";
