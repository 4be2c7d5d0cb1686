import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { applyDisclosure, SUPPRESSION_REASONS } from "../../src/lib/disclosure/apply-disclosure.js";
import { policyFor } from "../../src/lib/disclosure/policy.js";
import { InvalidArgumentError } from "../../src/lib/errors.js";

const governors = policyFor("governors");

// A Y6 reading partition: N/K/E and the total; the expected outcomes below are worked out by hand from
// the rules in apply-disclosure.ts (EHC n = 4 < 6 is primary; SEN support n = 9 is the smallest other group).
function y6() {
  return [
    { partition: "Y6 reading", status: "E", n: 4, count: 1, rate: 0.25, lower: 0.05, upper: 0.7 },
    { partition: "Y6 reading", status: "K", n: 9, count: 5, rate: 5 / 9, lower: 0.27, upper: 0.81 },
    { partition: "Y6 reading", status: "N", n: 17, count: 14, rate: 14 / 17, lower: 0.59, upper: 0.94 },
    { partition: "Y6 reading", status: "all", isTotal: true, n: 30, count: 20, rate: 2 / 3, lower: 0.49, upper: 0.81 },
  ];
}

describe("applyDisclosure: primary suppression", () => {
  it("sets every figure of a group under 6 to null, with suppressed and a reason, never 0", () => {
    const out = applyDisclosure({ cell: { label: "EHC plan", n: 3, count: 0, rate: 0, mean: 97.5, lower: 0, upper: 0.56 } }, governors);
    expect(out.cell).toEqual({
      label: "EHC plan", n: null, count: null, rate: null, mean: null, lower: null, upper: null,
      suppressed: true, suppressionReason: "hidden to protect privacy",
    });
  });

  it("keeps a group at the threshold, and an empty group as n: 0", () => {
    const input = { a: { n: 6, count: 3, rate: 0.5 }, b: { n: 0, count: 0, rate: null } };
    expect(applyDisclosure(input, governors)).toEqual(input);
  });

  it("uses the policy's threshold", () => {
    const out = applyDisclosure({ n: 10, count: 4, rate: 0.4 }, policyFor("governors", { threshold: 11 }));
    expect(out).toMatchObject({ n: null, count: null, rate: null, suppressed: true, suppressionReason: "hidden to protect privacy" });
  });

  it("nulls everything nested in a suppressed cell and its flags and derived words, but keeps labels and keys", () => {
    const out = applyDisclosure({
      n: 2, yearGroup: 6, label: "Y6 EHC", band: "well below", significant: true,
      national: { rate: 0.2, year: "2023/24" }, series: [1, 2], sub: { n: 1, count: 1 },
    }, governors);
    expect(out).toEqual({
      n: null, yearGroup: 6, label: "Y6 EHC", band: null, significant: null,
      national: { rate: null, year: "2023/24", suppressed: true, suppressionReason: "hidden to protect privacy" },
      series: [null, null], sub: { n: null, count: null, suppressed: true, suppressionReason: "hidden to protect privacy" },
      suppressed: true, suppressionReason: "hidden to protect privacy",
    });
  });

  it("gives the SENCO an unchanged deep copy", () => {
    const input = { cells: y6(), list: { pupilLevel: true as const, rows: [{ upn: "X201300125001" }] } };
    const out = applyDisclosure(input, policyFor("senco"));
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
    expect(out.cells).not.toBe(input.cells);
  });

  it("does not change its input", () => {
    const input = { cells: y6() };
    const before = JSON.stringify(input);
    applyDisclosure(input, governors);
    expect(JSON.stringify(input)).toBe(before);
  });

  it("rejects an invalid policy", () => {
    expect(() => applyDisclosure({}, { audience: "governors", threshold: 0 })).toThrow(InvalidArgumentError);
    expect(() => applyDisclosure({}, { audience: "governors", threshold: 0 })).toThrow(/^applyDisclosure: invalid policy/);
  });
});

