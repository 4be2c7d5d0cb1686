/**
 * Rows below a table that are no pupil's: blank rows and summary rows ('Total', 'Class average' …), which
 * spreadsheets and MIS reports add. They are neither imported nor rejected but skipped, each with its line
 * and why, so a file's rows = imported + rejected + skipped. Shapes that sum or reshape rows
 * (`formats/shape.ts`, `formats/attendance-marks.ts`) use the same test, so a 'Total' row is never summed into
 * a pupil's figures.
 */


/** A row neither imported nor rejected: a summary row ('Total', 'Average' …) or a blank row. */
export interface SkippedRow {
  line: number;
  reason: string;
}

/**
 * Summary rows below a table: a first cell like these ('Total', 'Class average', 'Year 3 mean': up to three
 * words before the summary word), and nothing but numbers in the others.
 */
const SUMMARY_WORDS = /^(?:[^\s,]+\s+){0,3}?(grand total|sub-?totals?|totals?|averages?|mean|median|count|sum|number of (pupils|students)|no\.? of (pupils|students))\b/i;
/** A cell that holds a figure (or nothing): digits, signs, points, percentages, ratios. */
const FIGURE = /^[\d\s.,:%/+-]*$/;

/**
 * Why a row is skipped (neither imported nor rejected), or null for a data row: a row whose every cell is
 * blank, or a summary row (first non-blank cell 'Total', 'Average', 'Mean', 'Count' … and figures only in
 * the others), as spreadsheets add below a table.
 * @example
 * skipReason(["Total", "", "", "28", "27"]) // => "a summary row ('Total'), not a pupil's"
 * skipReason(["Class average", "", "101.5"]) // => "a summary row ('Class average'), not a pupil's"
 * skipReason(["X201300125001", "Lee"]) // => null
 */
export function skipReason(fields: readonly string[]): string | null {
  let first = -1;
  for (let i = 0; i < fields.length; i += 1) {
    if ((fields[i] ?? "").trim() !== "") {
      first = i;
      break;
    }
  }
  if (first < 0) return "a blank row (every cell empty)";
  const text = fields[first]!.trim();
  if (!SUMMARY_WORDS.test(text)) return null;
  for (let i = first + 1; i < fields.length; i += 1) if (!FIGURE.test(fields[i] ?? "")) return null;
  return `a summary row ('${text.length > 40 ? `${text.slice(0, 40)}…` : text}'), not a pupil's`;
}

/**
 * Whether a pupil-key cell plainly holds a pupil's key, so the row need not be looked at as a summary: a UPN
 * (13 characters, a digit second: 'Class average' is 13 characters too) or an MIS id starting with a digit.
 * @example
 * looksLikePupilKey("X201300125001") // => true
 * looksLikePupilKey("Class average") // => false
 * looksLikePupilKey("001601") // => true
 */
export function looksLikePupilKey(key: string): boolean {
  if (key.length === 0) return false;
  const first = key.charCodeAt(0);
  if (first >= 48 && first <= 57) return true;
  const second = key.charCodeAt(1);
  return key.length === 13 && second >= 48 && second <= 57;
}
