// The LP audit (HiGHS, WebAssembly) on tables small enough to work out by hand, and the name check.
import { describe, expect, it } from "vitest";
import { auditRanges } from "../../src/lib/disclosure/lp-audit.js";
import { publishableName } from "../../src/lib/disclosure/publication.js";
import { protectionLevel } from "../../src/lib/disclosure/audit-model.js";

const free = { lower: 1, upper: Infinity };

describe("auditRanges", () => {
  it("finds a hidden group pinned by a published total and sibling (MTC Year 4: 7 − 6 = 1)", () => {
    // SEN support + EHC plan = 58 − 51 = 7; SEN support shown as 6: EHC plan is exactly 1.
    const failures = auditRanges({
      variables: [{ lower: 6, upper: 6 }, free],
      equations: [{ plus: [0, 1], minus: [], constant: 7 }],
      targets: [{ variable: 1, value: 1, low: 1, high: 4 }],
    });
    expect(failures).toEqual([{ target: { variable: 1, value: 1, low: 1, high: 4 }, min: 1, max: 1 }]);
  });

  it("passes two hidden groups of a total of 7: each lies in 1..6 (by hand), which reaches 1 + 3", () => {
    expect(auditRanges({
      variables: [free, free],
      equations: [{ plus: [0, 1], minus: [], constant: 7 }],
      targets: [{ variable: 1, value: 1, low: 1, high: 4 }],
    })).toEqual([]);
  });

  it("follows a chain of tables: a trust's total of 6 over six schools each at least 1 pins every school", () => {
    const schools = [0, 1, 2, 3, 4, 5];
    const system = {
      variables: [...schools.map(() => free), { lower: 6, upper: 6 }],
      equations: [{ plus: schools, minus: [6], constant: 0 }],
      targets: [{ variable: 0, value: 1, low: 1, high: 4 }],
    };
    expect(auditRanges(system)).toEqual([{ target: system.targets[0], min: 1, max: 1 }]);
    // With the trust's figure hidden too, school 0 is unbounded above.
    system.variables[6] = free;
    expect(auditRanges(system)).toEqual([]);
  });

  it("uses the rounding interval of a published figure (public: 10 means 8..12)", () => {
    // x + y = total, total published as 10 (8..12), y published as 5 (3..7): x lies in 1..9 (by hand).
    const failures = auditRanges({
      variables: [free, { lower: 3, upper: 7 }, { lower: 8, upper: 12 }],
      equations: [{ plus: [0, 1], minus: [2], constant: 0 }],
      targets: [{ variable: 0, value: 2, low: 1, high: 10 }],
    });
    expect(failures).toEqual([{ target: { variable: 0, value: 2, low: 1, high: 10 }, min: 1, max: 9 }]);
  });
});

describe("publishableName and protectionLevel", () => {
  it("rejects names holding a pupil's or staff member's word (accents and case folded), a date or an id", () => {
    const forbidden = new Set(["mclean", "zoe", "hargreaves"]);
    expect(publishableName("Reading recovery", forbidden)).toBe(true);
    expect(publishableName("RR McLean 1:1", forbidden)).toBe(false);
    expect(publishableName("1:1 with ZOË", forbidden)).toBe(false);
    expect(publishableName("Ms Hargreaves' group", forbidden)).toBe(false);
    expect(publishableName("Lexia (14.3.2016)", forbidden)).toBe(false);
    expect(publishableName("RR-001249", forbidden)).toBe(false);
    expect(publishableName("Year 3 booster", forbidden)).toBe(true);
  });

  it("sets the protection level to half the threshold, rounded up", () => {
    expect([6, 11].map(protectionLevel)).toEqual([3, 6]);
  });
});
