import { describe, expect, it } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { gapChart, intervalChart, interventionImpactChart, progressChart } from "../../src/lib/charts/interval.js";
import { attainmentChart, attendanceChart, groupRateChart, identificationChart } from "../../src/lib/charts/rate-bars.js";
import { trendChart } from "../../src/lib/charts/trend.js";
import { distributionChart } from "../../src/lib/charts/distribution.js";
import { SUPPRESSED_NOTE, SEN_GROUP_COLOURS, OKABE_ITO } from "../../src/lib/charts/theme.js";
import { wrapText } from "../../src/lib/charts/text.js";
import { render, schemaErrors } from "./render.js";

/** Every builder on a typical input (one suppressed row each where the builder draws rows). */
const specs: Record<string, TopLevelSpec> = {
  gap: gapChart([
    { label: "SEN support", difference: -0.31, lower: -0.5, upper: -0.1, band: "well below", n: 14 },
    { label: "EHC plan", difference: null, suppressed: true },
    { label: "All SEN", difference: -0.05, lower: -0.2, upper: 0.1, band: "close to", n: 19 },
  ], { title: "SEN support pupils are 31 points behind at the expected standard", subtitle: "Reading, summer 2026" }),
  progress: progressChart([
    { label: "No SEN", mean: 1.2, lower: 0.4, upper: 2.0, n: 120 },
    { label: "EHC plan", mean: null, suppressed: true },
  ], { title: "Pupils with no SEN made slightly more than typical progress" }),
  impact: interventionImpactChart([
    { label: "Precision teaching", impact: 6.1, lower: 2.0, upper: 10.2, verdict: "clear-impact", n: 12 },
    { label: "Lexia", impact: 0.5, lower: -3, upper: 4, verdict: "no-clear-evidence", n: 9 },
    { label: "Talk Boost", impact: null, verdict: "too-few", note: "too few pupils to tell" },
  ], { title: "Precision teaching added about 6 months of reading age", axisTitle: "Months beyond comparison pupils" }),
  attainment: attainmentChart([
    { label: "No SEN", series: "Reading", rate: 0.78, lower: 0.7, upper: 0.84, n: 150 },
    { label: "No SEN", series: "Maths", rate: 0.74, lower: 0.66, upper: 0.8, n: 150 },
    { label: "SEN support", series: "Reading", rate: 0.4, lower: 0.25, upper: 0.57, n: 30 },
    { label: "SEN support", series: "Maths", rate: null, suppressed: true },
  ], { title: "Two in five SEN support pupils reached the expected standard in reading" }),
  identification: identificationChart([
    { label: "SEN support", rate: 0.16, lower: 0.13, upper: 0.2, national: 0.142, n: 420 },
    { label: "EHC plan", rate: 0.03, lower: 0.017, upper: 0.05, national: 0.053, n: 420 },
  ], { title: "More pupils are on SEN support than nationally" }),
  attendance: attendanceChart([
    { label: "No SEN", rate: 0.12, lower: 0.09, upper: 0.16, national: 0.182 },
    { label: "EHC plan", rate: null, suppressed: true, national: 0.346 },
  ], { title: "Persistent absence is lower than nationally" }),
  trend: trendChart([
    { series: "SEN support gap", period: "2023/24", value: -0.35, lower: -0.5, upper: -0.2 },
    { series: "SEN support gap", period: "2024/25", value: -0.28, lower: -0.43, upper: -0.12 },
    { series: "SEN support gap", period: "2025/26", value: null, missing: "hidden" },
  ], { title: "The gap narrowed", scale: "proportion", signed: true }),
  distribution: distributionChart([
    { group: "No SEN", value: 1 }, { group: "No SEN", value: 3 }, { group: "No SEN", value: -2 },
    { group: "SEN support", value: -5 }, { group: "SEN support", value: 4 }, { group: "SEN support", value: Number.NaN },
  ], { title: "Progress varied widely", reference: 0 }),
};

describe("chart specs", () => {
  for (const [name, spec] of Object.entries(specs)) {
    it(`${name}: is valid against the vega-lite JSON schema`, () => {
      expect(schemaErrors(spec)).toEqual([]);
    });
    it(`${name}: renders to SVG with marks and no vega-lite warnings`, async () => {
      const r = await render(spec);
      expect(r.svg.startsWith("<svg")).toBe(true);
      expect(r.warnings).toEqual([]);
      const drawn = Object.entries(r.marks).filter(([type]) => type !== "text").reduce((a, [, n]) => a + n, 0);
      expect(drawn).toBeGreaterThan(0);
    });
  }
});

