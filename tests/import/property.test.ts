import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importFile } from "../../src/lib/import/import-file.js";
import { linkFiles } from "../../src/lib/import/link.js";
import { testUpn } from "./helpers.js";

// Property tests: whatever the input, importing never throws, and every row is accounted for:
// rows read = rows imported + rows rejected + rows skipped, every rejected row has an error naming its line,
// and a skipped row (a blank or summary row) has no error and is neither imported nor rejected.

const HEADERS = [
  "UPN,Legal Surname,Legal Forename,DOB,Gender,Year,FSM Eligible",
  "UPN,SEN Status,Primary Need,SEN Start Date,SEN End Date",
  "upn,assessment_point,date,reading_standardised,maths_standardised",
  "UPN,Subject,Measure,Assessment Point,Academic Year,Score",
  "UPN,Academic Year,Term,Possible Marks,Present + AEA",
  "UPN,Intervention Name,Start Date,End Date,Planned Sessions,Attended Sessions",
];

const quote = (field: string) => `"${field.replaceAll('"', '""')}"`;

function accounted(file: string, bytes: Uint8Array): void {
  const result = importFile(file, bytes);
  const data = linkFiles([result]);
  const report = data.files[0]!;
  const skipped = report.skipped ?? 0;
  expect(report.imported + report.rejected + skipped).toBe(report.rows);
  expect(report.skippedRows ?? []).toHaveLength(skipped);
  const errorLines = new Set(data.problems.filter((p) => p.severity === "error").map((p) => p.line));
  const importedLines = new Set(result.accepted.map((r) => r.line));
  const skippedLines = new Set((report.skippedRows ?? []).map((r) => r.line));
  // A rejected row always has an error on its line (or the whole file has a file-level error).
  const fileLevel = data.problems.some((p) => p.severity === "error" && (p.line <= 1));
  if (!fileLevel) expect(report.rejected).toBeLessThanOrEqual(errorLines.size);
  for (const line of importedLines) expect(line).toBeGreaterThan(1);
  // A skipped row is neither imported nor given an error.
  for (const line of skippedLines) {
    expect(importedLines.has(line)).toBe(false);
    expect(errorLines.has(line)).toBe(false);
  }
}

