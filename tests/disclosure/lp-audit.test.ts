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

describe("auditRanges' shortcuts, on tables worked out by hand", () => {
  it("pins figures through two relations (bound propagation): a + b = 4 and b + c = 2, all at least 1", () => {
    // c ≥ 1 gives b ≤ 1, so b = 1 and a = 3: both pinned, whatever their protection intervals ask.
    const targets = [{ variable: 1, value: 1, low: 1, high: 4 }, { variable: 0, value: 3, low: 3, high: 6 }];
    expect(auditRanges({
      variables: [free, free, free, { lower: 4, upper: 4 }, { lower: 2, upper: 2 }],
      equations: [{ plus: [0, 1], minus: [3], constant: 0 }, { plus: [1, 2], minus: [4], constant: 0 }],
      targets,
    })).toEqual([{ target: targets[0], min: 1, max: 1 }, { target: targets[1], min: 3, max: 3 }]);
  });

  it("gives the exact range of a failure whose solve stopped at its bound on the other side", () => {
    // c + y = 2, both counts at least 0: c lies in 0..2. Asked to reach 1..3, it reaches 1 (the solve held at 1
    // stops there) but not 3; the failure reports the exact minimum, 0, and the maximum, 2.
    const target = { variable: 0, value: 2, low: 1, high: 3 };
    expect(auditRanges({
      variables: [{ lower: 0, upper: Infinity }, { lower: 0, upper: Infinity }],
      equations: [{ plus: [0, 1], minus: [], constant: 2 }],
      targets: [target],
    })).toEqual([{ target, min: 0, max: 2 }]);
  });

  it("decides many targets of one component at once and still finds the one that falls short", () => {
    // a + b + c + d = 12 (each hidden, at least 1, truly 3), asked to reach 6: alone, each reaches 12 − 3 = 9.
    const four = [0, 1, 2, 3];
    const targets = four.map((variable) => ({ variable, value: 3, low: 3, high: 6 }));
    const system = {
      variables: [...four.map(() => free), { lower: 12, upper: 12 }, { lower: 1, upper: 1 }],
      equations: [{ plus: four, minus: [4], constant: 0 }],
      targets,
    };
    expect(auditRanges(system)).toEqual([]);
    // d + 1 = 4 (the 1 published) pins d at 3; a still reaches 12 − 3 − 1 − 1 = 7.
    system.equations.push({ plus: [3, 5], minus: [], constant: 4 });
    expect(auditRanges(system)).toEqual([{ target: targets[3], min: 3, max: 3 }]);
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
