/**
 * Point-and-interval charts: one row per group, a dot at the estimate, a line across its 95% interval and a
 * dashed line at zero. Used for gaps (SEND group minus no SEN), mean progress and intervention impact.
 * A row whose value is null (suppressed or not measurable) is drawn as a written note, never as zero.
 */
import type { TopLevelSpec } from "vega-lite";
import { type ChartOptions, finiteOrNull, labelLimit, specHeader } from "./common.js";
import { CHART_CONFIG, GAP_BAND_COLOURS, NEUTRAL_GREY, OKABE_ITO, SUPPRESSED_NOTE } from "./theme.js";

/** One row of a point-and-interval chart. */
export interface IntervalRow {
  /** The row's label on the chart (e.g. "SEN support, reading"). */
  label: string;
  /** The estimate; null when suppressed or not measurable. */
  value: number | null;
  /** Lower end of the 95% interval (null or absent: no interval drawn). */
  lower?: number | null;
  /** Upper end of the 95% interval. */
  upper?: number | null;
  /** Pupils in the group (shown in the tooltip). */
  n?: number | null;
  /** The category that colours the row (a gap band, an intervention verdict …). */
  category?: string | null;
  /** The note shown when `value` is null; default: the suppressed note (or "not measured" when not suppressed). */
  note?: string;
  /** Whether the value was suppressed by disclosure control. */
  suppressed?: boolean;
}

/** Options of the point-and-interval charts. */
export interface IntervalChartOptions extends ChartOptions {
  /** Axis title of the estimate. */
  axisTitle?: string;
  /**
   * `"proportion"`: values are differences of proportions, drawn as percentage points; `"number"`: drawn as
   * given. Default `"number"`.
   */
  scale?: "proportion" | "number";
  /** d3 number format of the axis and labels; default `"+.0f"` for proportions, `"+.1f"` otherwise. */
  format?: string;
  /** Colours of the categories (`category` values); default: the gap bands. */
  categoryColours?: Readonly<Record<string, string>>;
  /** Legend title of the categories; default "Band". */
  categoryTitle?: string;
  /** Where the dashed reference line is drawn (in the data's units); default 0 ("no gap", "no change"). */
  reference?: number;
}

interface IntervalDatum {
  label: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  n: number | null;
  category: string;
  note: string;
}

function toDatum(row: IntervalRow, factor: number): IntervalDatum {
  const value = finiteOrNull(row.value);
  const lower = finiteOrNull(row.lower);
  const upper = finiteOrNull(row.upper);
  return {
    label: row.label,
    value: value === null ? null : value * factor,
    lower: value === null || lower === null ? null : lower * factor,
    upper: value === null || upper === null ? null : upper * factor,
    n: finiteOrNull(row.n),
    category: row.category ?? "estimate",
    note: value === null ? row.note ?? (row.suppressed === false ? "not measured" : SUPPRESSED_NOTE) : "",
  };
}

/**
 * A point-and-interval chart (the shared builder behind `gapChart`, `progressChart` and
 * `interventionImpactChart`). Rows keep their order; an empty list draws a "no data" note.
 * @param rows the rows, top to bottom
 * @param options title, subtitle, width, axis title, scale, format, category colours
 * @example
 * intervalChart([{ label: "SEN support", value: -0.25, lower: -0.4, upper: -0.1, category: "below" }],
 *   { title: "SEN support pupils are 25 points behind", scale: "proportion" }).layer.length // => 4
 */
