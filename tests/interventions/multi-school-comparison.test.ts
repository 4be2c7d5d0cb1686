import { describe, expect, it } from "vitest";
import { analyseInterventions } from "../../src/lib/interventions/analyse.js";
import { comparisonIndex, findComparison, findComparisonIn } from "../../src/lib/interventions/comparison.js";
import { placementOutcome } from "../../src/lib/interventions/outcomes.js";
import type { Pupil } from "../../src/lib/schema/records.js";
import { assess, pupil, rec, school } from "./build.js";

const AUT = ["2024/25 autumn", "2024-12-02"] as const;
const SPR = ["2024/25 spring", "2025-03-17"] as const;

// A trust of two schools, every pupil in Year 3 in 2024/25: [school, autumn score, spring score] in maths.
// School B's pupils b1…b3 lie nearer ga's autumn score (80) than any of school A's a1…a3.
const scores: Record<string, [string, number, number]> = {
  ga: ["A", 80, 86], gb: ["B", 80, 84],
  a1: ["A", 75, 78], a2: ["A", 60, 61], a3: ["A", 88, 90],
  b1: ["B", 80, 85], b2: ["B", 81, 81], b3: ["B", 83, 87],
};
const assessments = Object.entries(scores).flatMap(([id, [, a, s]]) => [
  assess(id, AUT[0], AUT[1], a), assess(id, SPR[0], SPR[1], s),
]);
const trust = new Map(Object.entries(scores).map(([id, [name]]) => [id, pupil({ pupilId: id, school: name })]));
const single = new Map(Object.keys(scores).map((id) => [id, pupil({ pupilId: id, school: null })]));

/**
 * The comparison of a one-pupil run starting after the autumn point and ending before the spring point; in
 * `index` (a comparison index that earlier runs have used) when given.
 */
function compare(groupPupil: string, pupils: ReadonlyMap<string, Pupil>, index?: ReturnType<typeof comparisonIndex>) {
  const run = [rec({ pupilId: groupPupil, intervention: "Maths", startDate: "2025-01-06", endDate: "2025-03-10" })];
  const outcomes = run.map((r) => placementOutcome(r, pupils.get(r.pupilId), "2025-03-10", "2025-07-01"));
  // The other school's group pupil is busy in the same subject, as it would be in a trust-wide analysis.
  const excluded = [...run, rec({ pupilId: groupPupil === "ga" ? "gb" : "ga", intervention: "Maths",
    startDate: "2025-01-06", endDate: "2025-03-10" })];
  const options = { asOf: "2025-07-01", perPupil: 2 };
  return index === undefined
    ? findComparison(outcomes, "maths", "standardised", "2025-01-06", "2025-03-10", { assessments, pupils, excluded }, options)
    : findComparisonIn(index, outcomes, "maths", "standardised", "2025-01-06", "2025-03-10", excluded, options);
}

describe("findComparison in a trust's data", () => {
  it("matches a run in school A with school A's pupils only, even when school B's lie nearer", () => {
    // ga (A, 80): distances within A are a1 |75−80| = 5, a3 |88−80| = 8, a2 |60−80| = 20 → the 2 nearest are
    // a1 and a3 (b1 at 0, b2 at 1 and b3 at 3 would be nearer but are in school B); values are spring − autumn:
    // a1 78 − 75 = 3, a3 90 − 88 = 2.
    const found = compare("ga", trust);
    expect(found?.pupils.map((p) => p.pupilId)).toEqual(["a1", "a3"]);
    expect(found?.pupils.map((p) => p.value)).toEqual([3, 2]);
    expect(found?.group.map((p) => [p.pupilId, p.value])).toEqual([["ga", 6]]); // 86 − 80
  });

  it("keeps schools apart when the pools are shared between runs (one comparison index)", () => {
    // Both runs share one pool (same two points); gb (B, 80): b1 at 0, b2 at 1 (b3 at 3) → b1, b2, values
    // 85 − 80 = 5 and 81 − 81 = 0; ga as above → a1, a3.
    const index = comparisonIndex(assessments, trust);
    const [a, b] = [compare("ga", trust, index), compare("gb", trust, index)];
    expect(a?.pupils.map((p) => p.pupilId)).toEqual(["a1", "a3"]);
    expect(b?.pupils.map((p) => p.pupilId)).toEqual(["b1", "b2"]);
    expect(b?.pupils.map((p) => p.value)).toEqual([5, 0]);
  });

  it("draws from every pupil when no school is recorded (single-school data), as before", () => {
    // ga (80) over all six non-group pupils: b1 at 0, b2 at 1, b3 at 3, a1 at 5 … → b1 and b2
    // (gb is busy in the other run and so left out).
    const found = compare("ga", single, comparisonIndex(assessments, single));
    expect(found?.pupils.map((p) => p.pupilId)).toEqual(["b1", "b2"]);
    expect(found?.pupils.map((p) => p.value)).toEqual([5, 0]);
  });

  it("finds nothing for a school with no other pupils scored at both points", () => {
    // Only ga is in school "C" (so its school's pool is empty): no comparison, rather than school B's pupils.
    const lone = new Map(trust);
    lone.set("ga", pupil({ pupilId: "ga", school: "C" }));
    expect(compare("ga", lone)).toBeNull();
  });

  it("says in the methods that a trust's pupils are matched within their school", () => {
    const runs = [rec({ pupilId: "ga", intervention: "Maths", startDate: "2025-01-06", endDate: "2025-03-10" })];
    const methodOf = (pupils: ReadonlyMap<string, Pupil>): string | undefined =>
      analyseInterventions(school([...pupils.values()], assessments, runs), { asOf: "2025-07-01" }).methods
        .find((m) => m.startsWith("Comparison:"));
    expect(methodOf(trust)).toContain("pupils in the same school and year group, not in an intervention");
    expect(methodOf(single)).toContain("pupils in the same year group, not in an intervention");
  });
});