describe("applyDisclosure: secondary suppression", () => {
  it("hides the smallest other group when one group of a partition with a total is hidden", () => {
    const out = applyDisclosure(y6(), governors);
    expect(out.map((c) => c.suppressed ?? false)).toEqual([true, true, false, false]);
    expect(out[0]?.suppressionReason).toBe("hidden to protect privacy");
    expect(out[1]).toEqual({
      partition: "Y6 reading", status: "K", n: null, count: null, rate: null, lower: null, upper: null,
      suppressed: true, suppressionReason: SUPPRESSION_REASONS.secondary,
    });
    // total − visible = 30 − 17 = 13 = 4 + 9: the two hidden groups cannot be told apart.
    expect(out[2]?.n).toBe(17);
    expect(out[3]?.n).toBe(30);
  });

  it("does the same without a total row (the total may be published elsewhere)", () => {
    const out = applyDisclosure(y6().slice(0, 3), governors);
    expect(out.map((c) => c.suppressed ?? false)).toEqual([true, true, false]);
  });

  it("adds no secondary cell when two groups are already hidden, but the audit hides one more when they are pinned", () => {
    const cells = [
      { partition: "p", n: 3 }, { partition: "p", n: 12 }, { partition: "p", n: 2 }, { partition: "p", n: 20 }, { partition: "p", isTotal: true, n: 37 },
    ];
    const out = applyDisclosure(cells, governors);
    // 3 and 2 add up to 37 − 12 − 20 = 5; each is at least 1, so 3 lies in 1..4: short of 3 + 3 = 6 (its
    // protection interval at threshold 6, p = 3). The audit hides the nearest smallest shown group, 12:
    // then 3 lies in 1..16.
    expect(out.map((c) => c.suppressed ?? false)).toEqual([true, true, true, false, false]);
    const wide = [
      { partition: "q", n: 3 }, { partition: "q", n: 2 }, { partition: "q", n: 20 }, { partition: "q", n: 14 },
    ];
    // No total: the rule still hides two, and nothing pins them (the audit only uses published relations).
    expect(applyDisclosure(wide, governors).map((c) => c.suppressed ?? false)).toEqual([true, true, false, false]);
  });

  it("prefers a non-empty group over an empty one as the second cell", () => {
    const cells = [
      { partition: "p", n: 0 }, { partition: "p", n: 4 }, { partition: "p", n: 30 }, { partition: "p", n: 12 },
    ];
    const out = applyDisclosure(cells, governors);
    expect(out.map((c) => c.n)).toEqual([0, null, 30, null]);
  });

  it("hides a member when only the total is hidden (it could be worked out as the sum)", () => {
    const cells = [
      { partition: "p", n: 8 }, { partition: "p", n: 7 },
      { partition: "p", isTotal: true, n: null, suppressed: true, suppressionReason: "withheld" },
    ];
    const out = applyDisclosure(cells, governors);
    expect(out.map((c) => c.n)).toEqual([8, null, null]);
  });

  it("hides the total as a last resort when the partition has one member", () => {
    const cells = [{ partition: "p", n: 5 }, { partition: "p", isTotal: true, n: 5 }];
    const out = applyDisclosure(cells, governors);
    expect(out.map((c) => c.suppressed)).toEqual([true, true]);
  });

  it("works per partition within one array", () => {
    const cells = [
      { partition: "a", n: 3 }, { partition: "a", n: 10 }, { partition: "a", n: 20 },
      { partition: "b", n: 30 }, { partition: "b", n: 40 },
    ];
    const out = applyDisclosure(cells, governors);
    expect(out.map((c) => c.n)).toEqual([null, null, 20, 30, 40]);
  });
});

describe("applyDisclosure: figures derived from a suppressed group", () => {
  it("suppresses a comparison's difference, interval and band but keeps the other group", () => {
    const gap = {
      label: "EHC plan vs no SEN",
      group: { n: 4, count: 1, rate: 0.25 },
      comparison: { n: 40, count: 30, rate: 0.75 },
      difference: -0.5, lower: -0.8, upper: -0.05, band: "well below", significant: true,
      interval: { lower: -0.8, upper: -0.05 },
    };
    const out = applyDisclosure(gap, governors);
    expect(out).toEqual({
      label: "EHC plan vs no SEN",
      group: { n: null, count: null, rate: null, suppressed: true, suppressionReason: "hidden to protect privacy" },
      comparison: { n: 40, count: 30, rate: 0.75 },
      difference: null, lower: null, upper: null, band: null, significant: null,
      interval: { lower: null, upper: null, suppressed: true, suppressionReason: SUPPRESSION_REASONS.derived },
      suppressed: true, suppressionReason: SUPPRESSION_REASONS.derived,
    });
  });
});

