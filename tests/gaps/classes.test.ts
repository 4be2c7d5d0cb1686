// Classes and cohorts (issue #18) on a hand-made school. Expected values worked out by hand below and checked in
// Python (scipy 1.17: stats.t.ppf for Welch's interval; Wilson and Newcombe's hybrid score interval written out
// from Newcombe 1998, method 10); the numbers are reproduced in the comments.
import { describe, expect, it } from "vitest";
import { ClassesAndCohorts, classProgress, classesAndCohorts, cohortProgress } from "../../src/lib/gaps/classes.js";
import { prepareAnalysis } from "../../src/lib/cohort/context.js";
import { containsNaN, pupil, result, school, spell } from "../cohort/builders.js";

const autumn = { academicYear: "2024/25", point: "2024/25 autumn", term: "autumn" as const, date: "2024-12-13" };
const summer = { academicYear: "2024/25", point: "2024/25 summer", term: "summer" as const, date: "2025-07-01" };
const autumnBefore = { academicYear: "2023/24", point: "2023/24 autumn", term: "autumn" as const, date: "2023-12-13" };
const summerBefore = { academicYear: "2023/24", point: "2023/24 summer", term: "summer" as const, date: "2024-07-01" };

/** A pupil with two standardised reading scores (autumn → summer of `when`'s year). */
function twoScores(id: string, from: number, to: number, when: "2024/25" | "2023/24" = "2024/25") {
  const [a, s] = when === "2024/25" ? [autumn, summer] : [autumnBefore, summerBefore];
  return [result(id, { score: from, ...a }), result(id, { score: to, ...s })];
}

// Year 3 in 2024/25. SEN pupils: 3A a1 +6, a2 +4, a3 −2; 3B b1 −2, b2 −1, b3 0; c1 +1 with no class.
// n1 (3A, no SEN) +20 is left out. d1, d2, d3 were Year 3 in 2023/24 (Year 4 now, class 4A): −8, −7, −9 then.
const classOf: Record<string, string | null> = { a1: "3A", a2: "3A", a3: "3A", n1: "3A", b1: "3B", b2: "3B", b3: "3B", c1: null, d1: "4A", d2: "4A", d3: "4A" };
const data = school({
  pupils: Object.entries(classOf).map(([id, registrationClass]) =>
    pupil(id, { registrationClass, yearGroup: id.startsWith("d") ? 4 : 3 })),
  senRegister: ["a1", "a2", "b1", "b2", "b3", "c1", "d1", "d2", "d3"].map((id) => spell(id, "K")).concat([spell("a3", "E")]),
  assessments: [
    ...twoScores("a1", 90, 96), ...twoScores("a2", 85, 89), ...twoScores("a3", 100, 98),
    ...twoScores("b1", 92, 90), ...twoScores("b2", 80, 79), ...twoScores("b3", 95, 95),
    ...twoScores("c1", 90, 91), ...twoScores("n1", 90, 110),
    ...twoScores("d1", 100, 92, "2023/24"), ...twoScores("d2", 90, 83, "2023/24"), ...twoScores("d3", 95, 86, "2023/24"),
  ],
});

