import { describe, expect, it } from "vitest";
import { academicYearsIn, numberedProfiledResults, profiledResults, readProfiledResults, shareProfiledResults } from "../../src/lib/cohort/results.js";
import { shareProfileLookup, profileLookup, profileLookupByPupil } from "../../src/lib/cohort/groups.js";
import { prepareAnalysis } from "../../src/lib/cohort/context.js";
import { result } from "./builders.js";
import { smallSchool } from "./fixture-small.js";

// Results of the six-pupil school at three points, two subjects; p4 has two results at one point (the later-dated wins).
const data = smallSchool({
  assessments: [
    result("p1", { point: "2024/25 autumn", term: "autumn", date: "2024-12-10", subject: "reading", score: 90 }),
    result("p2", { point: "2024/25 summer", term: "summer", date: "2025-06-20", subject: "maths", score: 101 }),
    result("p3", { point: "2024/25 spring", term: "spring", date: "2025-03-20", subject: "reading", score: 95 }),
    result("p4", { point: "2024/25 autumn", term: "autumn", date: "2024-12-10", subject: "maths", score: 99 }),
    result("p1", { point: "2024/25 summer", term: "summer", date: "2025-06-20", subject: "reading", score: 97 }),
    result("p4", { point: "2024/25 autumn", term: "autumn", date: "2024-12-12", subject: "maths", score: 104 }),
    result("p5", { point: "2024/25 spring", term: "spring", date: "2025-03-20", subject: "maths", score: 110 }),
  ],
});
const summary = (rows: Readonly<ReturnType<typeof profiledResults>>) => rows.map((r) => `${r.pupilId} ${r.subject} ${r.point} ${r.value} ${r.profile.senStatus}`);

describe("profiledResults in an analysis context", () => {
  it("filters by point to the same rows, in the same order, as reading every result", () => {
    // Expected by hand from the list above: data order, p4's later maths result in place of its first.
    const expected = ["p1 reading 2024/25 autumn 90 K", "p2 maths 2024/25 summer 101 E", "p4 maths 2024/25 autumn 104 N", "p1 reading 2024/25 summer 97 K"];
    const ctx = prepareAnalysis(data);
    profiledResults(ctx); // makes the context's rows
    const shared = profiledResults(ctx, { points: ["2024/25 summer", "2024/25 autumn", "2024/25 summer", "no such point"] });
    expect(summary(shared)).toEqual(expected);
    expect(summary(profiledResults(data, { points: ["2024/25 autumn", "2024/25 summer"] }))).toEqual(expected);
  });

  it("combines a point filter with the other filters", () => {
    const rows = profiledResults(prepareAnalysis(data), { points: ["2024/25 spring", "2024/25 autumn"], subjects: ["maths"] });
    expect(summary(rows)).toEqual(["p4 maths 2024/25 autumn 104 N", "p5 maths 2024/25 spring 110 N"]);
  });

  it("gives the same rows whatever was asked of the context before (no order dependence)", () => {
    const filter = { subjects: ["maths" as const] };
    const fresh = summary(profiledResults(data, filter));
    const ctx = prepareAnalysis(data);
    profiledResults(ctx, { points: ["2024/25 spring"] });
    readProfiledResults(ctx);
    expect(summary(profiledResults(ctx, filter))).toEqual(fresh);
    // p2, p4 (its later result, 104) and p5: the maths rows of the list above, by hand.
    expect(fresh).toEqual(["p2 maths 2024/25 summer 101 E", "p4 maths 2024/25 autumn 104 N", "p5 maths 2024/25 spring 110 N"]);
  });

  it("leaves out results dated after the context's asOf", () => {
    // Dated on or before 2025-03-20 (by hand): p1's autumn reading, p3's (E since 2022, fixture-small.ts) and p5's spring results, p4's later maths.
    const ctx = prepareAnalysis(data, { asOf: "2025-03-20" });
    expect(summary(profiledResults(ctx))).toEqual(["p1 reading 2024/25 autumn 90 K", "p3 reading 2024/25 spring 95 E", "p4 maths 2024/25 autumn 104 N", "p5 maths 2024/25 spring 110 N"]);
    expect(() => prepareAnalysis(data, { asOf: "20 March 2025" })).toThrow(/prepareAnalysis/);
  });
});

describe("readProfiledResults", () => {
  it("gives the context's rows themselves, and the same rows as profiledResults", () => {
    const ctx = prepareAnalysis(data);
    const read = readProfiledResults(ctx);
    expect(readProfiledResults(ctx)).toBe(read); // not a copy
    expect(profiledResults(ctx)).not.toBe(read);
    expect(readProfiledResults(data)).not.toBe(readProfiledResults(data)); // plain data: a fresh context each call
    // Six results kept of seven (p4's two maths results at one point are one), in data order (by hand).
    expect(read.length).toBe(6);
    expect(summary(readProfiledResults(ctx, { subjects: ["maths"], measures: ["standardised"] }))).toEqual(
      summary(profiledResults(data, { subjects: ["maths"], measures: ["standardised"] })),
    );
  });
});

describe("profileLookupByPupil", () => {
  it("gives the same (shared) profiles as profileLookup, and null for an unknown pupil", () => {
    const ctx = prepareAnalysis(data);
    const at = profileLookupByPupil(ctx)("p1");
    expect(at?.("2025-06-20")).toBe(profileLookup(ctx)("p1", "2025-06-20"));
    expect(at?.("2025-06-20").senStatus).toBe("K"); // p1 is on SEN support in the fixture
    expect(profileLookupByPupil(ctx)("nobody")).toBeNull();
    // Plain data: each call its own context, so equal profiles but not the same object.
    expect(profileLookup(data)("p1", "2025-06-20")).not.toBe(profileLookup(data)("p1", "2025-06-20"));
    expect(profileLookup(data)("p1", "2025-06-20")).toEqual(profileLookup(ctx)("p1", "2025-06-20"));
  });
});

