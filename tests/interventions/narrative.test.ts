import { describe, expect, it } from "vitest";
import { narrate } from "../../src/lib/interventions/narrative.js";
import type { Impact } from "../../src/lib/interventions/schema.js";

const base: Impact = {
  n: 12, measure: "readingAge", subject: "reading", unit: "months",
  raw: { n: 12, entryMean: 80, exitMean: 88, mean: 8, lower: 6, upper: 10, monthsElapsed: 3.478, ratioGain: 2.3, ratioGainLower: 1.7, ratioGainUpper: 2.9, band: "useful" },
  comparison: { n: 30, basis: "termly", groupN: 12, groupMean: 9, groupRatioGain: 2.1, startPoint: "2024/25 autumn", endPoint: "2024/25 spring", entryMean: 81, mean: 4.2, monthsElapsed: 3.5, ratioGain: 1.2 },
  regressionToMean: { n: 30, method: "comparison", reliability: null, mean: 0.7, note: "" },
  net: { n: 12, method: "comparison", unit: "months", mean: 3.24, lower: 1.06, upper: 5.31, perMonth: 0.93, groupChange: 7.44, againstChange: 4.2 },
  effectSize: null,
  verdict: "clear-impact",
};

describe("narrate", () => {
  it("states the two figures the net is the difference of, the net, and clear evidence only when the interval is above 0", () => {
    // 7.44 − 4.2 = 3.24 months, the net (the chart's figure); the ratio gain is the provision map's, said apart.
    expect(narrate("Precision teaching", 12, "Sep 2024 to Dec 2024", base)).toBe(
      "Precision teaching (12 pupils, Sep 2024 to Dec 2024): on the school's termly reading-age tests over the same " +
      "periods, their reading ages changed by +7.4 months on average, and similar pupils' changed by +4.2 months. " +
      "That is 3.2 months more than similar pupils made (95% interval 1.1 to 5.3 months): clear evidence of impact. " +
      'On the intervention\'s own entry and exit tests, reading ages rose at 2.3 times the normal rate (Brooks\'s "useful" band).',
    );
  });

  it("states the net of a provision-map comparison in months over the intervention's time, not as ratio gains", () => {
    const impact: Impact = { ...base, comparison: { ...base.comparison!, basis: "provision" } };
    expect(narrate("Precision teaching", 12, "Sep 2024 to Dec 2024", impact)).toBe(
      "Precision teaching (12 pupils, Sep 2024 to Dec 2024): on the intervention's entry and exit tests, their reading " +
      "ages changed by +7.4 months on average over its 3.5 months; at the rate similar pupils' rose on the termly tests, " +
      "theirs changed by +4.2 months over the same time. That is 3.2 months more than similar pupils made (95% interval " +
      "1.1 to 5.3 months): clear evidence of impact.",
    );
  });

  it("says there is no clear evidence when the interval includes 0", () => {
    const impact: Impact = { ...base, net: { ...base.net, lower: -0.4 }, verdict: "no-clear-evidence" };
    const text = narrate("Precision teaching", 12, "Sep 2024 to Dec 2024", impact);
    expect(text).toMatch(/The difference, \+3\.2 months \(95% interval -0\.4 to 5\.3 months\), gives no clear evidence of impact beyond what similar pupils made\./);
    expect(text).not.toMatch(/: clear evidence of impact\./);
  });

  it("words standardised scores, a decline, and the reliability method", () => {
    const impact: Impact = {
      ...base, measure: "standardised", subject: "maths", unit: "points",
      raw: { ...base.raw, mean: -2, ratioGain: null, band: null },
      comparison: null,
      net: { n: 12, method: "reliability", unit: "points", mean: -4, lower: -7, upper: -1, perMonth: null, groupChange: -2, againstChange: 2 },
      verdict: "clear-decline",
    };
    // −2 − 2 = −4 points: the net.
    expect(narrate("Maths club", 12, "Jan 2025", impact)).toBe(
      "Maths club (12 pupils, Jan 2025): on the intervention's entry and exit tests, their standardised scores changed by " +
      "-2.0 points on average; typical progress and the rise expected from choosing pupils with low scores (estimated " +
      "from the test's reliability) come to +2.0 points. That is 4.0 points less than typical progress and the rise " +
      "expected from choosing pupils with low scores (95% interval -7.0 to -1.0 points): these pupils fell further behind.",
    );
  });

  it("never judges a group with no measure or one pupil", () => {
    expect(narrate("ELSA", 5, "Sep 2024", { ...base, measure: null })).toMatch(/no entry or exit measure is recorded/);
    expect(narrate("Lexia", 1, "Sep 2024", { ...base, n: 1, verdict: "too-few" })).toMatch(/too few to judge impact\.$/);
    expect(narrate("Lexia", 3, "Sep 2024", { ...base, n: 0, verdict: "too-few" })).toMatch(/no pupil has both an entry and an exit score yet/);
  });
});
