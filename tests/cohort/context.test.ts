// The analysis context's typed keys (`derived`, `ctx.get`) and its default date (`analysisDate`).
import { describe, expect, it } from "vitest";
import { type AnalysisContext, analysisDate, derived, prepareAnalysis } from "../../src/lib/cohort/context.js";
import { ehcReviews } from "../../src/lib/cohort/ehc-reviews.js";
import { identification } from "../../src/lib/cohort/identification.js";
import { targetsOnTrack } from "../../src/lib/cohort/targets.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";
import { result } from "./builders.js";
import { smallSchool } from "./fixture-small.js";

type Pupils = Pick<SchoolData, "pupils">;

describe("derived values as typed keys", () => {
  it("makes a key's value once per context, on first use, and each context its own", () => {
    let made = 0;
    const COUNT = derived("pupil count", (ctx: AnalysisContext<Pupils>) => ({ n: ctx.data.pupils.length, call: ++made }));
    const a = prepareAnalysis(smallSchool());
    expect(made).toBe(0); // nothing made before it is asked for
    expect(a.get(COUNT)).toEqual({ n: 6, call: 1 });
    expect(a.get(COUNT)).toBe(a.get(COUNT));
    expect(made).toBe(1);
    // A second context of the same data makes its own: nothing is kept in the module or on the key.
    const b = prepareAnalysis(smallSchool());
    expect(b.get(COUNT)).toEqual({ n: 6, call: 2 });
    expect(a.get(COUNT).call).toBe(1);
  });

  it("makes one value per arguments for a key that takes some, told apart as JSON (undefined is not [])", () => {
    const calls: string[] = [];
    const TERMS = derived("terms asked", (_ctx: AnalysisContext<Pupils>, year: string, terms?: readonly string[]) => {
      calls.push(`${year} ${JSON.stringify(terms)}`);
      return terms === undefined ? "all" : terms.join("+");
    });
    const ctx = prepareAnalysis(smallSchool());
    expect(ctx.get(TERMS, "2024/25", undefined)).toBe("all");
    expect(ctx.get(TERMS, "2024/25", [])).toBe("");
    expect(ctx.get(TERMS, "2024/25", ["autumn"])).toBe("autumn");
    expect(ctx.get(TERMS, "2024/25", ["autumn"])).toBe("autumn");
    expect(ctx.get(TERMS, "2023/24", ["autumn"])).toBe("autumn");
    expect(calls).toEqual(["2024/25 undefined", "2024/25 []", '2024/25 ["autumn"]', '2023/24 ["autumn"]']);
  });

  it("keeps a key asked with and without its optional argument apart", () => {
    const YEAR = derived("year", (_ctx: AnalysisContext<Pupils>, year?: string) => year ?? "none");
    const ctx = prepareAnalysis(smallSchool());
    expect(ctx.get(YEAR)).toBe("none");
    expect(ctx.get(YEAR, "2024/25")).toBe("2024/25");
    expect(ctx.get(YEAR)).toBe("none");
    // @ts-expect-error a key that takes arguments is given a value with the arguments it is for
    ctx.provide(derived("by year", (_ctx: AnalysisContext<Pupils>, year: string) => year), "x");
  });

  it("takes a value for given arguments (provide) and makes the others itself", () => {
    const made: string[] = [];
    const BY_YEAR = derived("by year", (_ctx: AnalysisContext<Pupils>, year: string, terms?: readonly string[]) => {
      made.push(year);
      return `${year} ${terms?.join("+") ?? "all"}`;
    });
    const ctx = prepareAnalysis(smallSchool());
    expect(ctx.provide(BY_YEAR, "given", "2024/25", ["autumn"])).toBe(true);
    expect(ctx.provide(BY_YEAR, "again", "2024/25", ["autumn"])).toBe(false);
    expect(ctx.get(BY_YEAR, "2024/25", ["autumn"])).toBe("given");
    expect(ctx.get(BY_YEAR, "2024/25")).toBe("2024/25 all");
    expect(ctx.get(BY_YEAR, "2023/24", ["autumn"])).toBe("2023/24 autumn");
    expect(made).toEqual(["2024/25", "2023/24"]);
    // A value made already is kept.
    expect(ctx.provide(BY_YEAR, "late", "2023/24", ["autumn"])).toBe(false);
    expect(ctx.get(BY_YEAR, "2023/24", ["autumn"])).toBe("2023/24 autumn");
    // @ts-expect-error the arguments must be the key's
    ctx.provide(BY_YEAR, "x", 2024);
  });

  it("keeps a made value that is null or undefined (made once all the same)", () => {
    let made = 0;
    const NOTHING = derived("nothing", (_ctx: AnalysisContext<Pupils>) => { made += 1; return made > 1 ? "again" : undefined; });
    const ctx = prepareAnalysis(smallSchool());
    expect(ctx.get(NOTHING)).toBeUndefined();
    expect(ctx.get(NOTHING)).toBeUndefined();
    expect(made).toBe(1);
  });

  it("takes a value another context made (provide) unless it has one, and lets one go (forget)", () => {
    const COUNT = derived("pupil count", (ctx: AnalysisContext<Pupils>) => ctx.data.pupils.length);
    const ctx = prepareAnalysis(smallSchool());
    expect(ctx.provide(COUNT, 60)).toBe(true);
    expect(ctx.provide(COUNT, 600)).toBe(false);
    // @ts-expect-error the value must be the key's type
    expect(ctx.provide(COUNT, "six")).toBe(false);
    expect(ctx.get(COUNT)).toBe(60);
    ctx.forget(COUNT);
    expect(ctx.get(COUNT)).toBe(6);
  });

  it("types the value and the data a key needs (checked by the typecheck)", () => {
    const RESULTS = derived("result count", (ctx: AnalysisContext<Pick<SchoolData, "assessments">>) => ctx.data.assessments.length);
    const full = prepareAnalysis(smallSchool({ assessments: [result("p1")] }));
    const n: number = full.get(RESULTS);
    expect(n).toBe(1);
    // @ts-expect-error the value is a number, not a string
    const s: string = full.get(RESULTS);
    expect(typeof s).toBe("number");
    const pupilsOnly = prepareAnalysis<Pupils>({ pupils: [] });
    // @ts-expect-error a context of pupils only has no assessments for this key to read
    expect(() => pupilsOnly.get(RESULTS)).toThrow(TypeError);
    const TERMS = derived("terms", (_ctx: AnalysisContext<Pupils>, year: string) => year);
    // @ts-expect-error the key takes an academic year
    expect(full.get(TERMS)).toBeUndefined();
  });
});

