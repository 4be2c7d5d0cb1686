/**
 * Delimited text other than `.csv`: `.tsv` (SIMS "Export Report" to a tab-separated file) is always read with
 * a tab; a `.txt` export's delimiter is sniffed from its first lines, so a title line above the header does not
 * decide it. A `.csv` keeps the CSV reader's own choice (from the header line).
 */

const CANDIDATES = ["\t", ",", ";", "|"] as const;
/** A delimiter `sniffDelimiter` can choose. */
export type Delimiter = (typeof CANDIDATES)[number];

/**
 * The delimiter of delimited text: of tab, comma, semicolon and bar (outside quotes), the one that appears the
 * same non-zero number of times on the most of the first 20 non-empty lines (a table's lines agree; a title
 * line does not); ties go to tab, then comma. Null when no candidate appears at all.
 * @example
 * sniffDelimiter("Attendance 01/09/2024 - 20/12/2024\nUPN\tName\tPossible\nA1\tLee\t120\n") // => "\t"
 * sniffDelimiter("just words\n") // => null
 */
export function sniffDelimiter(text: string): Delimiter | null {
  const lines = text.split(/\r\n|\n|\r/).filter((line) => line.trim() !== "").slice(0, 20);
  let best: Delimiter | null = null;
  let bestScore = 0;
  for (const delimiter of CANDIDATES) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      const n = line.replace(/"[^"]*"/g, "").split(delimiter).length - 1;
      if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    const score = Math.max(0, ...counts.values());
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The delimiter to read a text file with, by its name: tab for `.tsv`, sniffed for `.txt` (comma when nothing
 * is found), and undefined for `.csv` (the CSV reader decides, as it always has).
 * @example
 * delimiterFor("report.tsv", "a,b\n") // => "\t"
 * delimiterFor("pupils.csv", "a;b\n") // => undefined
 */
export function delimiterFor(file: string, text: string): string | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith(".tsv")) return "\t";
  if (lower.endsWith(".txt")) return sniffDelimiter(text) ?? ",";
  return undefined;
}
