// Property test (issue #13): random schools and trusts of different schools, built for governors and for the
// public, attacked as in attacks.test.ts: no hidden group pinned by range reasoning, no hidden field pinned or
// known to be 1 or 2 from its table's total and shown fields (governors), no small numerator
// shown, no school's hidden group pinned by its trust's figure, no small group shown, one reason only, and
// (public) every count rounded. The attackers (./attackers.ts) read the JSON alone.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildReport } from "../../src/lib/report/build-report.js";
import { mergeSchoolData } from "../../src/lib/import/import-folder.js";
import { type CohortSpec, makeSchool } from "../report/trust-builder.js";
import { cellsOf, fieldLeaks, pinnedByRanges, shownSmallNumerators, trustPinned } from "./attackers.js";
import { smallShownCells } from "../report/privacy-checks.js";

const cohort: fc.Arbitrary<CohortSpec> = fc.record({
  academicYear: fc.constantFrom("2023/24", "2024/25"),
  yearGroup: fc.constantFrom(1, 3, 6) as fc.Arbitrary<1 | 3 | 6>,
  status: fc.constantFrom("N", "K", "E") as fc.Arbitrary<"N" | "K" | "E">,
  count: fc.integer({ min: 1, max: 24 }),
  metShare: fc.double({ min: 0, max: 1, noNaN: true }),
  absentShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
}).map(({ metShare, absentShare, ...c }) => ({ ...c, met: Math.round(metShare * c.count), absent: Math.round(absentShare * c.count) }));

/** A school: an N cohort of at least 15 in Year 6 (so the school has KS2 results) and up to 5 random cohorts. */
const school = fc.array(cohort, { minLength: 1, maxLength: 5 }).map((cohorts) => [
  { academicYear: "2024/25", yearGroup: 6, status: "N", count: 15, met: 10 } as CohortSpec, ...cohorts,
]);

function attack(report: ReturnType<typeof buildReport>, senco: ReturnType<typeof buildReport>, threshold: number, allOrNoneBelow: number): void {
  expect(smallShownCells(report, threshold)).toEqual([]);
  expect(shownSmallNumerators(report, allOrNoneBelow)).toEqual([]);
  expect(pinnedByRanges(report, senco, "n")).toEqual([]);
  expect(trustPinned(report).pinned).toEqual([]);
  const reasons = new Set(cellsOf(report).map(({ g }) => g.suppressionReason).filter((r) => r !== undefined));
  expect([...reasons].filter((r) => r !== "hidden to protect privacy")).toEqual([]);
}

describe("audited disclosure control on random schools and trusts", () => {
  it("survives the attacks for governors and the public", () => {
    let serial = 0;
    fc.assert(
      fc.property(fc.array(school, { minLength: 1, maxLength: 3 }), (schools) => {
        const data = mergeSchoolData(schools.map((cohorts) => makeSchool(`School ${(serial += 1)}`, cohorts)));
        const asOf = "2025-07-11";
        const senco = buildReport(data, { asOf });
        const governors = buildReport(data, { asOf, audience: "governors" });
        attack(governors, senco, 6, 11);
        // Field by field (a reader who knows the groups' sizes, the other fields and the totals; governors'
        // figures are exact, so the attacker's sums are too).
        expect(fieldLeaks(governors, senco)).toEqual([]);
        const pub = buildReport(data, { asOf, audience: "public" });
        // Rounded to the nearest 5, a shown group of 6 or 7 reads 5 and one of 11 or 12 reads 10.
        attack(pub, senco, 5, 10);
        for (const { g, path } of cellsOf(pub)) {
          if (g.suppressed === true) continue;
          for (const k of ["n", "count", "of"]) if (typeof g[k] === "number" && (g[k] as number) % 5 !== 0) throw new Error(`${path}.${k} not rounded`);
        }
      }),
      { numRuns: 40, seed: 20261205 },
    );
  }, 300_000);
});
