/**
 * The importer's fast CSV path (`parseCleanCsv`, added for the benchmark's scale work) must read every text
 * it accepts exactly as csv-parse does (`parseCsvSlow`): same header, header line, rows, fields and line
 * numbers. Where it is unsure it must decline (return null), so that problem reports always come from
 * csv-parse. The reference here is csv-parse itself, an independent implementation.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectDelimiter, parseCleanCsv, parseCsv, parseCsvSlow } from "../../src/lib/import/csv.js";

const quote = (field: string) => `"${field.replaceAll('"', '""')}"`;

describe("parseCleanCsv agrees with csv-parse", () => {
  it("random text from CSV-ish characters: the fast path either declines or gives csv-parse's result", () => {
    const text = fc.array(fc.constantFrom("a", "b", "7", " ", ",", ";", "\t", '"', "\r", "\n", "\r\n", "é", "\uFEFF", "€"), { maxLength: 60 })
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, (t) => {
        const delimiter = detectDelimiter(t);
        const fast = parseCleanCsv(t, delimiter);
        if (fast !== null) expect(fast).toEqual(parseCsvSlow(t, delimiter));
      }),
      { numRuns: 3000 },
    );
  });

  it("well-formed files (quoted and unquoted cells, LF or CRLF, empty lines): the fast path reads them, identically", () => {
    const cell = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9 ./-]{0,6}$/),
      fc.string({ maxLength: 6 }).filter((s) => !/[\r\n]/.test(s)).map(quote),
    );
    const row = fc.array(cell, { minLength: 1, maxLength: 5 }).map((cells) => cells.join(","));
    const file = fc.tuple(fc.array(fc.oneof(row, fc.constant("")), { minLength: 1, maxLength: 12 }), fc.constantFrom("\n", "\r\n"), fc.boolean())
      .map(([rows, eol, trailing]) => `H1,H2,H3${eol}${rows.join(eol)}${trailing ? eol : ""}`);
    let accepted = 0;
    fc.assert(
      fc.property(file, (t) => {
        const fast = parseCleanCsv(t, ",");
        if (fast !== null) accepted += 1;
        expect(fast ?? parseCsvSlow(t, ",")).toEqual(parseCsvSlow(t, ","));
      }),
      { numRuns: 1500 },
    );
    // Nearly every well-formed file must take the fast path (it declines only a file of one line).
    expect(accepted).toBeGreaterThan(1400);
  });

  it("hand-made cases: a quoted comma and doubled quote are read; stray quotes and bare CRs go to csv-parse", () => {
    const clean = 'UPN,Name\r\nA1,"Lee, ""Jr"""\r\n\r\nA2,Kim\r\n';
    expect(parseCleanCsv(clean, ",")).toEqual({
      header: ["UPN", "Name"], headerLine: 1, broken: [],
      rows: [{ line: 2, fields: ["A1", 'Lee, "Jr"'] }, { line: 4, fields: ["A2", "Kim"] }],
    });
    expect(parseCleanCsv('UPN,Name\nA1,Le"e\n', ",")).toBeNull();
    expect(parseCleanCsv('UPN,Name\nA1,"Lee" \n', ",")).toBeNull();
    expect(parseCleanCsv("UPN,Name\nA1,Lee\rA2,Kim\n", ",")).toBeNull();
    expect(parseCleanCsv('UPN,Name\nA1,"two\nlines"\n', ",")).toBeNull();
    // parseCsv gives csv-parse's answer for those, including the broken row's line.
    expect(parseCsv('UPN,Name\nA1,Le"e\nA2,Kim\n').broken.map((b) => b.line)).toEqual([2]);
  });
});