describe("random CSV junk never crashes the import and never loses a row", () => {
  it("well-quoted rows of random cells under a known header: exactly N rows read", () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom(testUpn(1), testUpn(2), "01/05/2016", "2024/25", "Autumn", "K", "95", "412", "Yes", ""));
    fc.assert(
      fc.property(fc.constantFrom(...HEADERS), fc.array(fc.array(cell, { minLength: 1, maxLength: 9 }), { maxLength: 25 }), (header, rows) => {
        const lines = [header, ...rows.map((r) => r.map(quote).join(","))];
        const bytes = Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");
        const result = importFile("p.csv", bytes);
        expect(result.rows).toBe(rows.length);
        accounted("p.csv", bytes);
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });

  it("random text (quotes, delimiters, newlines) and random bytes", () => {
    const text = fc.array(fc.constantFrom("a", "1", ",", ";", "\t", '"', "\n", "\r\n", " ", "é", "UPN", "Legal Surname", testUpn(3)), { maxLength: 200 }).map((parts) => parts.join(""));
    fc.assert(fc.property(fc.constantFrom(...HEADERS), text, (header, body) => {
      accounted("t.csv", Buffer.from(`${header}\n${body}`, "utf8"));
    }), { numRuns: 300, seed: 7 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      accounted("b.csv", bytes);
    }), { numRuns: 300, seed: 11 });
  });

  it("title lines above the header and summary or blank rows below the data: each data row imported or rejected, each summary row skipped", () => {
    // Title lines hold no delimiter (or only trailing commas), so they can never be taken for the header.
    // (A title with two or more semicolons or tabs above a comma header would be taken for a header.)
    const title = fc.string({ minLength: 1, maxLength: 40 }).map((t) => t.replace(/[,;\t"\r\n]/g, " ").trim() || "Report")
      .chain((t) => fc.constantFrom(t, `${t},,,,`));
    const summary = fc.tuple(fc.constantFrom("Total", "Average", "Mean", "Count", "Total: 12 pupils", ""), fc.array(fc.constantFrom("", "12", "98.5", "45%"), { maxLength: 6 }))
      .map(([word, figures]) => [word, ...figures].join(","));
    const dataRow = fc.tuple(fc.constantFrom(testUpn(1), testUpn(2), testUpn(3)), fc.constantFrom("Lee", "Khan", ""), fc.constantFrom("Ada", "Omar"))
      .map(([upn, surname, forename]) => `${upn},${surname},${forename},01/05/2016,F,Year 3,No`);
    fc.assert(fc.property(fc.array(title, { maxLength: 4 }), fc.array(dataRow, { minLength: 1, maxLength: 12 }), fc.array(summary, { maxLength: 4 }), (titles, rows, summaries) => {
      const lines = [...titles, HEADERS[0]!, ...rows, ...summaries];
      const bytes = Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");
      const result = importFile("s.csv", bytes);
      expect(result.headerLine).toBe(titles.length + 1);
      expect(result.preamble).toEqual(titles);
      // An empty line is no row at all; a row of commas is a blank row (skipped); a row of figures with no
      // word before them is a data row (rejected: it has no UPN); a summary word makes a summary row (skipped).
      const lineOf = (i: number) => titles.length + 2 + rows.length + i;
      const kept = summaries.map((line, i) => ({ line, at: lineOf(i) })).filter(({ line }) => line !== "");
      const skippedLines = kept.filter(({ line }) => !/^,*[^,]/.test(line) || /^[A-Z]/.test(line)).map(({ at }) => at);
      expect(result.rows).toBe(rows.length + kept.length);
      expect(result.skipped.map((r) => r.line)).toEqual(skippedLines);
      accounted("s.csv", bytes);
    }), { numRuns: 200, seed: 20261204 });
  });

  it("part C's shapes (attendance summary, session marks, single-subject test) skip summary and blank rows, never summing or counting them", () => {
    // Each shape with a file name that gives what its columns do not (the period, the subject and term).
    const shapes = [
      { file: "Attendance 02-09-2024 to 20-12-2024.csv", header: "UPN,Name,Possible,Present,AEA",
        row: fc.tuple(fc.constantFrom(testUpn(1), testUpn(2)), fc.constantFrom("140", "150", "x"), fc.constantFrom("120", "139", "160"), fc.constantFrom("", "2"))
          .map(([upn, possible, present, aea]) => `${upn},"Lee, Ada",${possible},${present},${aea}`) },
      // (At least 16 marks, so the up to 4 figure rows below cannot outvote the codes: see marksAreCodes.)
      { file: "marks.csv", header: "UPN,Date,Session,Mark", minRows: 16,
        row: fc.tuple(fc.constantFrom(testUpn(1), testUpn(2)), fc.constantFrom("02/12/2024", "06/01/2025", "07/01/2025"), fc.constantFrom("AM", "PM"), fc.constantFrom("/", "\\", "N", "L", "X"))
          .map((cells) => cells.join(",")) },
      { file: "NFER results.csv", header: "UPN,Surname,Test,Date of test,Raw score,Standardised score",
        row: fc.tuple(fc.constantFrom(testUpn(1), testUpn(2), testUpn(3)), fc.constantFrom("31", "", "x"), fc.constantFrom("102", "412", ""))
          .map(([upn, raw, standardised]) => `${upn},Lee,Year 4 Reading Autumn,04/12/2024,${raw},${standardised}`) },
    ];
    const summary = fc.tuple(fc.constantFrom("Total", "Class average", "Mean", "Count", ""), fc.array(fc.constantFrom("", "12", "98.5", "45%"), { maxLength: 7 }))
      .map(([word, figures]) => [word, ...figures].join(","));
    for (const shape of shapes) {
      fc.assert(fc.property(fc.array(shape.row, { minLength: shape.minRows ?? 1, maxLength: (shape.minRows ?? 0) + 12 }), fc.array(summary, { maxLength: 4 }), (rows, summaries) => {
        const bytes = Buffer.from(`${[shape.header, ...rows, ...summaries].join("\r\n")}\r\n`, "utf8");
        const lineOf = (i: number) => 2 + rows.length + i;
        // As above: an empty line is no row; a row of commas is blank and a summary word a summary: both skipped.
        const skippedLines = summaries.map((line, i) => ({ line, at: lineOf(i) })).filter(({ line }) => line !== "")
          .filter(({ line }) => !/^,*[^,]/.test(line) || /^[A-Z]/.test(line)).map(({ at }) => at);
        const result = importFile(shape.file, bytes);
        expect(result.skipped.map((r) => r.line), shape.file).toEqual(skippedLines);
        // No record and no problem comes from a skipped line.
        for (const line of skippedLines) {
          expect(result.accepted.some((r) => r.line === line)).toBe(false);
          expect(result.problems.some((p) => p.line === line)).toBe(false);
        }
        accounted(shape.file, bytes);
      }), { numRuns: 100, seed: 20261205 });
    }
  });
});
