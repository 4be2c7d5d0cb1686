/**
 * Rules the import once wrote twice, now written once and used everywhere: the delimiter of delimited text
 * (`.csv` and `.txt` alike), the term words (an assessment point, a term column and a test name alike), and
 * the likeness of an unread header to a field (`sendscope map` and `validate` alike). Each expectation is
 * read off the text by hand.
 */
import { describe, expect, it } from "vitest";
import { detectDelimiter, readCsv } from "../../src/lib/import/csv.js";
import { delimiterFor } from "../../src/lib/import/formats/delimited.js";
import { openText, readRows } from "../../src/lib/import/import-file.js";
import { openFormatted } from "../../src/lib/import/formats/index.js";
import { readWorkbook } from "../../src/lib/import/formats/xlsx.js";
import { parseTerm, resolvePoint } from "../../src/lib/import/codes.js";
import { testContext } from "../../src/lib/import/formats/test-context.js";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { csvBytes, testUpn } from "./helpers.js";
import { validateJson } from "../../src/lib/cli/validate.js";
import { headerLikeness, nearField } from "../../src/lib/import/unread-columns.js";

describe("one delimiter rule for .csv and .txt", () => {
  // A title line with two commas above a semicolon table: the table's three lines agree on two semicolons each,
  // the title alone has commas (the header line's count decided it before, and took the comma).
  const titled = "Reading, Year 4, autumn\nUPN;Surname;Forename\nA1;Lee;Ada\nA2;Khan;Ben\n";

  it("the lines that agree decide, not a title line", () => {
    expect(detectDelimiter(titled)).toBe(";");
    expect(readCsv(titled, (fields) => fields.includes("UPN")).header).toEqual(["UPN", "Surname", "Forename"]);
  });

  it("a .txt and a .csv of the same text are read with the same delimiter", () => {
    for (const text of [titled, "UPN\tName\tPossible\nA1\tLee, Ada\t120\n", "UPN|Surname\nA1|Lee\nA2|Khan\n", "UPN,Surname\nA1,Lee\n"]) {
      const asCsv = openText("x.csv", text, "utf-8", undefined, delimiterFor("x.csv", text));
      const asTxt = openText("x.txt", text, "utf-8", undefined, delimiterFor("x.txt", text));
      expect(asTxt.result.header, JSON.stringify(text)).toEqual(asCsv.result.header);
    }
    // Lee, Ada is one name: the tab is on every line, the comma on one.
    expect(detectDelimiter("UPN\tName\tPossible\nA1\tLee, Ada\t120\n")).toBe("\t");
    expect(detectDelimiter("UPN|Surname\nA1|Lee\nA2|Khan\n")).toBe("|");
  });
});

describe("one list of term words for a term column, an assessment point and a test's name", () => {
  it("each reads the same term from the same word", () => {
    // Star's US screening windows say Fall (help2.renaissance.com); MIS term columns say Aut 1, Sp2, Sum.
    const words: Array<[string, string]> = [
      ["Autumn", "autumn"], ["Aut 1", "autumn"], ["Fall", "autumn"], ["Au2", "autumn"],
      ["Spring 2", "spring"], ["Sp2", "spring"], ["Spr", "spring"], ["Summer term", "summer"], ["Sum", "summer"],
    ];
    for (const [word, term] of words) {
      const column = parseTerm(word);
      expect(column.ok ? column.value : null, word).toBe(term);
      expect(testContext(`Star Reading ${word} 2025`).term, word).toBe(term);
      const point = resolvePoint(`${word} 2025`, null, null);
      expect(point.ok ? point.value.term : null, word).toBe(term);
    }
    expect(testContext("NFER Reading Year 4").term).toBeNull();
  });
});