describe("applyDisclosure: rounding for publication", () => {
  it("rounds n and count to the nearest 5 and hides a count that would round to 0 (the count, not the group)", () => {
    const cells = [
      { partition: "p", n: 27, count: 13, rate: 13 / 27 },
      { partition: "p", n: 12, count: 2, rate: 2 / 12 },
      { partition: "p", n: 33, count: 8, rate: 8 / 33 },
      { partition: "p", isTotal: true, n: 72, count: 23, rate: 23 / 72 },
    ];
    const out = applyDisclosure(cells, policyFor("public"));
    // 27 -> 25, 13 -> 15 (12.5 rounds up), 33 -> 35, 8 -> 10, 72 -> 70, 23 -> 25; count 2 -> 0 so hidden
    // with its rate, and the count of the smallest other group with pupils (n 27) with it; the groups' sizes stay.
    expect(out.map((c) => [c.n, c.count])).toEqual([[25, null], [10, null], [35, 10], [70, 25]]);
    expect(out[1]?.suppressionReason).toBe("hidden to protect privacy");
    expect(out[1]?.suppressed).toBeUndefined();
    expect([out[0]?.rate, out[1]?.rate]).toEqual([null, null]);
    expect(out[1]).toMatchObject({ suppressedFields: ["count", "rate"] });
    // The rate is worked out again from the rounded figures (10 of 35), so it cannot undo the rounding.
    expect(out[2]?.rate).toBe(10 / 35);
  });
});

describe("applyDisclosure: pupil-level lists and identifiers", () => {
  it("empties a pupil-level list and says why", () => {
    const out = applyDisclosure({ stalled: { pupilLevel: true as const, rows: [{ pupilId: "1001", forename: "Ada" }] } }, governors);
    expect(out.stalled).toEqual({ pupilLevel: true, rows: [], removed: "pupil-level list removed: it is for the SENCO only" });
  });

  it("removes identifier fields wherever they are", () => {
    const out = applyDisclosure({ n: 30, upn: "X201300125001", name: "Ada Lee", nested: [{ dateOfBirth: "2016-05-01", n: 20 }] }, governors);
    expect(out).toEqual({ n: 30, nested: [{ n: 20 }] });
  });

  it("throws, naming the path but not the value, when a UPN is left in text", () => {
    const leak = { n: 30, note: "ask about X201300125001" };
    expect(() => applyDisclosure(leak, governors)).toThrow(InvalidArgumentError);
    expect(() => applyDisclosure(leak, governors)).toThrow("applyDisclosure: pupil identifiers would leak: UPN at $.note");
    expect(() => applyDisclosure(leak, policyFor("senco"))).not.toThrow();
  });
});

// Property: for random partitions (with or without a total row), after disclosure no cell with 0 < n < t is
// shown, and either no cell or at least two cells of the partition are hidden, so that total − sum(visible)
// never equals one hidden cell's own value.
describe("applyDisclosure: properties", () => {
  it("never shows a small group and never leaves a single hidden cell in a partition", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.integer({ min: 6, max: 11 }),
        (sizes, withTotal, threshold) => {
          // A text key survives suppression (a number would be nulled with the figures).
          const cells: { partition: string; n: number; isTotal?: boolean; id: string }[] = sizes.map((n, i) => ({ partition: "p", n, id: String(i) }));
          const total = sizes.reduce((a, b) => a + b, 0);
          if (withTotal) cells.push({ partition: "p", n: total, isTotal: true, id: "total" });
          const out = applyDisclosure(cells, policyFor("governors", { threshold }));
          for (const c of out) {
            if (c.suppressed !== true) expect(c.n === 0 || (c.n ?? 0) >= threshold).toBe(true);
            else expect(c.n).toBeNull();
          }
          const hidden = out.filter((c) => c.suppressed === true);
          if (withTotal || sizes.length > 1) expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
          // Recovery by subtraction: with the total shown, total − visible members is the sum of hidden members.
          const shownTotal = out.find((c) => c.isTotal === true && c.suppressed !== true);
          const hiddenMembers = out.filter((c) => c.isTotal !== true && c.suppressed === true);
          if (shownTotal && hiddenMembers.length > 0) {
            const visibleSum = out.filter((c) => c.isTotal !== true && c.suppressed !== true).reduce((a, c) => a + (c.n ?? 0), 0);
            const residual = total - visibleSum;
            const recoverable = hiddenMembers.length === 1 && residual === sizes[Number(hiddenMembers[0]?.id)];
            expect(recoverable).toBe(false);
          }
        },
      ),
      { seed: 20250601, numRuns: 500 },
    );
  });
});

