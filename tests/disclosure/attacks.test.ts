// A determined reader's attacks on the governors' and public reports (issue #13), one test each. Every
// attack is written here on its own, from the published JSON alone (and, to know what was hidden, the
// SENCO's report beside it): none of it calls the disclosure code it attacks. Each test failed on the code
// before the audited disclosure control (see the commit message) and passes after.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { mergeSchoolData } from "../../src/lib/import/import-folder.js";
import { buildReport } from "../../src/lib/report/build-report.js";
import { applyDisclosure } from "../../src/lib/disclosure/apply-disclosure.js";
import { policyFor } from "../../src/lib/disclosure/policy.js";
import { main } from "../../src/lib/cli/main.js";
import { makeSchool } from "../report/trust-builder.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";
import type { InterventionRecord } from "../../src/lib/schema/records.js";
import { cellsOf, pinnedByRanges, shownSmallNumerators, trustPinned } from "./attackers.js";

const SAMPLE = "fixtures/sample-school";

describe.runIf(existsSync(SAMPLE))("attacks on the sample school's governors' report", async () => {
  const data = await importFolder(SAMPLE);
  const senco = buildReport(data, { audience: "senco" });
  const governors = buildReport(data, { audience: "governors" });

  it("range reasoning pins no hidden group (MTC Year 4: EHC plan = 7 − SEN support, 'fewer than 6' against 'secondary')", () => {
    expect(pinnedByRanges(governors, senco, "n")).toEqual([]);
    expect(pinnedByRanges(governors, senco, "count")).toEqual([]);
  });

  it("publishes no count of 1 or 2 pupils, and no 0% or 100% of a group under 11 (small numerators)", () => {
    const found = shownSmallNumerators(governors);
    expect(found).toEqual([]);
  });

  it("pins no individual value from a small group's mean and its 95% interval", () => {
    // Two-sided 95% t quantiles for 1..9 degrees of freedom (scipy.stats.t.ppf(0.975, df)).
    const T = [12.706204736174698, 4.302652729749464, 3.182446305284263, 2.7764451051977934, 2.570581835636314,
      2.446911848791681, 2.3646242515927844, 2.306004135204168, 2.2621571627982053];
    const recovered: string[] = [];
    for (const { g, path } of cellsOf(governors)) {
      const n = g.n;
      if (g.suppressed === true || typeof n !== "number" || n < 2 || n > 6 || typeof g.mean !== "number") continue;
      if (typeof g.meanLower !== "number" || typeof g.meanUpper !== "number") continue;
      const s = ((g.meanUpper - g.meanLower) / 2) * Math.sqrt(n) / T[n - 2]!;
      const sum = g.mean * n;
      const squares = (n - 1) * s * s + (sum * sum) / n;
      const reach = Math.ceil(s * Math.sqrt(n - 1)) + 1;
      const solutions: number[][] = [];
      let budget = 200_000;
      // Integer values (steps, scores) in non-decreasing order, pruned on the sum and the sum of squares.
      const search = (chosen: number[], from: number, sumSoFar: number, sqSoFar: number): void => {
        if (solutions.length > 1 || (budget -= 1) < 0) return;
        if (chosen.length === n) {
          if (Math.abs(sumSoFar - sum) < 1e-6 && Math.abs(sqSoFar - squares) < 1e-4 * Math.max(1, squares)) solutions.push([...chosen]);
          return;
        }
        for (let v = from; v <= Math.floor(g.mean as number) + reach; v += 1) {
          if (sqSoFar + v * v > squares + 1e-3) break;
          chosen.push(v);
          search(chosen, v, sumSoFar + v, sqSoFar + v * v);
          chosen.pop();
        }
      };
      search([], Math.ceil(g.mean - reach), 0, 0);
      if (solutions.length === 1) recovered.push(`${path}: {${solutions[0]!.join(",")}}`);
    }
    expect(recovered).toEqual([]);
  });

  it("publishes no run or group label and no file name", () => {
    const json = JSON.stringify(governors);
    const labels = senco.interventions.interventions.flatMap((iv) => iv.runs.map((r) => (r as { run?: unknown }).run)).filter((x): x is string => typeof x === "string" && x.length > 0);
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(json).not.toContain(label);
    const files = senco.meta.import.files.map((f) => f.file);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(json).not.toContain(JSON.stringify(file));
  });

  it("says only 'hidden to protect privacy' as the reason for a hidden figure", () => {
    const reasons = new Set(cellsOf(governors).map(({ g }) => g.suppressionReason).filter((r) => r !== undefined));
    expect([...reasons]).toEqual(["hidden to protect privacy"]);
  });

  it("gives the same report from applyDisclosure on the SENCO's report as buildReport for governors", () => {
    const again = applyDisclosure(senco, policyFor("governors"), { pupils: data.pupils });
    expect(JSON.parse(JSON.stringify(again))).toEqual(JSON.parse(JSON.stringify(governors)));
  });

  it("undoes no rounding of the public report from its rates, shares or intervals", () => {
    const pub = buildReport(data, { audience: "public" });
    const undone: string[] = [];
    const unrounded: string[] = [];
    for (const { g, path } of cellsOf(pub)) {
      if (g.suppressed === true) continue;
      for (const [k, v] of Object.entries(g)) {
        if ((k === "n" || k === "count" || k === "of" || /[a-z](N|Count)$/.test(k)) && typeof v === "number" && v % 5 !== 0) unrounded.push(`${path}.${k} = ${v}`);
      }
      if (typeof g.rate !== "number" || typeof g.count !== "number") continue;
      const of = typeof g.of === "number" ? g.of : g.n;
      if (typeof of !== "number") continue;
      // The reader knows each true figure lies within 2 of the rounded one; does only one pair give the rate?
      const pairs: Array<[number, number]> = [];
      for (let d = Math.max(1, of - 2); d <= of + 2; d += 1) for (let c = Math.max(0, g.count - 2); c <= Math.min(d, g.count + 2); c += 1) {
        if (Math.abs(c / d - g.rate) < 1e-12) pairs.push([c, d]);
      }
      if (pairs.length === 1 && (pairs[0]![0] !== g.count || pairs[0]![1] !== of)) undone.push(`${path}: ${pairs[0]!.join(" of ")}`);
    }
    expect(unrounded).toEqual([]);
    expect(undone).toEqual([]);
  });
});

