import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/lib/errors.js";
import { analyseInterventions } from "../../src/lib/interventions/analyse.js";
import { prepareAnalysis } from "../../src/lib/cohort/context.js";
import { describePeriod } from "../../src/lib/interventions/narrative.js";
import { InterventionsReport } from "../../src/lib/interventions/schema.js";
import { pupil, rec, school } from "./build.js";

// A hand-made school with no termly assessments, so impact falls back to the reliability method.
const pupils = ["a", "b", "c", "d", "e", "solo"].map((id) => pupil({ pupilId: id, leavingDate: id === "d" ? "2024-11-01" : null }));
const data = school(pupils, [], [
  rec({ pupilId: "a", entryScore: 80, exitScore: 86, exitTarget: 85 }),
  rec({ pupilId: "b", entryScore: 85, exitScore: 88, exitTarget: 85 }),
  rec({ pupilId: "c", entryScore: 90, exitScore: 89, exitTarget: 85 }),
  rec({ pupilId: "d", entryScore: 82, exitScore: null }),
  rec({ pupilId: "e", entryScore: 84, entryDate: "2024-12-13" }),
  rec({ pupilId: "solo", intervention: "Lexia", group: "LX-1", measure: "readingAge", entryScore: 84, exitScore: 93 }),
  rec({ pupilId: "a", intervention: "Later club", startDate: "2025-09-01", endDate: "2025-12-01" }),
]);
const report = analyseInterventions(data, { asOf: "2025-07-18" });

describe("analyseInterventions on hand-made data", () => {
  it("matches its zod schema and ignores places starting after asOf", () => {
    expect(InterventionsReport.parse(report)).toEqual(report);
    expect(report.interventions.map((i) => i.intervention)).toEqual(["Lexia", "Precision teaching"]);
  });

  it("counts missing exits, zero elapsed time and leavers, and nets impact by reliability", () => {
    const pt = report.interventions.find((i) => i.intervention === "Precision teaching");
    expect(pt?.n).toBe(5);
    expect(pt?.delivery).toMatchObject({ placements: 5, missingExit: 1, zeroElapsed: 1, leftEarly: 1 });
    // a, b, c: gains 6, 3, −1; rises 0.1 × (20, 15, 10) = 2, 1.5, 1; nets 4, 1.5, −2 → mean 3.5 / 3
    expect(pt?.impact.n).toBe(3);
    expect(pt?.impact.net.method).toBe("reliability");
    expect(pt?.impact.net.mean).toBeCloseTo(1.166667, 5);
    expect(pt?.impact.verdict).toBe("no-clear-evidence");
    expect(pt?.narrative).toMatch(/no clear evidence of impact/);
    expect(pt?.exitTarget).toMatchObject({ n: 3, count: 3 }); // 86, 88 and 89 all reach 85; d, e have no target
    expect(pt?.runs).toHaveLength(1);
    expect(pt?.status).toBe("finished");
  });

  it("reports a one-pupil group but never ranks it", () => {
    const lexia = report.interventions.find((i) => i.intervention === "Lexia");
    expect(lexia?.n).toBe(1);
    expect(lexia?.impact.verdict).toBe("too-few");
    // 9 months in 2 calendar months and 27 days (2 + 27 / 30.4375 = 2.887064 months) = 3.117354, Brooks's "substantial"
    expect(lexia?.impact.raw.ratioGain).toBeCloseTo(3.117354, 5);
    expect(lexia?.narrative).toBe("Lexia (1 pupil, Sep 2024 to Dec 2024): only one pupil has entry and exit scores, too few to judge impact.");
    const months = report.rankings.find((r) => r.unit === "months");
    expect(months?.entries[0]).toMatchObject({ intervention: "Lexia", rank: null });
  });

  it("lists non-responders and unmeasured places at pupil level", () => {
    // c fell 1 point (no more than typical progress); d has no exit score; e was assessed on the exit date
    expect(report.nonResponders.pupilLevel).toBe(true);
    expect(report.nonResponders.rows.map((r) => [r.pupilId, r.gain])).toEqual([["c", -1]]);
    expect(report.notMeasured.rows.map((r) => [r.pupilId, r.reason, r.leavingDate])).toEqual([
      ["d", "missingExit", "2024-11-01"], ["e", "zeroElapsed", null],
    ]);
  });

  it("finds a pupil given twice by its last record, from plain data and from an analysis context alike", () => {
    // "c" listed twice: the first record named "Early" and left 2024-11-01, the last named "Late" still on roll.
    // A map from the pupils keeps the last record, so c is measured (no leaver) and named "Test Late".
    const twice = school([...pupils, pupil({ pupilId: "c", surname: "Late" })].map((p) => (p === pupils[2] ? { ...p, surname: "Early", leavingDate: "2024-11-01" } : p)), [], data.interventions);
    const plain = analyseInterventions(twice, { asOf: "2025-07-18" });
    expect(plain.nonResponders.rows.map((r) => [r.pupilId, r.name])).toEqual([["c", "Test Late"]]);
    expect(plain.notMeasured.rows.map((r) => r.pupilId)).toEqual(["d", "e"]);
    expect(analyseInterventions(prepareAnalysis(twice, { asOf: "2025-07-18" }))).toEqual(plain);
  });

  it("rejects a bad asOf", () => {
    expect(() => analyseInterventions(data, { asOf: "18/07/2025" })).toThrow(InvalidArgumentError);
  });
});

describe("describePeriod", () => {
  it("writes months", () => {
    expect(describePeriod("2024-09-16", "2024-12-13")).toBe("Sep 2024 to Dec 2024");
    expect(describePeriod("2024-09-02", "2024-09-30")).toBe("Sep 2024");
    expect(describePeriod("2025-01-06", null)).toBe("from Jan 2025");
  });
});
