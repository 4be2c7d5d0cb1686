// Field-level suppression (issue #13's first follow-up, #17 "Suppression that hides only what the audit needs"):
// a count of 1 or 2 hides that count and the figures worked out from it, not the group's whole cell, and a
// determined reader who knows each group's size, its other figures and the totals (in the school, and across
// the schools of a trust) cannot recover a hidden field. The attacker (`fieldLeaks`, ./attackers.ts) reads the
// published JSON alone; the SENCO's report beside it only says which true values to judge.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importFolder, mergeSchoolData } from "../../src/lib/import/import-folder.js";
import { buildReport } from "../../src/lib/report/build-report.js";
import { makeSchool } from "../report/trust-builder.js";
import { type Obj, cellsOf, fieldLeaks } from "./attackers.js";

const SAMPLE = "fixtures/sample-school";
const PRIVACY = "hidden to protect privacy";

describe("the field attacker", () => {
  it("finds a field hidden alone (1 severely absent No SEN pupil = 3 − 2 − 0), so its passing below can fail", () => {
    // A pattern the numerator rule alone would give: only No SEN's severe absence hidden.
    const senco = [
      { partition: "p", group: "all", isTotal: true, n: 30, count: 9, severeCount: 3 },
      { partition: "p", group: "N", n: 20, count: 5, severeCount: 1 },
      { partition: "p", group: "K", n: 10, count: 4, severeCount: 2 },
    ];
    const published = [senco[0], { ...senco[1], severeCount: null }, { ...senco[2], severeCount: null }];
    // Two hidden (1 and 2) of a shown total 3: N lies in 0..3 (K ≤ its persistent count 4): not pinned.
    expect(fieldLeaks(published, senco)).toEqual([]);
    const alone = [senco[0], { ...senco[1], severeCount: null }, senco[2]];
    expect(fieldLeaks(alone, senco)).toEqual([
      "$|p N.severeCount hidden alone (true 1 of 20)",
      "$|p N.severeCount ∈ {1} (total less the shown members)",
    ]);
  });
});

describe.runIf(existsSync(SAMPLE))("the sample school's governors' report, field by field", async () => {
  const data = await importFolder(SAMPLE);
  const senco = buildReport(data, { audience: "senco" });
  const governors = buildReport(data, { audience: "governors" });
  const cellOf = (r: unknown, table: "attendance" | "suspensions", dimension: string, group: string): Obj =>
    ((r as Record<string, { cells: Obj[] }>)[table]!.cells).find((c) => c.academicYear === "2025/26" && c.dimension === dimension && c.group === group)!;

  it("shows the 2025/26 attendance of No SEN, SEN support, EHC plan and SEN: sizes, attendance and persistent absence", () => {
    // Before: only "all pupils" was shown (a severe-absence count of 1 or 2 hid the whole cell, then its siblings).
    for (const [dimension, groups] of [["senStatus", ["N", "K", "E"]], ["senAny", ["N", "SEN"]]] as const) {
      for (const group of groups) {
        const g = cellOf(governors, "attendance", dimension, group);
        const s = cellOf(senco, "attendance", dimension, group);
        expect(g.suppressed).toBeUndefined();
        // The SENCO's figures, unchanged: N 344, K 62, E 14, SEN 76 pupils (sample school, 2025/26).
        expect([g.n, g.attendanceRate, g.count, g.rate]).toEqual([s.n, s.attendanceRate, s.count, s.rate]);
        // Severe absence (N 1, K 2, E 1, SEN 3 of the 4) is hidden with its rate and interval, for one reason.
        expect([g.severeCount, g.severeRate, g.severeLower, g.severeUpper]).toEqual([null, null, null, null]);
        expect(g.suppressionReason).toBe(PRIVACY);
        expect(g.suppressedFields).toEqual(["severeCount", "severeRate", "severeLower", "severeUpper"]);
      }
    }
    expect(cellOf(governors, "attendance", "senStatus", "all").severeCount).toBe(4);
  });

  it("shows the 2025/26 suspensions' group sizes and hides every count (one pupil suspended once in the school)", () => {
    for (const [dimension, group, n] of [["senStatus", "N", 344], ["senStatus", "K", 62], ["senStatus", "E", 14], ["senAny", "SEN", 76], ["senAny", "all", 420]] as const) {
      const g = cellOf(governors, "suspensions", dimension, group);
      expect(g.n).toBe(n);
      expect([g.count, g.suspensions, g.days]).toEqual([null, null, null]);
      expect(g.suppressionReason).toBe(PRIVACY);
    }
  });

  it("a reader who knows the group sizes, the other fields and the totals recovers no hidden field", () => {
    // By hand for severe absence 2025/26: N + K + E = 4 with each in 0..its persistent count (63, 29, 5), so
    // each lies in 0..4; SEN = K + E lies in 0..4; none is pinned, none known to be 1 or 2.
    expect(fieldLeaks(governors, senco)).toEqual([]);
  });

  it("hides fewer cells whole: 123 before (issue note: 62 of 162 group cells), now at most 60", () => {
    const hidden = cellsOf(governors).filter(({ g }) => g.suppressed === true).length;
    expect(hidden).toBeLessThanOrEqual(60);
    expect(cellsOf(governors).filter(({ g }) => Array.isArray(g.suppressedFields)).length).toBeGreaterThan(0);
  });
});

describe("a trust's hidden fields", () => {
  it("a school's persistent-absence count of 1 is not the trust's less the other schools (another school's is hidden too)", () => {
    // Three schools, SEN support of 12 in Year 6 each (12: all of them SLCN is 100% of a group of 11 or more,
    // which may be shown), 1, 4 and 5 of them persistently absent: the trust's 10 is shown, so A's 1 = 10 − 4 − 5
    // unless a second school's count is hidden; then A lies in 0..5 (by hand).
    const schools = [["A", 1], ["B", 4], ["C", 5]].map(([s, absent]) => makeSchool(`${String(s)} Primary`, [
      { academicYear: "2024/25", yearGroup: 6, status: "N", count: 20, met: 15 },
      { academicYear: "2024/25", yearGroup: 6, status: "K", count: 12, met: 5, absent: absent as number },
    ]));
    const trust = mergeSchoolData(schools);
    const senco = buildReport(trust, { asOf: "2025-07-11" });
    const r = buildReport(trust, { asOf: "2025-07-11", audience: "governors" });
    const K = (cells: Obj[]): Obj => cells.find((c) => c.dimension === "senStatus" && c.group === "K")!;
    const bySchool = (r.schools ?? []).map((s) => K(s.attendance.cells as unknown as Obj[]));
    expect(bySchool.map((c) => c.n)).toEqual([12, 12, 12]);
    expect(bySchool[0]!.count).toBeNull();
    expect(bySchool[0]!.suppressed).toBeUndefined();
    expect(bySchool.filter((c) => c.count === null).length).toBeGreaterThanOrEqual(2);
    // The trust's own SEN support figures stay shown (10 of 36).
    const trustK = K(r.attendance.cells as unknown as Obj[]);
    expect([trustK.n, trustK.count]).toEqual([36, 10]);
    expect(fieldLeaks(r, senco)).toEqual([]);
  });
});
