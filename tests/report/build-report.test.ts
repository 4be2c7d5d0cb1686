import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/lib/report/build-report.js";
import { defaultAsOf } from "../../src/lib/cohort/default-as-of.js";
import { SendscopeReport } from "../../src/lib/report/schema.js";
import { InvalidArgumentError } from "../../src/lib/errors.js";
import { handMadeSchool } from "./hand-made-school.js";
import { leakedIdentifiers, recoverableCells, smallShownCells, suppressedCount } from "./privacy-checks.js";

const data = handMadeSchool();

describe("buildReport", () => {
  it("defaults asOf to the latest assessment date (the summer reading tests, 2025-07-11)", () => {
    expect(defaultAsOf(data)).toEqual({ asOf: "2025-07-11", source: "latest assessment" });
    const r = buildReport(data);
    expect(r.meta.generatedFor).toBe("2025-07-11");
    expect(r.meta.asOfSource).toBe("latest assessment");
    expect(r.meta.academicYear).toBe("2024/25");
  });

  it("counts pupils and summarises the import (by hand: 60 pupils, 61 + 6 rows read, 1 error, 1 warning)", () => {
    const r = buildReport(data, { asOf: "2025-07-11" });
    expect(r.meta.pupilsImported).toBe(60);
    expect(r.meta.pupilsOnRoll).toBe(60);
    expect(r.meta.schoolName).toBe("Hand-made Primary");
    // SEN spells: i % 15 === 0 → E (i = 0, 15, 30, 45: 4); i % 6 === 1 → K (i = 1, 7, …, 55: 10); sen.csv has 14 rows.
    expect(r.meta.import.rows).toEqual({ read: 61 + 14, imported: 60 + 14, rejected: 1 });
    expect(r.meta.import.problemCounts).toEqual({
      errors: 1, warnings: 1,
      byCode: [{ code: "upn-check-letter", severity: "error", count: 1 }, { code: "dob-odd", severity: "warning", count: 1 }],
    });
    expect(r.meta.import.problems.rows).toHaveLength(2);
    const status = r.identification.senStatus.map((c) => [c.group, c.n]);
    expect(status).toEqual([["all", 60], ["N", 46], ["K", 10], ["E", 4]]);
  });

  it("gives the SENCO pupil-level lists and unsuppressed small groups", () => {
    const r = buildReport(data, { asOf: "2025-07-11" });
    expect(r.meta.audience).toBe("senco");
    expect(r.identification.senStatus.find((c) => c.group === "E")?.n).toBe(4);
    expect(r.progress).not.toBeNull();
    expect(r.progress?.from).toBe("2024/25 autumn");
    expect(r.progress?.to).toBe("2024/25 summer");
  });

  it("matches its zod schema for each audience", () => {
    for (const audience of ["senco", "governors", "public"] as const) {
      expect(SendscopeReport.safeParse(buildReport(data, { audience })).success).toBe(true);
    }
  });

  it("is deterministic", () => {
    expect(JSON.stringify(buildReport(data, { audience: "governors" }))).toBe(JSON.stringify(buildReport(data, { audience: "governors" })));
  });

  it("rejects a malformed asOf and data with no dates", () => {
    expect(() => buildReport(data, { asOf: "11/07/2025" })).toThrow(InvalidArgumentError);
    const empty = { ...data, pupils: [], senRegister: [], assessments: [] };
    expect(() => buildReport(empty)).toThrow("defaultAsOf: the data holds no dated record");
  });
});

describe("buildReport for governors (hand-made school)", () => {
  const governors = buildReport(data, { audience: "governors" });
  const senco = buildReport(data, { audience: "senco" });

  it("holds no UPN, MIS id, name or date of birth from the input", () => {
    // The SENCO's report does hold them (the check can fail), the governors' does not.
    expect(leakedIdentifiers(senco, data).length).toBeGreaterThan(0);
    expect(leakedIdentifiers(governors, data)).toEqual([]);
  });

  it("shows no group of 1–5 pupils and hides cells as null, never 0", () => {
    expect(smallShownCells(senco, 6).length).toBeGreaterThan(0);
    expect(smallShownCells(governors, 6)).toEqual([]);
    expect(suppressedCount(governors)).toBeGreaterThan(0);
    const e = governors.identification.senStatus.find((c) => c.group === "E");
    expect(e).toMatchObject({ n: null, count: null, rate: null, suppressed: true, suppressionReason: "hidden to protect privacy" });
  });

  it("leaves no hidden cell recoverable from a total", () => {
    expect(recoverableCells(governors, senco)).toEqual([]);
  });

  it("keeps counts of import problems but not their messages", () => {
    expect(governors.meta.import.problems).toEqual({ pupilLevel: true, rows: [], removed: "pupil-level list removed: it is for the SENCO only" });
    expect(governors.meta.import.problemCounts.errors).toBe(1);
  });
});

describe("buildReport for governors: groups repeated outside their partition", () => {
  const governors = buildReport(data, { audience: "governors" });
  it("hides K and E in the change rows and national comparisons where they are hidden in senStatus", () => {
    // By hand: E has 4 pupils (primary), so K (10, the smallest other group) is hidden with it; N (46) and
    // SEN (14) are shown. If K's 10 showed anywhere, E = 60 − 46 − 10 = 4 could be worked out.
    expect(governors.identification.senStatus.map((c) => c.n)).toEqual([60, 46, null, null]);
    expect(governors.identification.change.map((c) => [c.group, c.n])).toEqual([["K", null], ["E", null], ["SEN", 14]]);
    for (const item of governors.identification.national) {
      if (item.measure === "senShare" && item.group !== "SEN") expect(item.gap.count).toBeNull();
    }
    // Any SEN (14, shown in the change rows too) against state-funded primary schools (a primary school: Y1–Y6).
    expect(governors.identification.national.find((x) => x.group === "SEN")?.gap).toMatchObject({ count: 14, nationalRate: 0.182, nationalScope: "state-funded primary schools in England" });
    const json = JSON.stringify(governors.identification);
    expect(json).not.toMatch(/"count":(4|10)\b/);
  });
});
