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
});