describe("the mapping's academic year and term are read as a column's are", () => {
  const A = testUpn(1);
  const summary = async (values: Record<string, string>) => {
    const { mkdtemp, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const folder = await mkdtemp(`${tmpdir()}/sendscope-mapped-year-`);
    await writeFile(`${folder}/pupils.csv`, csvBytes(["UPN,Surname,Forename", `${A},Lee,Ada`]));
    await writeFile(`${folder}/summary.csv`, csvBytes(["UPN,Name,Possible,Present", `${A},Ada Lee,110,100`]));
    return importFolder(folder, { mapping: { columns: {}, files: { "summary.csv": { columns: {}, values } } } });
  };

  it("2024-2025 and Spring 2 are 2024/25 spring", async () => {
    const data = await summary({ academicYear: "2024-2025", term: "Spring 2" });
    expect(data.attendance.map((a) => [a.academicYear, a.term, a.possibleSessions, a.attendedSessions])).toEqual([["2024/25", "spring", 110, 100]]);
  });

  it("an academic year that is not one (2024/26, or 2024 alone) is a warning, not used, as a column's would be rejected", async () => {
    for (const academicYear of ["2024/26", "2024"]) {
      const data = await summary({ academicYear, term: "Spring" });
      expect(data.attendance, academicYear).toEqual([]);
      const codes = data.problems.filter((p) => p.file === "summary.csv").map((p) => `${p.severity} ${p.code}`);
      expect(codes, academicYear).toEqual(["warning mapping-bad-value", "error attendance-period-unknown"]);
      expect(data.problems.find((p) => p.code === "mapping-bad-value")?.message).toContain(`'${academicYear}' is not an academic year`);
    }
  });
});

describe("sendscope map and validate name one field for one column", () => {
  it("a near-miss header ('Date Ended' in a SEN register) is the end date to both", async () => {
    const { mkdtemp, readFile, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { main } = await import("../../src/lib/cli/main.js");
    const A = testUpn(1);
    const folder = await mkdtemp(`${tmpdir()}/sendscope-map-validate-`);
    await writeFile(`${folder}/pupils.csv`, csvBytes(["UPN,Surname,Forename", `${A},Lee,Ada`]));
    // Recognised (UPN, SEN Status): validate names its column not read.
    await writeFile(`${folder}/sen.csv`, csvBytes(["UPN,SEN Status,Primary Need,Start Date,Date Ended", `${A},K,SLCN,02/09/2024,20/12/2024`]));
    // Not recognised (no header sendscope knows for the pupil): map drafts its columns.
    await writeFile(`${folder}/sen-unknown.csv`, csvBytes(["Pupil UPN No,SEN Status,Sen Need,SEN Need Ranking,Start Date,Date Ended", `${A},K,SLCN,1,02/09/2024,20/12/2024`]));
    const json = validateJson(await importFolder(folder));
    const warning = json.problems.find((p) => p.file === "sen.csv" && p.code === "unmapped-column" && p.column === "Date Ended");
    const saidByValidate = /\("Date Ended": "(\w+)"\)/.exec(warning?.message ?? "")?.[1];
    expect(await main(["map", folder], { stdout: () => undefined, stderr: () => undefined })).toBe(0);
    const draft = JSON.parse(await readFile(`${folder}/sendscope.mapping.json`, "utf8")) as { files: Record<string, { kind: string; columns: Record<string, string> }> };
    const entry = draft.files["sen-unknown.csv"]!;
    expect(entry.kind).toBe("senRegister");
    // 'Date Ended' has the words of 'End Date' (the end date's header); it is two letters from 'Date Added' (a
    // start date's), which validate once named first. Map guessed the end date by a rule of its own.
    expect(saidByValidate).toBe("endDate");
    expect(entry.columns["Date Ended"]).toBe(saidByValidate);
  });

  it("the same words in another form are most alike; a misspelling next; one shared word is not enough", () => {
    expect(headerLikeness("Date Ended", "End Date")).toBe(1);
    expect(headerLikeness("Date Ended", "Date Added")).toBe(0.9);
    expect(headerLikeness("Test", "Test Date")).toBe(0);
    expect(nearField("senRegister", "Date Ended", new Set(["upn", "senStatus"]))).toEqual({ field: "endDate", alias: "end_date" });
  });
});

describe("a workbook's sheets are handed on as rows, not written as CSV and parsed again", () => {
  /** A sheet's rows as the CSV text they were once written as (`linesAbove` past the last row), read as CSV. */
  const viaCsvText = (bytes: Uint8Array) => {
    const sheets = readWorkbook(bytes);
    if ("reason" in sheets) throw new Error(sheets.reason);
    return sheets.map((sheet) => {
      const last = Math.max(sheet.table.headerLine, ...sheet.table.rows.map((r) => r.line));
      const text = `${sheet.linesAbove(last).join("\n")}\n`;
      return readRows(openText(`book.xlsx#${sheet.sheet}`, text, "xlsx", { kind: undefined, columns: {} }, ","));
    });
  };
  const direct = (bytes: Uint8Array) => openFormatted("book.xlsx", bytes, () => ({ kind: undefined, columns: {} })).map(readRows);

  it("gives what the CSV text gave: title lines, blank rows, commas and quote marks in cells, dates", async () => {
    const XLSX = await import("@e965/xlsx");
    const A = testUpn(1);
    const B = testUpn(2);
    const ws = XLSX.utils.aoa_to_sheet([
      ["Reading results, Year 4 \"autumn\""],
      [],
      ["UPN", "Surname", "Forename", "Assessment Point", "Reading Standardised Score", "Note"],
      [A, "O'Neil, Jr", "Ada", "Autumn 2024", 104, 'said "fine"'],
      [],
      [B, "Khan", "Ben", "Autumn 2024", 412, ""],
      ["Total", "", "", "", 516, ""],
    ]);
    const pupils = XLSX.utils.aoa_to_sheet([["UPN", "Surname", "Forename", "Date of Birth"], [A, "O'Neil, Jr", "Ada", new Date(Date.UTC(2016, 2, 14))]], { cellDates: false });
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, ws, "Reading");
    XLSX.utils.book_append_sheet(book, pupils, "Pupils");
    const bytes = new Uint8Array(XLSX.write(book, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
    const a = direct(bytes);
    const b = viaCsvText(bytes);
    expect(a).toEqual(b);
    const reading = a[0]!;
    // Lines 4, 6 and 7 (line 5 is blank): Ada's row read, Ben's 412 rejected, the Total row skipped.
    expect([reading.kind, reading.headerLine, reading.rows, reading.accepted.length, reading.skipped.map((r) => r.line)]).toEqual(["assessments", 3, 3, 1, [7]]);
    expect(reading.problems.map((p) => `${p.line} ${p.code}`)).toContain("6 out-of-range");
    // The title row as a CSV export writes it: quoted, padded to the sheet's six columns.
    expect(reading.preamble).toEqual(['"Reading results, Year 4 ""autumn""",,,,,', ""]);
    expect(a[1]!.accepted[0]!.records.pupils?.[0]?.record).toMatchObject({ surname: "O'Neil, Jr", dateOfBirth: "2016-03-14" });
  });

  it("the fixture workbook reads the same both ways", async () => {
    const { readFileSync } = await import("node:fs");
    const bytes = readFileSync("fixtures/exports/xlsx-workbook/assessment-tracker.xlsx");
    expect(direct(bytes)).toEqual(viaCsvText(bytes).filter((r) => r.file !== "book.xlsx#Sheet3"));
  });
});
