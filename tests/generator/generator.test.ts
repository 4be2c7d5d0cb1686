// The fixture generator: determinism, the committed sample school, encodings and UPN check letters.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_SEED, generate } from "../../src/generator/generate.js";
import { makeUpn, upnCheckLetter } from "../../src/generator/upn.js";

const FIXTURE = join(import.meta.dirname, "../../fixtures/sample-school");
const temps: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), "sendscope-gen-"));
  temps.push(d);
  return d;
};
afterAll(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

const run = (seed: number, pupils = 420, schools = 1): string => {
  const out = tempDir();
  generate({ seed, out, pupils, schools });
  return out;
};
const files = (dir: string): string[] => readdirSync(dir).sort();

describe("determinism", () => {
  it("gives byte-identical output for the same seed", () => {
    const a = run(7);
    const b = run(7);
    expect(files(a)).toEqual(files(b));
    for (const f of files(a)) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
  });

  it("gives different output for a different seed", () => {
    const a = run(7);
    const b = run(8);
    expect(readFileSync(join(a, "sims-pupils.csv")).equals(readFileSync(join(b, "sims-pupils.csv")))).toBe(false);
    expect(readFileSync(join(a, "arbor-assessments.csv")).equals(readFileSync(join(b, "arbor-assessments.csv")))).toBe(false);
  });

  it("writes one folder per school, without the deliberate problems unless asked", () => {
    const out = run(3, 280, 2);
    expect(files(out)).toEqual(["school-001", "school-002"]);
    expect(files(join(out, "school-001"))).not.toContain("expected-problems.json");
    const a = readFileSync(join(out, "school-001", "sims-pupils.csv"), "latin1").split("\r\n")[1] ?? "";
    const b = readFileSync(join(out, "school-002", "sims-pupils.csv"), "latin1").split("\r\n")[1] ?? "";
    // each school has its own DfE establishment number in its UPNs (characters 5–8)
    expect(a.slice(4, 8)).not.toBe(b.slice(4, 8));
  });

  it("rejects a school too small to be realistic", () => {
    expect(() => generate({ seed: 1, out: tempDir(), pupils: 100, schools: 2 })).toThrow(/70–5000/);
  });
});

describe("the committed sample school", () => {
  it("equals a fresh generation with the default seed (nobody edits fixtures by hand)", () => {
    const fresh = run(DEFAULT_SEED);
    expect(files(FIXTURE)).toEqual(files(fresh));
    for (const f of files(fresh)) {
      expect(readFileSync(join(FIXTURE, f)).equals(readFileSync(join(fresh, f))), `${f} differs: run npm run fixtures`).toBe(true);
    }
  });
});

describe("encodings", () => {
  it("writes the SIMS pupils file in Windows-1252: not valid UTF-8, and accented names decode", () => {
    const bytes = readFileSync(join(FIXTURE, "sims-pupils.csv"));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    // "ë" is 0xEB in Windows-1252 (one byte), 0xC3 0xAB in UTF-8
    expect(bytes.includes(Buffer.from([0x5a, 0x6f, 0xeb]))).toBe(true); // "Zoë"
    const text = iconv.decode(bytes, "win1252");
    for (const name of ["Zoë", "Siân", "Chloé", "Seán"]) expect(text, name).toContain(`,${name},`);
    expect(text).not.toContain("\uFFFD");
    expect(text.split("\r\n")[0]).toBe(
      "UPN,Adno,Legal Surname,Legal Forename,DOB,Gender,Year,FSM Eligible,Pupil Premium Indicator,EAL,In Care,Admission Date,Leaving Date,Reg Group");
  });

  it("writes the attendance file as UTF-16LE with a BOM and CRLF", () => {
    const bytes = readFileSync(join(FIXTURE, "sims-attendance.csv"));
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    const text = iconv.decode(bytes.subarray(2), "utf16le");
    expect(text.startsWith("UPN,Adno,Academic Year,Term,Possible Marks,Present + AEA\r\n")).toBe(true);
  });

  it("writes the SEN register as UTF-8 with BOM and CRLF, the Arbor files as UTF-8 without BOM and LF", () => {
    const sen = readFileSync(join(FIXTURE, "sims-sen-register.csv"));
    expect([sen[0], sen[1], sen[2]]).toEqual([0xef, 0xbb, 0xbf]);
    expect(sen.toString("utf8")).toContain("\r\n");
    const arbor = readFileSync(join(FIXTURE, "arbor-interventions.csv"));
    expect(arbor[0]).toBe(0x55); // "U" of UPN, no BOM
    expect(arbor.toString("utf8")).not.toContain("\r");
    expect(arbor.toString("utf8")).toContain("Łukasz"); // staff names survive UTF-8
  });
});

describe("upnCheckLetter", () => {
  it("matches the DfE weighted-sum rule", () => {
    // python: A="ABCDEFGHJKLMNPQRTUVWXYZ"; A[sum(int(c)*(i+2) for i,c in enumerate("873210119001")) % 23] -> "B"
    expect(upnCheckLetter("873210119001")).toBe("B");
    // python: same rule on "000000000000" -> sum 0 -> "A"
    expect(upnCheckLetter("000000000000")).toBe("A");
    // python: same rule on "999999999999" -> 9*(2+…+13)=810, 810 % 23 = 5 -> "F"
    expect(upnCheckLetter("999999999999")).toBe("F");
    expect(makeUpn(873, 2101, 19, 1)).toBe("B873210119001");
  });
});