/** A provision-map entry for one pupil. */
function placement(pupilId: string, intervention: string, group: string, staff: string): InterventionRecord {
  return {
    pupilId, intervention, group, startDate: "2024-09-16", endDate: "2024-12-13", sessionsPlanned: 30, sessionsAttended: 28,
    minutesPerSession: 20, staff, cost: 100, measure: "standardised", entryScore: 88, entryDate: "2024-09-16", exitScore: 92,
    exitDate: "2024-12-13", exitTarget: 90, source: { file: "provision.csv", line: 2 },
  };
}

describe("attacks on hand-made schools", () => {
  it("a hidden SEN support total is not printed elsewhere (need-mix `of`, national comparison `n`)", () => {
    // SEN support 14 (7 SLCN, 7 MLD) hidden to protect an EHC plan group of 2: the reader must not find 14.
    const data = makeSchool("Elm Primary", [
      { academicYear: "2024/25", yearGroup: 6, status: "N", count: 30, met: 20 },
      { academicYear: "2024/25", yearGroup: 6, status: "K", count: 14, met: 5 },
      { academicYear: "2024/25", yearGroup: 6, status: "E", count: 2, met: 0 },
    ]);
    let k = 0;
    for (const s of data.senRegister) if (s.status === "K") s.primaryNeed = k++ % 2 === 0 ? "SLCN" : "MLD";
    const r = buildReport(data, { asOf: "2025-07-11", audience: "governors" });
    const K = r.identification.senStatus.find((c) => c.group === "K");
    expect(K?.suppressed).toBe(true);
    const leaks: string[] = [];
    for (const c of r.identification.needMix) if (c.partition.endsWith("|K") && c.suppressed !== true && c.of === 14) leaks.push(`need-mix ${c.group} of`);
    for (const item of r.identification.national) if (item.gap.suppressed !== true && (item.gap.n === 14 || item.gap.count === 14)) leaks.push(`national ${item.group}`);
    for (const c of r.reviews.cells) if (c.suppressed !== true && c.of === 2) leaks.push(`reviews ${String(c.status)} of`);
    expect(leaks).toEqual([]);
  });

  it("EHC needs assessment requests: a refusal of 1 and 2 pending are hidden, cannot be pinned, and no pupil is named", () => {
    // 20 requests in 2024/25: 17 agreed, 1 refused, 2 pending on the report's date (counted by hand below).
    const data = makeSchool("Oak Primary", [{ academicYear: "2024/25", yearGroup: 6, status: "K", count: 24, met: 10 }]);
    const ids = data.pupils.map((p) => p.pupilId);
    data.ehcRequests = ids.slice(0, 20).map((pupilId, i) => ({
      pupilId, requestDate: "2024-10-07", decision: i < 17 ? "agreed" as const : i < 18 ? "refused" as const : "pending" as const,
      decisionDate: i < 18 ? "2024-11-11" : null, outcome: null, outcomeDate: null, source: { file: "ehc-requests.csv", line: i + 2 },
    }));
    const senco = buildReport(data, { asOf: "2025-07-11", audience: "senco" });
    const r = buildReport(data, { asOf: "2025-07-11", audience: "governors" });
    const counts = (rep: typeof r) => Object.fromEntries((rep.ehcRequests?.cells ?? []).map((c) => [c.decision, c.count]));
    expect(counts(senco)).toEqual({ all: 20, agreed: 17, refused: 1, pending: 2 });
    const shown = counts(r);
    expect(shown.refused).toBeNull();
    expect(shown.pending).toBeNull();
    // With the total and agreed shown, refused + pending = 3 is known, but neither alone.
    expect(pinnedByRanges(r, senco, "count")).toEqual([]);
    expect(pinnedByRanges(r, senco, "n")).toEqual([]);
    expect(shownSmallNumerators(r)).toEqual([]);
    expect(r.ehcRequests?.open.rows).toEqual([]);
    expect(senco.ehcRequests?.open.rows.length).toBe(20 - 1);
    const text = JSON.stringify(r);
    for (const p of data.pupils) {
      expect(text.includes(p.pupilId), p.pupilId).toBe(false);
      expect(text.includes(`"${p.surname}"`), p.surname).toBe(false);
    }
  });

  it("a trust's figure does not pin its schools' hidden groups (each at least 1, adding up to the trust's)", () => {
    // Six schools, each with one Year 6 pupil on SEN support: each school's group is hidden, the trust's is 6.
    const schools = ["A", "B", "C", "D", "E", "F"].map((s) => makeSchool(`${s} Primary`, [
      { academicYear: "2024/25", yearGroup: 6, status: "N", count: 20, met: 15 },
      { academicYear: "2024/25", yearGroup: 6, status: "K", count: 1, met: 0 },
    ]));
    const trust = mergeSchoolData(schools);
    const r = buildReport(trust, { asOf: "2025-07-11", audience: "governors" });
    const { pinned, groups } = trustPinned(r);
    expect(groups).toBeGreaterThan(0);
    expect(pinned).toEqual([]);
  });

  it("publishes no pupil's name, MIS id, date of birth or staff name written into an intervention's name, run label or file name", () => {
    const data = makeSchool("Ash Primary", [
      { academicYear: "2024/25", yearGroup: 6, status: "N", count: 20, met: 15 },
      { academicYear: "2024/25", yearGroup: 6, status: "K", count: 12, met: 5 },
    ]);
    const ks = data.pupils.filter((p) => data.senRegister.some((s) => s.pupilId === p.pupilId));
    const who = ks[0]!;
    const dob = who.dateOfBirth!.split("-").reverse().join("/");
    const names = [`1:1 with ${who.forename}`, `RR ${who.surname} 1:1`, `Booster ${who.misId}`, `Lexia (born ${dob})`, "Ms Hargreaves-Quill's group", "Maths booster"];
    names.forEach((name, i) => {
      for (const p of ks) data.interventions.push(placement(p.pupilId, name, `RR-00124${i} ${who.surname}`, "Ms Hargreaves-Quill"));
    });
    data.files.push({ file: `targets ${who.surname}_${who.forename![0]}.csv`, kind: "targets", layout: "sims", encoding: "utf-8", rows: 1, imported: 1, rejected: 0 });
    const r = buildReport(data, { asOf: "2025-07-11", audience: "governors" });
    const json = JSON.stringify(r);
    expect(json).not.toContain(who.forename!);
    expect(json).not.toContain(who.surname!);
    expect(json).not.toContain(who.misId!);
    expect(json).not.toContain(dob);
    expect(json).not.toContain("Hargreaves");
    expect(json).not.toContain("RR-00124");
    // A name that holds nothing of the kind is kept; the others are called "Intervention A", "B", …
    expect(r.interventions.interventions.map((iv) => iv.intervention).sort()).toEqual(
      ["Intervention A", "Intervention B", "Intervention C", "Intervention D", "Intervention E", "Maths booster"]);
    // The SENCO can give governor-facing names; one that names a pupil is refused in turn.
    const named = buildReport(data, { asOf: "2025-07-11", audience: "governors", interventionNames: {
      [`RR ${who.surname} 1:1`]: "Reading recovery 1:1", [`1:1 with ${who.forename}`]: `Support for ${who.forename}` } });
    const shown = named.interventions.interventions.map((iv) => iv.intervention);
    expect(shown).toContain("Reading recovery 1:1");
    expect(JSON.stringify(named)).not.toContain(who.forename!);
  });

  it("refuses a threshold below the floor for governors (--threshold 1 exits 2; policyFor throws)", async () => {
    expect(() => policyFor("governors", { threshold: 1 })).toThrow(/at least 6/);
    expect(() => policyFor("public", { threshold: 3 })).toThrow(/at least 6/);
    const err: string[] = [];
    const code = await main(["analyse", "fixtures/sample-school", "--audience", "governors", "--threshold", "1"], { stdout: () => undefined, stderr: (s: string) => void err.push(s) });
    expect(code).toBe(2);
    expect(err.join("")).toMatch(/threshold/);
  });

  it("gives the same trust report from applyDisclosure on the SENCO's report as buildReport for governors (cross-school cells, staff)", () => {
    const schools = ["A", "B", "C"].map((s, i) => makeSchool(`${s} Primary`, [
      { academicYear: "2024/25", yearGroup: 6, status: "N", count: 20 + i, met: 15 },
      { academicYear: "2024/25", yearGroup: 6, status: "K", count: 3 + 4 * i, met: 1 + i },
      { academicYear: "2024/25", yearGroup: 6, status: "E", count: 2, met: 0 },
    ]));
    const trust: SchoolData = mergeSchoolData(schools);
    const ks = trust.pupils.filter((p) => trust.senRegister.some((s) => s.pupilId === p.pupilId && s.status === "K"));
    for (const p of ks) trust.interventions.push(placement(p.pupilId, "Maths booster", "MB-A", "Mr Staffname"));
    const senco = buildReport(trust, { asOf: "2025-07-11" });
    const governors = buildReport(trust, { asOf: "2025-07-11", audience: "governors" });
    const again = applyDisclosure(senco, policyFor("governors"), { pupils: trust.pupils });
    expect(JSON.stringify(again)).not.toContain("Staffname");
    expect(JSON.parse(JSON.stringify(again))).toEqual(JSON.parse(JSON.stringify(governors)));
  });
});
