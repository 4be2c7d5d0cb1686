/**
 * Delimited text other than `.csv`: `.tsv` (SIMS "Export Report" to a tab-separated file) is always read with
 * a tab; a `.txt` export's delimiter, like a `.csv` file's, is the one its first lines agree on
 * (`detectDelimiter` in `csv.ts`), so a title line above the header does not decide it.
 */
import { detectDelimiter } from "../csv.js";

/**
 * The delimiter to read a text file with, by its name: tab for `.tsv`, `detectDelimiter`'s for `.txt`, and
 * undefined for `.csv` (the CSV reader takes `detectDelimiter`'s itself).
 * @example
 * delimiterFor("report.tsv", "a,b\n") // => "\t"
 * delimiterFor("Attendance.txt", "UPN\tTerm\n1\tAutumn\n") // => "\t"
 * delimiterFor("pupils.csv", "a;b\n") // => undefined
 */
export function delimiterFor(file: string, text: string): string | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith(".tsv")) return "\t";
  if (lower.endsWith(".txt")) return detectDelimiter(text);
  return undefined;
}