describe("classProgress", () => {
  const { cells, pupilsWithoutClass } = classProgress(data, { from: "2024/25 autumn", to: "2024/25 summer" });
  const cell = (group: string) => cells.find((c) => c.group === group);

  it("groups SEN pupils by class within the year group, with the year group's total", () => {
    expect(cells.map((c) => [c.yearGroup, c.group, c.n])).toEqual([[3, "all", 6], [3, "3A", 3], [3, "3B", 3]]);
    // c1 has no class; d1–d3's class (4A) is this year's, their results are last year's: not counted.
    expect(pupilsWithoutClass).toBe(1);
    expect(containsNaN(cells)).toBe(false);
  });

  it("gives each class's mean change and expected progress (change ≥ 0)", () => {
    // 3A: (6 + 4 − 2) / 3 = 8/3; 2 of 3 at ≥ 0. scipy t.interval(0.95, 2, loc=8/3, scale=sem([6,4,-2])) = (−7.675623, 13.008957)
    expect(cell("3A")?.mean).toBeCloseTo(8 / 3, 10);
    expect(cell("3A")?.meanLower).toBeCloseTo(-7.675623, 5);
    expect(cell("3A")?.meanUpper).toBeCloseTo(13.008957, 5);
    expect(cell("3A")).toMatchObject({ count: 2 });
    expect(cell("3A")?.lower).toBeCloseTo(0.2076596, 6); // Wilson 2/3: (0.2076596, 0.9385081)
    // 3B: (−2 − 1 + 0) / 3 = −1; 1 of 3 (the 0). Year group: 5/6 mean, 3 of 6.
    expect(cell("3B")?.mean).toBeCloseTo(-1, 10);
    expect(cell("3B")?.count).toBe(1);
    expect(cell("all")?.mean).toBeCloseTo(5 / 6, 10);
    expect(cell("all")).toMatchObject({ count: 3, isTotal: true, vsOtherClasses: null });
  });

  it("compares each class with the year group's other classes, with the gaps' intervals and bands", () => {
    const a = cell("3A")!.vsOtherClasses!;
    // Welch: 8/3 − (−1) = 3.666667, variances 52/3 and 1, df 2.2300; interval (−5.984656, 13.317989): crosses 0.
    expect(a.mean.difference).toBeCloseTo(11 / 3, 10);
    expect(a.mean.lower).toBeCloseTo(-5.984656, 4);
    expect(a.mean.upper).toBeCloseTo(13.317989, 4);
    expect(a.mean.band).toBe("close to");
    // Newcombe: 2/3 − 1/3 = 0.333333, (−0.315801, 0.717775).
    expect(a.expected.difference).toBeCloseTo(1 / 3, 10);
    expect(a.expected.lower).toBeCloseTo(-0.315801, 5);
    expect(a.expected.upper).toBeCloseTo(0.717775, 5);
    expect(a.expected.band).toBe("close to");
    // 3B against 3A mirrors it.
    expect(cell("3B")!.vsOtherClasses!.mean.difference).toBeCloseTo(-11 / 3, 10);
    expect(cell("3B")!.vsOtherClasses!.mean.lower).toBeCloseTo(-13.317989, 4);
  });

  it("leaves out a year group with one class, and a school with no classes", () => {
    const oneClass = school({ ...data, pupils: data.pupils.map((p) => ({ ...p, registrationClass: p.registrationClass === null ? null : "3A" })) });
    expect(classProgress(oneClass, { from: "2024/25 autumn", to: "2024/25 summer" }).cells).toEqual([]);
    const none = school({ ...data, pupils: data.pupils.map((p) => ({ ...p, registrationClass: null })) });
    const r = classProgress(none, { from: "2024/25 autumn", to: "2024/25 summer" });
    expect(r).toEqual({ cells: [], pupilsWithoutClass: 7 });
  });
});

describe("cohortProgress", () => {
  const cells = cohortProgress(data);

  it("compares this year's Year 3 SEN pupils with last year's Year 3", () => {
    // Year 3 only: Year 4 has results in 2023/24 only when its pupils were in Year 3.
    expect(cells.map((c) => [c.yearGroup, c.academicYear, c.n, c.count])).toEqual([[3, "2023/24", 3, 0], [3, "2024/25", 7, 4]]);
    const [before, latest] = cells;
    expect(before?.mean).toBeCloseTo(-8, 10); // (−8 − 7 − 9) / 3
    expect(latest?.mean).toBeCloseTo(6 / 7, 10); // 6 + 4 − 2 − 2 − 1 + 0 + 1 = 6, over 7 (c1 counts: no class needed)
    expect(latest?.vsLatest).toBeNull();
    const gap = before!.vsLatest!;
    // Welch: 6/7 − (−8) = 8.857143, df 7.8845, interval (5.854275, 11.860010): above 0, and ≥ 7.5 (half an SD) → "well above".
    expect(gap.mean.difference).toBeCloseTo(62 / 7, 10);
    expect(gap.mean.lower).toBeCloseTo(5.854275, 4);
    expect(gap.mean.upper).toBeCloseTo(11.86001, 4);
    expect(gap.mean.band).toBe("well above");
    // Newcombe: 4/7 − 0/3 = 0.571429, (−0.075333, 0.841780): crosses 0 → "close to".
    expect(gap.expected.difference).toBeCloseTo(4 / 7, 10);
    expect(gap.expected.lower).toBeCloseTo(-0.075333, 5);
    expect(gap.expected.upper).toBeCloseTo(0.84178, 5);
    expect(gap.expected.band).toBe("close to");
  });
});

describe("classesAndCohorts", () => {
  it("is the same from a context as from the data, and matches its schema", () => {
    const points = { from: "2024/25 autumn", to: "2024/25 summer" };
    const fromData = classesAndCohorts(data, points);
    const ctx = prepareAnalysis(data);
    cohortProgress(ctx); // a call before does not change the result
    expect(classesAndCohorts(ctx, points)).toEqual(fromData);
    expect(ClassesAndCohorts.safeParse(fromData).success).toBe(true);
    expect(classesAndCohorts(data, null).classes).toEqual([]);
  });
});