describe("analysisDate: the date an analysis describes when it is given none", () => {
  const data = smallSchool({ assessments: [result("p1", { date: "2025-07-01" }), result("p4", { date: "2025-03-20", term: "spring", point: "2024/25 spring" })] });

  it("is the date given, else the context's asOf, else defaultAsOf of the data", () => {
    expect(analysisDate(prepareAnalysis(data, { asOf: "2025-06-01" }), "2025-01-16")).toBe("2025-01-16");
    expect(analysisDate(prepareAnalysis(data, { asOf: "2025-06-01" }))).toBe("2025-06-01");
    // The latest assessment date (of the two results above).
    expect(analysisDate(prepareAnalysis(data))).toBe("2025-07-01");
    // No assessments: the latest dated record, p2's EHC spell starting 2025-02-01 (fixture-small.ts).
    expect(analysisDate(prepareAnalysis(smallSchool()))).toBe("2025-02-01");
  });

  it("is what identification, targets and EHC reviews take when no date is given", () => {
    const ctx = prepareAnalysis(data, { asOf: "2025-06-01" });
    expect(identification(ctx).asOf).toBe("2025-06-01");
    expect(identification(ctx)).toEqual(identification(data, "2025-06-01"));
    expect(targetsOnTrack(ctx)).toEqual(targetsOnTrack(data, "2025-06-01"));
    const reviews = ehcReviews(ctx);
    expect(reviews).toEqual(ehcReviews(data, "2025-06-01"));
    // By hand: p3's last review 2024-03-10, so due 2025-03-10, overdue on 2025-06-01; p2's plan (2025-02-01) is in date.
    expect(reviews.due.rows.map((r) => [r.pupilId, r.status])).toEqual([["p3", "overdue"]]);
    // Plain data: on defaultAsOf (2025-07-01).
    expect(ehcReviews(data).asOf).toBe("2025-07-01");
  });
});