export function intervalChart(rows: readonly IntervalRow[], options: IntervalChartOptions): TopLevelSpec & { layer: unknown[] } {
  const proportion = options.scale === "proportion";
  const factor = proportion ? 100 : 1;
  const format = options.format ?? (proportion ? "+.0f" : "+.1f");
  const data = rows.length > 0
    ? rows.map((r) => toDatum(r, factor))
    : [{ label: "No data", value: null, lower: null, upper: null, n: null, category: "estimate", note: "no results to show" }];
  const colours: Record<string, string> = { ...(options.categoryColours ?? GAP_BAND_COLOURS), estimate: OKABE_ITO.blue };
  const usedCategories = [...new Set(data.filter((d) => d.value !== null).map((d) => d.category))];
  const domain = usedCategories.length > 0 ? usedCategories : ["estimate"];
  const range = domain.map((c) => colours[c] ?? NEUTRAL_GREY);
  const showLegend = !(domain.length === 1 && domain[0] === "estimate");
  const y = { field: "label", type: "nominal" as const, sort: null, title: null, axis: { labelLimit: labelLimit(options), labelFontSize: 12 } };
  const xTitle = options.axisTitle ?? (proportion ? "Difference (percentage points)" : "Difference");
  const color = {
    field: "category", type: "nominal" as const, title: options.categoryTitle ?? "Band",
    scale: { domain, range },
    legend: showLegend ? { orient: "bottom" as const } : null,
  };
  const tooltip = [
    { field: "label", type: "nominal" as const, title: "Group" },
    { field: "value", type: "quantitative" as const, title: "Estimate", format },
    { field: "lower", type: "quantitative" as const, title: "95% interval from", format },
    { field: "upper", type: "quantitative" as const, title: "95% interval to", format },
    { field: "n", type: "quantitative" as const, title: "Pupils" },
  ];
  const spec = {
    ...specHeader(options),
    height: { step: 34 },
    config: CHART_CONFIG,
    data: { values: data },
    layer: [
      {
        data: { values: [{ reference: 0 }] },
        mark: { type: "rule" as const, strokeDash: [4, 4], color: "#555555" },
        encoding: { x: { datum: (options.reference ?? 0) * factor, type: "quantitative" as const, title: xTitle, axis: { format } } },
      },
      {
        transform: [{ filter: "datum.value != null && datum.lower != null && datum.upper != null" }],
        mark: { type: "rule" as const, strokeWidth: 3, opacity: 0.7 },
        encoding: { y, x: { field: "lower", type: "quantitative" as const, title: xTitle, axis: { format } }, x2: { field: "upper" }, color },
      },
      {
        transform: [{ filter: "datum.value != null" }],
        mark: { type: "point" as const, filled: true, size: 110, opacity: 1 },
        encoding: { y, x: { field: "value", type: "quantitative" as const, title: xTitle, axis: { format } }, color, tooltip },
      },
      {
        transform: [{ filter: "datum.value == null" }],
        mark: { type: "text" as const, align: "left" as const, dx: 4, fontStyle: "italic", color: "#444444" },
        encoding: { y, x: { value: 0 }, text: { field: "note", type: "nominal" as const } },
      },
    ],
  };
  return spec as TopLevelSpec & { layer: unknown[] };
}

/** One SEND group's gap to a comparison group, for `gapChart`. */
export interface GapChartRow {
  /** Label (e.g. "SEN support, reading"). */
  label: string;
  /** The gap (group − comparison); null when suppressed or not measurable. */
  difference: number | null;
  /** Lower end of its 95% interval. */
  lower?: number | null;
  /** Upper end of its 95% interval. */
  upper?: number | null;
  /** The DfE-style band ("well below" … "well above"). */
  band?: string | null;
  /** Pupils in the SEND group. */
  n?: number | null;
  /** Whether the gap was suppressed by disclosure control. */
  suppressed?: boolean;
  /** The note to show when `difference` is null. */
  note?: string;
}

/**
 * Gap bars with intervals: each SEND group's gap to pupils with no SEN (or to national) as a dot with its 95%
 * interval, coloured by band, with a dashed line at "no gap". Suppressed gaps show the suppressed note.
 * @param rows the gaps, top to bottom
 * @param options title (the finding), subtitle, width; `scale: "proportion"` (default) draws percentage points
 * @example
 * gapChart([{ label: "SEN support", difference: -0.31, lower: -0.5, upper: -0.1, band: "below" }],
 *   { title: "SEN support pupils are 31 points behind at the expected standard" }).$schema
 * // => "https://vega.github.io/schema/vega-lite/v6.json"
 */
export function gapChart(rows: readonly GapChartRow[], options: IntervalChartOptions): TopLevelSpec {
  return intervalChart(
    rows.map((r) => ({ label: r.label, value: r.difference, lower: r.lower, upper: r.upper, n: r.n, category: r.band ?? "estimate", suppressed: r.suppressed, ...(r.note === undefined ? {} : { note: r.note }) })),
    { scale: "proportion", axisTitle: "Gap to pupils with no SEN (percentage points)", categoryTitle: "Gap band", ...options },
  );
}