describe("the sample school, against Python", () => {
  // tests/gaps/classes-reference.json is the output of tests/gaps/classes_reference.py, which reads the sample's
  // CSVs with Python's csv module and scipy alone (standardised reading and maths; reading-age ratio gains are
  // not in it).
  it("gives the same class and cohort figures for standardised scores", async () => {
    const { readFileSync } = await import("node:fs");
    const { importFolder } = await import("../../src/lib/import/import-folder.js");
    type Ref = { subject: string; yearGroup: number; group?: string; academicYear?: string; n: number; mean: number; count: number };
    const ref = JSON.parse(readFileSync("tests/gaps/classes-reference.json", "utf8")) as {
      classes: Array<Ref & { vsOtherClasses: number[] | null }>; cohorts: Array<Ref & { vsLatest: number[] | null }>;
    };
    const data = await importFolder("fixtures/sample-school");
    const ctx = prepareAnalysis(data, { asOf: "2026-06-22" });
    const got = classesAndCohorts(ctx, { from: "2025/26 autumn", to: "2025/26 summer" });
    const classes = got.classes.filter((c) => c.measure === "standardised" && !c.isTotal);
    expect(classes.length).toBe(ref.classes.length);
    for (const r of ref.classes) {
      const c = classes.find((x) => x.subject === r.subject && x.yearGroup === r.yearGroup && x.group === r.group)!;
      expect([c.n, c.count]).toEqual([r.n, r.count]);
      expect(c.mean).toBeCloseTo(r.mean, 9);
      const v = c.vsOtherClasses!.mean;
      if (r.vsOtherClasses === null) expect(v.lower).toBeNull();
      else [v.difference, v.lower, v.upper].forEach((x, i) => expect(x).toBeCloseTo(r.vsOtherClasses![i]!, 6));
    }
    const cohorts = got.cohorts.filter((c) => c.measure === "standardised");
    expect(cohorts.length).toBe(ref.cohorts.length);
    for (const r of ref.cohorts) {
      const c = cohorts.find((x) => x.subject === r.subject && x.yearGroup === r.yearGroup && x.academicYear === r.academicYear)!;
      expect([c.n, c.count]).toEqual([r.n, r.count]);
      expect(c.mean).toBeCloseTo(r.mean, 9);
      if (r.vsLatest === null) expect(c.vsLatest).toBeNull();
      else [c.vsLatest!.mean.difference, c.vsLatest!.mean.lower, c.vsLatest!.mean.upper].forEach((x, i) => expect(x).toBeCloseTo(r.vsLatest![i]!, 6));
    }
  });
});

describe("in the report", () => {
  it("is the SENCO's only: governors and the public get classes: null, and no class name", async () => {
    const { buildReport } = await import("../../src/lib/report/build-report.js");
    // The small school above, its classes renamed to words a scan can find.
    const withClasses = { ...data, pupils: data.pupils.map((p) => ({ ...p, registrationClass: p.registrationClass === null ? null : p.registrationClass.replace("A", "Oak").replace("B", "Elm") })) };
    const senco = buildReport(withClasses, { audience: "senco", asOf: "2025-07-01" });
    expect(senco.classes).not.toBeNull();
    expect(JSON.stringify(senco.classes)).toMatch(/Oak|Elm/); // the SENCO sees the classes
    for (const audience of ["governors", "public"] as const) {
      const published = buildReport(withClasses, { audience, asOf: "2025-07-01" });
      expect(published.classes).toBeNull();
      expect(JSON.stringify(published)).not.toMatch(/Oak|Elm/);
    }
  });
});

describe("in a trust's report", () => {
  it("has no classes: class names repeat between schools (3A in each), so they are not merged across the trust", async () => {
    const { buildReport } = await import("../../src/lib/report/build-report.js");
    // The small school above, and the same pupils again as a second school (ids prefixed): two "3A"s.
    const second = {
      ...data,
      pupils: data.pupils.map((p) => ({ ...p, pupilId: `s2-${p.pupilId}`, school: "Second" })),
      senRegister: data.senRegister.map((r) => ({ ...r, pupilId: `s2-${r.pupilId}` })),
      assessments: data.assessments.map((a) => ({ ...a, pupilId: `s2-${a.pupilId}` })),
    };
    const trust = { ...data, pupils: [...data.pupils.map((p) => ({ ...p, school: "First" })), ...second.pupils],
      senRegister: [...data.senRegister, ...second.senRegister], assessments: [...data.assessments, ...second.assessments] };
    expect(buildReport({ ...data, pupils: data.pupils.map((p) => ({ ...p, school: "First" })) }, { audience: "senco", asOf: "2025-07-01" }).classes).not.toBeNull();
    expect(buildReport(trust, { audience: "senco", asOf: "2025-07-01" }).classes).toBeNull();
  });
});