describe("shareProfileLookup", () => {
  it("lets a share of the pupils use the whole school's look-up, with the same profiles", () => {
    const share = { pupils: data.pupils.slice(0, 2), senRegister: data.senRegister.filter((s) => s.pupilId === "p1" || s.pupilId === "p2") };
    const whole = prepareAnalysis(data);
    const part = prepareAnalysis(share);
    expect(shareProfileLookup(whole, [part])).toBe(true);
    const profile = profileLookup(whole)("p2", "2025-03-01");
    expect(profileLookup(part)("p2", "2025-03-01")).toBe(profile); // the same object
    expect(profile?.senStatus).toBe("E"); // p2 holds an EHC plan from 2025-02-01 (fixture-small.ts)
  });

  it("refuses when a pupil id appears twice", () => {
    const twice = { ...data, pupils: [...data.pupils, ...data.pupils.slice(0, 1)] };
    expect(shareProfileLookup(prepareAnalysis(twice), [])).toBe(false);
  });
});

describe("shareProfiledResults", () => {
  it("gives each share's context its pupils' rows of the whole context, in order", () => {
    const whole = prepareAnalysis(data);
    const odd = (id: string) => (Number(id.slice(1)) % 2 === 1 ? "odd" : "even");
    const pick = (name: string) => {
      const ids = new Set(data.pupils.filter((p) => odd(p.pupilId) === name).map((p) => p.pupilId));
      return prepareAnalysis({ pupils: data.pupils.filter((p) => ids.has(p.pupilId)), senRegister: data.senRegister.filter((s) => ids.has(s.pupilId)),
        assessments: data.assessments.filter((a) => ids.has(a.pupilId)) });
    };
    const shares = new Map([["odd", pick("odd")], ["even", pick("even")]]);
    expect(shareProfiledResults(whole, shares, odd)).toBe(true);
    const oddRows = readProfiledResults(shares.get("odd")!);
    // The odd pupils' rows (p1, p3, p5) of the list above, in data order, by hand; the same objects as the whole's.
    expect(summary(oddRows)).toEqual(["p1 reading 2024/25 autumn 90 K", "p3 reading 2024/25 spring 95 E", "p1 reading 2024/25 summer 97 K", "p5 maths 2024/25 spring 110 N"]);
    expect(oddRows[0]).toBe(readProfiledResults(whole)[0]);
    // And the same rows as the share would make on its own.
    expect(summary(readProfiledResults(shares.get("even")!))).toEqual(summary(profiledResults(pick("even").data)));
  });
});

describe("filters on a share's rows (tested row by row) and on the whole's (tested kind by kind)", () => {
  it("keep the same rows, and number the pupils of each", () => {
    const whole = prepareAnalysis(data);
    const all = (id: string) => (id === "p2" ? undefined : "all");
    const part = prepareAnalysis({ pupils: data.pupils.filter((p) => p.pupilId !== "p2"), senRegister: data.senRegister.filter((s) => s.pupilId !== "p2"),
      assessments: data.assessments.filter((a) => a.pupilId !== "p2") });
    const maths = { subjects: ["maths" as const] };
    expect(summary(readProfiledResults(whole, maths))).toEqual(["p2 maths 2024/25 summer 101 E", "p4 maths 2024/25 autumn 104 N", "p5 maths 2024/25 spring 110 N"]);
    const numbered = numberedProfiledResults(whole, maths);
    // Pupils numbered by their first result in the whole list above: p1 0, p2 1, p3 2, p4 3, p5 4.
    expect([...numbered.pupilOfRow]).toEqual([1, 3, 4]);
    expect(numbered.pupils).toBe(5);
    expect(shareProfiledResults(whole, new Map([["all", part]]), all)).toBe(true);
    const filter = { academicYears: ["2024/25"], terms: ["autumn" as const, "spring" as const], measures: ["standardised" as const] };
    // Without p2 (by hand): p1's autumn reading, p3's spring reading, p4's later autumn maths, p5's spring maths.
    const expected = ["p1 reading 2024/25 autumn 90 K", "p3 reading 2024/25 spring 95 E", "p4 maths 2024/25 autumn 104 N", "p5 maths 2024/25 spring 110 N"];
    expect(summary(readProfiledResults(part, filter))).toEqual(expected);
    expect(summary(readProfiledResults(whole, filter))).toEqual(expected);
    // A share's pupils are numbered by their first result among the rows kept: p4 0, p5 1.
    const inShare = numberedProfiledResults(part, maths);
    expect(summary(inShare.rows)).toEqual(["p4 maths 2024/25 autumn 104 N", "p5 maths 2024/25 spring 110 N"]);
    expect([...inShare.pupilOfRow]).toEqual([0, 1]);
    expect(inShare.pupils).toBe(2);
  });
});

describe("academicYearsIn", () => {
  it("gives the years of the context's results once, each caller its own copy", () => {
    const ctx = prepareAnalysis(smallSchool({ assessments: [
      result("p1", { point: "2024/25 summer", term: "summer", date: "2025-06-20" }),
      result("p1", { point: "2023/24 summer", academicYear: "2023/24", term: "summer", date: "2024-06-20" }),
    ] }));
    const years = academicYearsIn(ctx);
    expect(years).toEqual(["2023/24", "2024/25"]);
    years.pop();
    expect(academicYearsIn(ctx)).toEqual(["2023/24", "2024/25"]);
  });
});