/** One group's mean progress, for `progressChart`. */
export interface ProgressChartRow {
  /** Label (e.g. "SEN support, reading"). */
  label: string;
  /** Mean change (e.g. in standardised points); null when suppressed or not measurable. */
  mean: number | null;
  /** Lower end of its 95% interval. */
  lower?: number | null;
  /** Upper end of its 95% interval. */
  upper?: number | null;
  /** Pupils measured. */
  n?: number | null;
  /** Whether the value was suppressed by disclosure control. */
  suppressed?: boolean;
}

/**
 * Progress by group: mean change between two assessment points with its 95% interval, a dashed line at no
 * change (for standardised scores, typical progress). Suppressed groups show the suppressed note.
 * @param rows the groups, top to bottom
 * @param options title, subtitle, width, `axisTitle` (default "Mean change in standardised score"), format
 * @example
 * progressChart([{ label: "No SEN, reading", mean: 1.2, lower: 0.4, upper: 2.0, n: 120 }],
 *   { title: "Pupils with no SEN made slightly more than typical progress in reading" }).width // => 560
 */
export function progressChart(rows: readonly ProgressChartRow[], options: IntervalChartOptions): TopLevelSpec {
  return intervalChart(
    rows.map((r) => ({ label: r.label, value: r.mean, lower: r.lower, upper: r.upper, n: r.n, suppressed: r.suppressed })),
    { scale: "number", axisTitle: "Mean change in standardised score (0 = typical progress)", ...options },
  );
}

/**
 * Plain-English labels of the intervention verdicts (`analyseInterventions`), as shown in legends.
 * @example
 * VERDICT_LABELS["no-clear-evidence"] // => "no clear evidence"
 */
export const VERDICT_LABELS: Readonly<Record<string, string>> = {
  "clear-impact": "clear impact",
  "no-clear-evidence": "no clear evidence",
  "clear-decline": "clear decline",
  "too-few": "too few to tell",
  "not-measured": "not measured",
};

/** Colours of intervention verdicts, keyed by their plain-English labels (`VERDICT_LABELS`). */
export const VERDICT_COLOURS: Readonly<Record<string, string>> = {
  "clear impact": OKABE_ITO.blue,
  "no clear evidence": NEUTRAL_GREY,
  "clear decline": OKABE_ITO.vermillion,
  "too few to tell": OKABE_ITO.orange,
  "not measured": NEUTRAL_GREY,
};

/** One intervention's impact, for `interventionImpactChart`. */
export interface ImpactChartRow {
  /** Label (e.g. "Precision teaching (12 pupils)"). */
  label: string;
  /** Impact net of what similar pupils did anyway (months or points); null when suppressed or not measured. */
  impact: number | null;
  /** Lower end of its 95% interval. */
  lower?: number | null;
  /** Upper end of its 95% interval. */
  upper?: number | null;
  /** Pupils measured. */
  n?: number | null;
  /** The verdict ("clear-impact", "no-clear-evidence", "clear-decline", "too-few", "not-measured"). */
  verdict?: string | null;
  /** Whether the value was suppressed by disclosure control. */
  suppressed?: boolean;
  /** The note to show when `impact` is null. */
  note?: string;
}

/**
 * Intervention impact with intervals: each intervention's impact beyond what similar pupils did anyway, with
 * its 95% interval, coloured by verdict, and a dashed line at no impact.
 * @param rows the interventions, top to bottom
 * @param options title, subtitle, width, `axisTitle` (default "Impact beyond comparison pupils"), format
 * @example
 * interventionImpactChart([{ label: "Precision teaching", impact: 6.1, lower: 2.0, upper: 10.2, verdict: "clear-impact" }],
 *   { title: "Precision teaching added about 6 months of reading age" }).title
 * // => { text: ["Precision teaching added about 6 months of reading age"] }
 */
export function interventionImpactChart(rows: readonly ImpactChartRow[], options: IntervalChartOptions): TopLevelSpec {
  return intervalChart(
    rows.map((r) => ({ label: r.label, value: r.impact, lower: r.lower, upper: r.upper, n: r.n, category: r.verdict == null ? "estimate" : VERDICT_LABELS[r.verdict] ?? r.verdict, suppressed: r.suppressed, ...(r.note === undefined ? {} : { note: r.note }) })),
    { scale: "number", axisTitle: "Impact beyond comparison pupils", categoryTitle: "Verdict", categoryColours: VERDICT_COLOURS, ...options },
  );
}
