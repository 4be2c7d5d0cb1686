import { describe, expect, it } from "vitest";
import { placementOutcome } from "../../src/lib/interventions/outcomes.js";
import { describeCost, describeDelivery, describeExitTarget, groupRuns } from "../../src/lib/interventions/runs.js";
import { pupil, rec } from "./build.js";

describe("groupRuns", () => {
  it("groups by intervention and group, one run per start date when there is no group", () => {
    const runs = groupRuns([
      rec({ pupilId: "a", group: "G1", startDate: "2024-09-20" }),
      rec({ pupilId: "b", group: "G1", startDate: "2024-09-16", endDate: "2024-12-20" }),
      rec({ pupilId: "c", group: null, intervention: "Lexia", startDate: "2025-01-06", endDate: null }),
      rec({ pupilId: "d", group: null, intervention: "Lexia", startDate: "2025-04-22", endDate: "2025-07-18" }),
    ]);
    expect(runs.map((r) => [r.intervention, r.run, r.startDate, r.endDate, r.records.length])).toEqual([
      ["Lexia", "Lexia from 2025-01-06", "2025-01-06", null, 1],
      ["Lexia", "Lexia from 2025-04-22", "2025-04-22", "2025-07-18", 1],
      ["Precision teaching", "G1", "2024-09-16", "2024-12-20", 2],
    ]);
  });
});

describe("delivery, cost and exit target", () => {
  const records = [
    rec({ pupilId: "a", sessionsPlanned: 30, sessionsAttended: 27, minutesPerSession: 20, cost: 120, exitTarget: 84, exitScore: 85 }),
    rec({ pupilId: "b", sessionsPlanned: 30, sessionsAttended: 15, minutesPerSession: 20, cost: 120, exitTarget: 84, exitScore: 82 }),
    rec({ pupilId: "c", sessionsPlanned: 30, sessionsAttended: 12, minutesPerSession: 20, cost: 120, exitTarget: 84, exitScore: null }),
    rec({ pupilId: "d", sessionsPlanned: null, sessionsAttended: null, minutesPerSession: null, cost: null, exitTarget: 84, exitScore: 90 }),
  ];
  const pupils = new Map([["c", pupil({ pupilId: "c", leavingDate: "2024-11-01" })]]);
  const outcomes = records.map((r) => placementOutcome(r, pupils.get(r.pupilId), "2024-12-13", "2025-07-01"));

  it("counts dosage, missing exits and leavers", () => {
    expect(describeDelivery(outcomes)).toEqual({
      n: 4, placements: 4, missingEntry: 0, missingExit: 1, zeroElapsed: 0, leftEarly: 1,
      sessionsPlanned: 90, sessionsAttended: 54,
      attendanceRate: 0.6, // 54 / 90 over the three places recording both
      staff: ["TA"],
    });
  });

  it("costs in total, per pupil and per pupil-hour", () => {
    // 360 over 3 costed places = 120 each; hours attended (27 + 15 + 12) × 20 / 60 = 18 → £20 an hour
    expect(describeCost(records)).toEqual({ n: 4, total: 360, perPupil: 120, perPupilHour: 20 });
    expect(describeCost([rec({ pupilId: "a", cost: null })])).toEqual({ n: 1, total: null, perPupil: null, perPupilHour: null });
  });

  it("gives the share meeting the exit target with a Wilson interval", () => {
    // a (85 ≥ 84) and d (90) met it, b did not, c has no exit score: 2 of 3.
    // Wilson (z = 1.959964): (2x + z² ∓ z√(z² + 4x(n − x)/n)) / (2(n + z²)) = 0.207660, 0.938508
    const t = describeExitTarget(outcomes);
    expect(t).toMatchObject({ n: 3, count: 2 });
    expect(t.rate).toBeCloseTo(2 / 3, 12);
    expect(t.lower).toBeCloseTo(0.20766, 5);
    expect(t.upper).toBeCloseTo(0.938508, 5);
    expect(describeExitTarget([])).toEqual({ n: 0, count: 0, rate: null, lower: null, upper: null });
  });
});