describe("applyDisclosure: group sizes beyond n, and the same group in two tables", () => {
  it("suppresses a comparison whose comparison group is under the threshold (comparisonN)", () => {
    const out = applyDisclosure({ n: 20, count: 10, rate: 0.5, comparisonN: 3, comparisonRate: 1, difference: -0.5 }, governors);
    expect(out).toMatchObject({ n: null, comparisonN: null, comparisonRate: null, difference: null, suppressed: true });
  });

  it("hides a group wherever it appears once it is hidden in its partition", () => {
    const P = "identification|2025-01-16|senStatus";
    const result = {
      senStatus: [
        { partition: P, group: "all", isTotal: true, n: 193, count: 193 },
        { partition: P, group: "N", n: 180, count: 180 },
        { partition: P, group: "K", n: 9, count: 9 },
        { partition: P, group: "E", n: 4, count: 4 },
      ],
      // The year-on-year change repeats K (9 pupils) outside the partition's array.
      change: [{ partition: P, group: "K", n: 9, previousN: 7, countChange: 2 }],
    };
    const out = applyDisclosure(result, governors);
    // By hand: E (4) is primary; K (9) is the smallest other group, so secondary; the K change row follows it.
    expect(out.senStatus.map((c) => c.n)).toEqual([193, 180, null, null]);
    expect(out.change[0]).toMatchObject({ n: null, previousN: null, countChange: null, suppressed: true, suppressionReason: SUPPRESSION_REASONS.secondary });
  });
});

describe("applyDisclosure: sameAs links", () => {
  it("hides a cell linked by sameAs to a hidden group, and the rest of its own partition with it", () => {
    const P = "status";
    const result = {
      status: [
        { partition: P, group: "all", isTotal: true, n: 60 }, { partition: P, group: "N", n: 46 },
        { partition: P, group: "K", n: 10 }, { partition: P, group: "E", n: 4 },
      ],
      // need mix within K: its total is the K group of the status table.
      needK: [
        { partition: "needK", group: "K", isTotal: true, n: 10, sameAs: [{ partition: P, group: "K" }] },
        { partition: "needK", group: "SLCN", n: 7 }, { partition: "needK", group: "ASD", n: 3 },
      ],
    };
    const out = applyDisclosure(result, governors);
    // By hand: status: E (4) primary → K (10) secondary; needK: ASD (3) primary → SLCN (7) secondary, and the
    // K total follows the hidden K group through sameAs.
    expect(out.status.map((c) => c.n)).toEqual([60, 46, null, null]);
    expect(out.needK.map((c) => c.n)).toEqual([null, null, null]);
    expect(out.needK[0]?.suppressionReason).toBe(SUPPRESSION_REASONS.secondary);
    expect(out.needK[0]?.sameAs).toEqual([{ partition: P, group: "K" }]);
  });
});

describe("applyDisclosure: dependsOn links", () => {
  // Two groups of 20 and 30 pupils shown in a table, and two gaps that depend on them. By hand: the first gap's
  // comparison group is 3 pupils (primary), so that gap is hidden, but the groups it depends on stay shown;
  // the second gap depends on a group that is hidden in its own table, so it is hidden too.
  const input = () => ({
    table: [
      { partition: "T", group: "N", n: 20, count: 10 },
      { partition: "T", group: "SEN", n: 30, count: 12 },
      { partition: "U", group: "E", n: 4, count: 1 },
      { partition: "U", group: "K", n: 8, count: 2 },
    ],
    gaps: [
      { n: 20, comparisonN: 3, difference: 0.1, dependsOn: [{ partition: "T", group: "N" }] },
      { n: 30, comparisonN: 20, difference: -0.2, dependsOn: [{ partition: "U", group: "K" }, { partition: "T", group: "N" }] },
    ],
  });

  it("hides a figure when a group it depends on is hidden, but not the other way round", () => {
    const out = applyDisclosure(input(), governors);
    expect(out.gaps[0]).toMatchObject({ n: null, difference: null, suppressed: true, suppressionReason: "hidden to protect privacy" });
    expect(out.table.map((c) => c.n)).toEqual([20, 30, null, null]);
    expect(out.gaps[1]).toMatchObject({ n: null, difference: null, suppressed: true, suppressionReason: SUPPRESSION_REASONS.secondary });
  });

  it("would spread the hiding if the link were sameAs (the difference the field makes)", () => {
    const same = input();
    const [first] = same.gaps;
    if (first) Object.assign(first, { sameAs: first.dependsOn, dependsOn: [] });
    expect(applyDisclosure(same, governors).table[0]?.n).toBeNull();
  });
});
