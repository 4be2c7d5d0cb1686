import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ImportError } from "../../src/lib/errors.js";
import { importFile } from "../../src/lib/import/import-file.js";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { csvBytes, testUpn } from "./helpers.js";

const A = testUpn(1);
const B = testUpn(2);
const HEADER = "UPN,Legal Surname,Legal Forename,DOB";

function summary(file: string, bytes: Buffer) {
  const result = importFile(file, bytes);
  return {
    kind: result.kind,
    rows: result.rows,
    imported: result.accepted.length,
    problems: result.problems.map((p) => ({ file: p.file, line: p.line, code: p.code, severity: p.severity })),
    messages: result.problems.map((p) => p.message),
  };
}

describe("malformed files give clear problems naming the file, never an exception", () => {
  it("ragged rows: the row with too many or too few fields is rejected, the rest imported", () => {
    const s = summary("ragged.csv", csvBytes([HEADER, `${A},Lee,Ada,01/05/2016,extra`, `${B},Khan`, `${B},Khan,Omar,12/11/2015`]));
    expect(s.rows).toBe(3);
    expect(s.imported).toBe(1);
    expect(s.problems).toEqual([
      { file: "ragged.csv", line: 2, code: "ragged-row", severity: "error" },
      { file: "ragged.csv", line: 3, code: "ragged-row", severity: "error" },
    ]);
    expect(s.messages[0]).toMatch(/5 fields but the header has 4/);
  });
  it("trailing empty fields (a trailing comma) are not ragged", () => {
    expect(summary("t.csv", csvBytes([HEADER, `${A},Lee,Ada,01/05/2016,,`])).imported).toBe(1);
  });
  it("bad quoting: a stray quote rejects its row; an unclosed quote is reported at the line it opens", () => {
    const stray = summary("q.csv", csvBytes([HEADER, `${A},Le"e,Ada,01/05/2016`, `${B},Khan,Omar,12/11/2015`]));
    expect(stray.problems).toEqual([{ file: "q.csv", line: 2, code: "bad-quoting", severity: "error" }]);
    expect(stray.rows).toBe(2);
    expect(stray.imported).toBe(1);
    const unclosed = summary("u.csv", csvBytes([HEADER, `${A},Lee,Ada,01/05/2016`, `${B},"Khan,Omar,12/11/2015`, `${A},x,y,z`]));
    expect(unclosed.problems[0]).toEqual({ file: "u.csv", line: 3, code: "bad-quoting", severity: "error" });
    expect(unclosed.messages[0]).toMatch(/never closed/);
    expect(unclosed.imported).toBe(1);
    expect(unclosed.rows).toBe(2);
  });
  it("binary junk", () => {
    const bytes = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37) % 256));
    const s = summary("junk.csv", bytes);
    expect(s.kind).toBeNull();
    expect(s.problems).toEqual([{ file: "junk.csv", line: 0, code: "not-text", severity: "error" }]);
    expect(s.messages[0]).toMatch(/not a text file/);
  });
  it("an empty file, and a file of blank lines", () => {
    expect(summary("e.csv", Buffer.alloc(0)).problems).toEqual([{ file: "e.csv", line: 0, code: "empty-file", severity: "error" }]);
    expect(summary("b.csv", Buffer.from("\r\n\r\n")).problems[0]?.code).toBe("empty-file");
  });
  it("a header-only file", () => {
    const s = summary("h.csv", csvBytes([HEADER]));
    expect(s.kind).toBe("pupils");
    expect(s.rows).toBe(0);
    expect(s.problems).toEqual([{ file: "h.csv", line: 1, code: "no-rows", severity: "error" }]);
  });
  it("unrecognised headers: says what the file looks like and what it lacks; its rows count as rejected", () => {
    const s = summary("att.csv", csvBytes(["UPN,Academic Year,Term,Possible Marks", `${A},2024/25,Autumn,126`]));
    expect(s.kind).toBeNull();
    expect(s.rows).toBe(1);
    expect(s.imported).toBe(0);
    expect(s.messages[0]).toMatch(/looks like an attendance export but has no column for 'attended_sessions'/);
  });
});

describe("importFolder", () => {
  it("throws ImportError naming the folder when it does not exist, is empty, or holds nothing recognisable", async () => {
    await expect(importFolder("/no/such/folder")).rejects.toThrow(ImportError);
    await expect(importFolder("/no/such/folder")).rejects.toThrow(/\/no\/such\/folder: the folder cannot be read/);
    const empty = await mkdtemp(join(tmpdir(), "sendscope-empty-"));
    await expect(importFolder(empty)).rejects.toThrow(/holds no CSV files/);
    await writeFile(join(empty, "notes.csv"), "foo,bar\n1,2\n");
    await expect(importFolder(empty)).rejects.toThrow(/none of its 1 CSV files is a recognisable export/);
  });
  it("reads a mapping file from the folder, and rejects a bad one with the file's name", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sendscope-map-"));
    await writeFile(join(dir, "odd.csv"), csvBytes(["Pupil Reference,Family Name,Given Names", `${A},Lee,Ada`]));
    await writeFile(join(dir, "sendscope.mapping.json"), JSON.stringify({ columns: { "Pupil Reference": "upn", "Given Names": "forename" } }));
    const data = await importFolder(dir);
    expect(data.pupils.map((p) => p.upn)).toEqual([A]);
    await writeFile(join(dir, "sendscope.mapping.json"), "{ not json");
    await expect(importFolder(dir)).rejects.toThrow(/sendscope\.mapping\.json: the column mapping is not valid JSON/);
  });
});
