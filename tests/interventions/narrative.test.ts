import { describe, expect, it } from "vitest";
import { narrate } from "../../src/lib/interventions/narrative.js";
import type { Impact } from "../../src/lib/interventions/schema.js";

const base: Impact = {
  n: 12, measure: "readingAge", subject: "reading", unit: "months",
  raw: { n: 12, entryMean: 80, exitMean: 88, mean: 8, lower: 6, upper: 10, monthsElapsed: 3.478, ratioGain: 2.3, ratioGainLower: 1.7, ratioGainUpper: 2.9, band: "useful" },
  comparison: { n: 30, basis: "termly", groupN: 12, groupMean: 9, groupRatioGain: 2.1, startPoint: "2024/25 autumn", endPoint: "2024/25 spring", entryMean: 81, mean: 4.2, monthsElapsed: 3.5, ratioGain: 1.2 },
  regressionToMean: { n: 30, method: "comparison", reliability: null, mean: 0.7, note: "" },
  net: { n: 12, method: "comparison", unit: "months", mean: 3.24, lower: 1.06, upper: 5.31, perMonth: 0.93 },
  effectSize: null,
  verdict: "clear-impact",
};

describe("narrate", () => {
  it("states the ratio gain, what similar pupils made, and clear evidence only when the interval is above 0", () => {
    expect(narrate("Precision teaching", 12, "Sep 2024 to Dec 2024", base)).toBe(
      'Precision teaching (12 pupils, Sep 2024 to Dec 2024): reading ages rose at 2.3 times the normal rate ' +
      '(Brooks\'s "useful" band); similar pupils not in the group rose at 1.2 times. That is 3.2 months beyond ' +
      "what similar pupils made (95% interval 1.1 to 5.3 months): clear evidence of impact.",
    );
  });

  it("says there is no clear evidence when the interval includes 0", () => {
    const impact: Impact = { ...base, net: { ...base.net, lower: -0.4 }, verdict: "no-clear-evidence" };
    const text = narrate("Precision teaching", 12, "Sep 2024 to Dec 2024", impact);
    expect(text).toMatch(/There is no clear evidence of impact beyond what similar pupils made \(95% interval -0\.4 to 5\.3 months\)\.$/);
    expect(text).not.toMatch(/clear evidence of impact\.$/);
  });

  it("words standardised scores, a decline, and the reliability method", () => {
    const impact: Impact = {
      ...base, measure: "standardised", subject: "maths", unit: "points",
      raw: { ...base.raw, mean: -2, ratioGain: null, band: null },
      comparison: null,
      net: { n: 12, method: "reliability", unit: "points", mean: -4, lower: -7, upper: -1, perMonth: null },
      verdict: "clear-decline",
    };
    expect(narrate("Maths club", 12, "Jan 2025", impact)).toBe(
      "Maths club (12 pupils, Jan 2025): standardised scores changed by -2.0 points on average (0 is typical progress). " +
      "That is 4.0 points less than typical progress and the rise expected from choosing low scorers (estimated from " +
      "the test's reliability) (95% interval -7.0 to -1.0 points): these pupils fell further behind.",
    );
  });

  it("never judges a group with no measure or one pupil", () => {
    expect(narrate("ELSA", 5, "Sep 2024", { ...base, measure: null })).toMatch(/no entry or exit measure is recorded/);
    expect(narrate("Lexia", 1, "Sep 2024", { ...base, n: 1, verdict: "too-few" })).toMatch(/too few to judge impact\.$/);
    expect(narrate("Lexia", 3, "Sep 2024", { ...base, n: 0, verdict: "too-few" })).toMatch(/no pupil has both an entry and an exit score yet/);
  });
});