describe("suppressed cells are a written note, never a zero", () => {
  it("gap chart: 2 of 3 rows have a point, 2 intervals, 1 suppressed note", async () => {
    const r = await render(specs.gap!);
    // 3 rows, one suppressed: 2 symbols (points), rules = 2 intervals + 1 zero line
    expect(r.marks.symbol).toBe(2);
    expect(r.marks.rule).toBe(3);
    expect(r.texts).toEqual([SUPPRESSED_NOTE]);
  });
  it("rate bars: a suppressed bar is not drawn and its row says suppressed", async () => {
    const r = await render(specs.attainment!);
    expect(r.marks.rect).toBe(3); // 4 bars, one suppressed
    expect(r.texts).toContain(SUPPRESSED_NOTE);
    expect(r.texts.filter((t) => t.endsWith("%")).sort()).toEqual(["40%", "74%", "78%"]);
  });
  it("rate bars: national ticks are drawn for every row that has one, suppressed or not", async () => {
    const r = await render(specs.attendance!);
    expect(r.marks.rect).toBe(3); // 1 bar + 2 national ticks (ticks are rects)
    expect(r.texts).toContain("12%");
    expect(r.texts).toContain(SUPPRESSED_NOTE);
  });
  it("trend: the hidden year breaks the line and is labelled hidden", async () => {
    const r = await render(specs.trend!);
    expect(r.texts).toEqual(["hidden"]);
    // 2 of 3 points drawn as symbols
    expect(r.marks.symbol).toBe(2);
  });
  it("trend: a point hidden and one with no data are each labelled truthfully, one line each, named by series", async () => {
    const spec = trendChart([
      { series: "Pupils with SEN", period: "2024/25", value: null, missing: "hidden" },
      { series: "No SEN", period: "2024/25", value: null, missing: "hidden" },
      { series: "Pupils with SEN", period: "2025/26", value: null },
      { series: "No SEN", period: "2025/26", value: 0.7 },
    ], { title: "t", scale: "proportion" });
    expect(schemaErrors(spec)).toEqual([]);
    const r = await render(spec);
    expect(r.warnings).toEqual([]);
    expect(r.texts).toEqual(["Pupils with SEN: hidden", "No SEN: hidden", "Pupils with SEN: no data"]);
    // the two notes of 2024/25 stack (4 px and 18 px from the top), the one of 2025/26 starts at the top
    const values = (spec as unknown as { data: { values: Array<{ noteY: number }> } }).data.values;
    expect(values.map((v) => v.noteY)).toEqual([4, 18, 4, 4]);
    // On a phone-width chart (200 px for 2 periods: 100 px each, under 150) the notes are the words alone
    const narrow = await render(trendChart([
      { series: "Pupils with SEN", period: "2024/25", value: null, missing: "hidden" },
      { series: "No SEN", period: "2025/26", value: null },
    ], { title: "t", width: 200 }));
    expect(narrow.texts).toEqual(["hidden", "no data"]);
  });
  it("an all-suppressed gap chart still renders, with one note per row", async () => {
    const spec = gapChart([{ label: "A", difference: null }, { label: "B", difference: null }], { title: "Nothing to show" });
    expect(schemaErrors(spec)).toEqual([]);
    const r = await render(spec);
    expect(r.texts).toEqual([SUPPRESSED_NOTE, SUPPRESSED_NOTE]);
    expect(r.marks.symbol ?? 0).toBe(0);
  });
});

describe("empty input: a 'no results' note", () => {
  it("interval and rate charts", async () => {
    expect((await render(intervalChart([], { title: "t" }))).texts).toEqual(["no results to show"]);
    expect((await render(groupRateChart([], { title: "t" }))).texts).toEqual(["no results to show"]);
    expect((await render(trendChart([], { title: "t" }))).texts).toEqual(["no results to show"]);
    expect((await render(distributionChart([], { title: "t" }))).texts).toEqual(["no results to show"]);
  });
});

describe("values", () => {
  it("gap chart draws proportions as percentage points", () => {
    const spec = gapChart([{ label: "K", difference: -0.31, lower: -0.5, upper: -0.1 }], { title: "t" }) as { data: { values: Array<{ value: number; lower: number; upper: number }> } };
    // -0.31 × 100 = -31 points (by hand)
    expect(spec.data.values[0]?.value).toBeCloseTo(-31, 10);
    expect(spec.data.values[0]?.lower).toBeCloseTo(-50, 10);
  });
  it("identification chart uses the group colours and a 0–40% axis", () => {
    const spec = identificationChart([{ label: "K", rate: 0.1 }], { title: "t", seriesColours: { K: SEN_GROUP_COLOURS.K ?? "" } }) as { layer: Array<{ encoding?: { x?: { scale?: { domain?: number[] } }; color?: { scale?: { range?: string[] } } } }> };
    expect(spec.layer[0]?.encoding?.x?.scale?.domain).toEqual([0, 0.4]);
    expect(spec.layer[0]?.encoding?.color?.scale?.range).toEqual([OKABE_ITO.orange]);
  });
  it("the reference line can sit at 1 (ratio gain: 1 = typical progress)", async () => {
    const spec = progressChart([{ label: "SEN support", mean: 1.4, lower: 1.1, upper: 1.7 }], { title: "t", reference: 1 }) as { layer: Array<{ encoding?: { x?: { datum?: number } } }> };
    expect(spec.layer[0]?.encoding?.x?.datum).toBe(1);
    expect((await render(spec as TopLevelSpec)).marks.rule).toBe(2); // the reference line + one interval
  });
  it("intervention verdicts get plain-English legend labels", () => {
    const spec = interventionImpactChart([{ label: "A", impact: 1, lower: 0.5, upper: 2, verdict: "clear-impact" }], { title: "t" }) as { layer: Array<{ encoding?: { color?: { scale?: { domain?: string[] } } } }> };
    expect(spec.layer[2]?.encoding?.color?.scale?.domain).toEqual(["clear impact"]);
  });
  it("titles wrap to the chart width", () => {
    expect(wrapText("SEN support pupils are well below pupils with no SEN", 24)).toEqual(["SEN support pupils are", "well below pupils with", "no SEN"]);
    const narrow = gapChart([], { title: "SEN support pupils are 31 points behind pupils with no SEN at the expected standard", width: 300 }) as { title: { text: string[] } };
    // 300 / 8.6 = 34 characters a line (by hand)
    expect(narrow.title.text.every((l) => l.length <= 34)).toBe(true);
    expect(narrow.title.text.length).toBeGreaterThan(1);
  });
});
