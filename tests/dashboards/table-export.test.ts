/**
 * The SENCO tables' CSV download (dashboards/governors/components/table.js): cells that a spreadsheet would
 * run as a formula (starting `=`, `+`, `-`, `@`, a tab or a carriage return: OWASP's "CSV injection" list) are
 * prefixed with `'`; numbers stay numbers (a negative number is not text); quotes, commas and line breaks are
 * quoted as RFC 4180 says. Expected texts written by hand.
 */
import { describe, expect, it } from "vitest";

interface TableModule {
  safeCell(text: string): string;
  csvField(value: unknown): string;
  toCsv(rows: object[], columns: string[], header: Record<string, string>, format?: Record<string, (v: unknown) => string>): string;
}
const path: string = "../../dashboards/governors/components/table.js";
const table = (await import(path)) as TableModule;

describe("CSV download", () => {
  it("escapes cells that would run as formulas", () => {
    expect(table.safeCell("=HYPERLINK(\"http://x\")")).toBe("'=HYPERLINK(\"http://x\")");
    expect(table.safeCell("+44 1234")).toBe("'+44 1234");
    expect(table.safeCell("-2+3")).toBe("'-2+3");
    expect(table.safeCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(table.safeCell("\tx")).toBe("'\tx");
    expect(table.safeCell("Smith")).toBe("Smith");
    expect(table.safeCell("O'Brien")).toBe("O'Brien");
  });

  it("quotes commas, quotes and line breaks; keeps numbers as numbers", () => {
    expect(table.csvField("a, b")).toBe("\"a, b\"");
    expect(table.csvField("say \"hi\"")).toBe("\"say \"\"hi\"\"\"");
    expect(table.csvField("=1+1, then")).toBe("\"'=1+1, then\"");
    expect(table.csvField(-4)).toBe("-4");
    expect(table.csvField(2.5)).toBe("2.5");
    expect(table.csvField(null)).toBe("");
    expect(table.csvField(Number.NaN)).toBe("");
  });

  it("a whole table: BOM, plain-English header row, CRLF lines, formats applied to text", () => {
    const csv = table.toCsv(
      [{ surname: "=cmd|' /C calc'!A0", change: -4, measure: "readingAge" }, { surname: "Lefèvre", change: 3, measure: "standardised" }],
      ["surname", "change", "measure"],
      { surname: "Surname", change: "Change", measure: "Measure" },
      { measure: (m) => (m === "readingAge" ? "Reading age" : "Standardised score") },
    );
    expect(csv).toBe("\uFEFFSurname,Change,Measure\r\n'=cmd|' /C calc'!A0,-4,Reading age\r\nLefèvre,3,Standardised score\r\n");
  });

  it("a number shown with a sign or thousands separator is exported as the number; a percentage as shown", () => {
    const csv = table.toCsv(
      [{ change: 3, n: 1234, rate: 0.14 }, { change: -2, n: 5, rate: null }],
      ["change", "n", "rate"],
      { change: "Change", n: "Pupils", rate: "Share" },
      { change: (x) => `${(x as number) > 0 ? "+" : ""}${x}`, n: (x) => (x as number).toLocaleString("en-GB"), rate: (x) => (x == null ? "–" : `${Math.round((x as number) * 100)}%`) },
    );
    expect(csv).toBe("\uFEFFChange,Pupils,Share\r\n3,1234,14%\r\n-2,5,\r\n");
  });
});
