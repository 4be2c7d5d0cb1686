/**
 * `readCsv` gives rows one at a time; whatever the text, it must give exactly what `parseCsv` gives (same
 * header, header line, rows, fields, line numbers and broken rows), whichever of its paths reads the text.
 * `parseCsv` is itself checked against csv-parse in tests/bench/csv-fast-path.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv, readCsv, type CsvRow, type ParsedCsv } from "../../src/lib/import/csv.js";

function collected(text: string): ParsedCsv {
  const csv = readCsv(text);
  const rows: CsvRow[] = [];
  csv.forEachRow((line, fields) => rows.push({ line, fields: [...fields] }));
  expect(csv.rowCount).toBe(rows.length);
  return { header: csv.header, headerLine: csv.headerLine, rows, broken: csv.broken };
}

describe("readCsv agrees with parseCsv", () => {
  it("reads a quote-free file row by row: empty lines skipped, line numbers kept", () => {
    const csv = collected("UPN;Surname\r\nA1;Lee\r\n\r\nA2;Khan\r\n");
    // Hand-read: the header is line 1, rows on lines 2 and 4 (line 3 is empty).
    expect(csv).toEqual({
      header: ["UPN", "Surname"], headerLine: 1, broken: [],
      rows: [{ line: 2, fields: ["A1", "Lee"] }, { line: 4, fields: ["A2", "Khan"] }],
    });
  });

  it("random text from CSV-ish characters (quotes, bare CR, mixed line endings, blank lines)", () => {
    const text = fc.array(fc.constantFrom("a", "b", "7", " ", ",", ";", "\t", '"', "\r", "\n", "\r\n", "\r\n", "\n", "é"), { maxLength: 80 })
      .map((parts) => parts.join(""));
    fc.assert(fc.property(text, (t) => {
      expect(collected(t)).toEqual(parseCsv(t));
    }), { numRuns: 3000, seed: 20261123 });
  });

  it("well-formed quote-free files with LF or CRLF, with and without a trailing line ending", () => {
    const row = fc.array(fc.stringMatching(/^[A-Za-z0-9 ./-]{0,6}$/), { minLength: 1, maxLength: 5 }).map((cells) => cells.join(","));
    const file = fc.tuple(fc.array(fc.oneof(row, fc.constant("")), { minLength: 1, maxLength: 12 }), fc.constantFrom("\n", "\r\n"), fc.boolean())
      .map(([rows, eol, trailing]) => `H1,H2,H3${eol}${rows.join(eol)}${trailing ? eol : ""}`);
    fc.assert(fc.property(file, (t) => {
      expect(collected(t)).toEqual(parseCsv(t));
    }), { numRuns: 1000, seed: 7 });
  });
});
