import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/lib/errors.js";
import { isAgeMeasure, placementOutcome } from "../../src/lib/interventions/outcomes.js";
import { pupil, rec } from "./build.js";

describe("placementOutcome", () => {
  it("gives a reading-age pupil's own ratio gain", () => {
    const o = placementOutcome(
      rec({ pupilId: "p1", measure: "readingAge", entryScore: 84, exitScore: 93, exitDate: "2024-12-13" }),
      pupil({ pupilId: "p1" }), "2024-12-13", "2025-07-01");
    // 2024-09-16 → 2024-12-13 is 2 calendar months (16 Sep → 16 Nov) and 27 days (→ 13 Dec): 2 + 27 / 30.4375 = 2.887064 months; 9 / 2.887064 = 3.117354
    expect(o.monthsElapsed).toBeCloseTo(2.887064, 5);
    expect(o.gain).toBe(9);
    expect(o.value).toBeCloseTo(3.117354, 5);
    expect(o.excluded).toBeNull();
    // born 2016-09-16, entry 2024-09-16: 96 calendar months exactly
    expect(o.ageAtEntryMonths).toBeCloseTo(96, 5);
  });

  it("uses the score change for a standardised score", () => {
    const o = placementOutcome(rec({ pupilId: "p1", entryScore: 80, exitScore: 86 }), undefined, "2024-12-13", "2025-07-01");
    expect(o.value).toBe(6); // 86 − 80
  });

  it("excludes zero elapsed time (exit on the entry date)", () => {
    const o = placementOutcome(
      rec({ pupilId: "p1", measure: "readingAge", entryDate: "2024-10-01", exitDate: "2024-10-01" }),
      undefined, "2024-12-13", "2025-07-01");
    expect(o.excluded).toBe("zeroElapsed");
    expect(o.monthsElapsed).toBe(0);
    expect(o.value).toBeNull();
  });

  it("excludes a missing exit score, and an open run without an exit date", () => {
    expect(placementOutcome(rec({ pupilId: "p1", exitScore: null }), undefined, "2024-12-13", "2025-07-01").excluded)
      .toBe("missingExit");
    expect(placementOutcome(rec({ pupilId: "p1", endDate: null, exitDate: null }), undefined, null, "2025-07-01").excluded)
      .toBe("missingExit");
    expect(placementOutcome(rec({ pupilId: "p1", entryScore: null }), undefined, "2024-12-13", "2025-07-01").excluded)
      .toBe("missingEntry");
  });

  it("marks a pupil who left before the run ended, and keeps an exit score recorded when they left", () => {
    const leaver = pupil({ pupilId: "p1", leavingDate: "2024-11-01" });
    const o = placementOutcome(rec({ pupilId: "p1", exitScore: 83, exitDate: "2024-10-31" }), leaver, "2024-12-13", "2025-07-01");
    expect(o.leftEarly).toBe(true);
    expect(o.leavingDate).toBe("2024-11-01");
    expect(o.gain).toBe(3); // 83 − 80
    const gone = placementOutcome(rec({ pupilId: "p1", exitScore: null }), leaver, "2024-12-13", "2025-07-01");
    expect(gone.excluded).toBe("missingExit");
    // leaving after the run's end is not "left early"
    const later = placementOutcome(rec({ pupilId: "p1" }), pupil({ pupilId: "p1", leavingDate: "2025-07-20" }), "2024-12-13", "2025-07-01");
    expect(later.leftEarly).toBe(false);
  });

  it("judges the exit target as exit ≥ target", () => {
    expect(placementOutcome(rec({ pupilId: "p1", exitScore: 90, exitTarget: 90 }), undefined, "2024-12-13", "2025-07-01").metTarget).toBe(true);
    expect(placementOutcome(rec({ pupilId: "p1", exitScore: 89, exitTarget: 90 }), undefined, "2024-12-13", "2025-07-01").metTarget).toBe(false);
    expect(placementOutcome(rec({ pupilId: "p1", exitScore: null, exitTarget: 90 }), undefined, "2024-12-13", "2025-07-01").metTarget).toBeNull();
  });

  it("rejects a bad asOf", () => {
    expect(() => placementOutcome(rec({ pupilId: "p1" }), undefined, null, "1/7/2025")).toThrow(InvalidArgumentError);
  });

  it("knows which measures are ages", () => {
    expect(isAgeMeasure("spellingAge")).toBe(true);
    expect(isAgeMeasure("standardised")).toBe(false);
    expect(isAgeMeasure(null)).toBe(false);
  });
});
