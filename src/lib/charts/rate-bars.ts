/**
 * Rate bars: one horizontal bar per group for a share of pupils (attainment at the expected standard,
 * SEN identification, persistent absence), with its 95% interval, the value written at the bar's end, and
 * optionally the national figure as a black tick. A null rate (suppressed) is a written note, never a
 * zero-length bar.
 */
import type { TopLevelSpec } from "vega-lite";
import { type ChartOptions, finiteOrNull, labelLimit, specHeader } from "./common.js";
import { CATEGORY_COLOURS, CHART_CONFIG, OKABE_ITO, SUPPRESSED_NOTE } from "./theme.js";

/** One bar of a rate chart. */
export interface RateRow {
  /** The group's label (the bar's row, e.g. "SEN support"). */
  label: string;
  /** The series within the row (e.g. the subject, or the year); absent: one bar per row. */
  series?: string;
  /** The share of pupils, 0–1; null when suppressed or not measurable. */
  rate: number | null;
  /** Lower end of the 95% interval. */
  lower?: number | null;
  /** Upper end of the 95% interval. */
  upper?: number | null;
  /** Pupils in the group. */
  n?: number | null;
  /** The national figure for the same group, 0–1 (drawn as a black tick). */
  national?: number | null;
  /** Whether the rate was suppressed by disclosure control. */
  suppressed?: boolean;
  /** The note to show when `rate` is null. */
  note?: string;
}

/** Options of the rate charts. */
export interface RateChartOptions extends ChartOptions {
  /** Axis title of the rate; default "Share of pupils". */
  axisTitle?: string;
  /** Legend title of the series; default "Series". */
  seriesTitle?: string;
  /** Colours of the series (by series name); default: the category palette in order. */
  seriesColours?: Readonly<Record<string, string>>;
  /** Upper end of the axis, 0–1; default 1 (the whole scale, so that bars are not exaggerated). */
  maxRate?: number;
}

interface RateDatum {
  label: string;
  series: string;
  rate: number | null;
  lower: number | null;
  upper: number | null;
  n: number | null;
  national: number | null;
  note: string;
  valueText: string;
}

function toDatum(row: RateRow): RateDatum {
  const rate = finiteOrNull(row.rate);
  return {
    label: row.label,
    series: row.series ?? row.label,
    rate,
    lower: rate === null ? null : finiteOrNull(row.lower),
    upper: rate === null ? null : finiteOrNull(row.upper),
    n: finiteOrNull(row.n),
    national: finiteOrNull(row.national),
    note: rate === null ? row.note ?? (row.suppressed === false ? "not measured" : SUPPRESSED_NOTE) : "",
    valueText: rate === null ? "" : `${Math.round(rate * 100)}%`,
  };
}

/**
 * A rate chart: horizontal bars of a share of pupils per group (and series), with 95% intervals, value
 * labels and national ticks. Rows and series keep their order; an empty list draws a "no data" note.
 * @param rows the bars, top to bottom
 * @param options title (the finding), subtitle, width, axis title, series title and colours, `maxRate`
 * @example
 * groupRateChart([{ label: "No SEN", rate: 0.72, lower: 0.65, upper: 0.78 }, { label: "SEN support", rate: null, suppressed: true }],
 *   { title: "Most pupils with no SEN reached the expected standard" }).layer.length // => 5
 */
export function groupRateChart(rows: readonly RateRow[], options: RateChartOptions): TopLevelSpec & { layer: unknown[] } {
  const data = rows.length > 0
    ? rows.map(toDatum)
    : [{ label: "No data", series: "No data", rate: null, lower: null, upper: null, n: null, national: null, note: "no results to show", valueText: "" }];
  const seriesNames = [...new Set(data.map((d) => d.series))];
  const multiSeries = rows.some((r) => r.series !== undefined) && seriesNames.length > 0;
  const range = seriesNames.map((s, i) => options.seriesColours?.[s] ?? CATEGORY_COLOURS[i % CATEGORY_COLOURS.length] ?? OKABE_ITO.blue);
  const y = { field: "label", type: "nominal" as const, sort: null, title: null, axis: { labelLimit: labelLimit(options) } };
  const yOffset = multiSeries ? { yOffset: { field: "series", type: "nominal" as const, sort: seriesNames } } : {};
  const x = {
    field: "rate", type: "quantitative" as const, title: options.axisTitle ?? "Share of pupils",
    scale: { domain: [0, Math.min(1, Math.max(0.05, options.maxRate ?? 1))], clamp: true }, axis: { format: ".0%" },
  };
  const color = {
    field: "series", type: "nominal" as const, title: options.seriesTitle ?? "Series",
    scale: { domain: seriesNames, range }, legend: multiSeries ? { orient: "bottom" as const } : null,
  };
  const tooltip = [
    { field: "label", type: "nominal" as const, title: "Group" },
    { field: "series", type: "nominal" as const, title: options.seriesTitle ?? "Series" },
    { field: "rate", type: "quantitative" as const, title: "Share", format: ".1%" },
    { field: "lower", type: "quantitative" as const, title: "95% interval from", format: ".1%" },
    { field: "upper", type: "quantitative" as const, title: "95% interval to", format: ".1%" },
    { field: "n", type: "quantitative" as const, title: "Pupils" },
    { field: "national", type: "quantitative" as const, title: "National", format: ".1%" },
  ];
  const hasNational = data.some((d) => d.national !== null);
  const perRow = multiSeries ? seriesNames.length : 1;
  const spec = {
    ...specHeader(options),
    height: { step: multiSeries ? 20 : 34 },
    config: { ...CHART_CONFIG, scale: { bandPaddingInner: multiSeries ? 0.1 : 0.3 } },
    data: { values: data },
    encoding: { y, ...yOffset },
    layer: [
      {
        transform: [{ filter: "datum.rate != null" }],
        mark: { type: "bar" as const, height: { band: 0.8 } },
        encoding: { x, color, tooltip },
      },
      {
        transform: [{ filter: "datum.rate != null && datum.lower != null && datum.upper != null" }],
        mark: { type: "rule" as const, color: "#222222", strokeWidth: 1.5 },
        encoding: { x: { field: "lower", type: "quantitative" as const }, x2: { field: "upper" } },
      },
      {
        transform: [{ filter: "datum.rate != null" }, { calculate: "datum.upper != null ? datum.upper : datum.rate", as: "labelX" }],
        mark: { type: "text" as const, align: "left" as const, dx: 6, dy: perRow > 1 ? 0 : -9, fontWeight: 600 },
        encoding: { x: { field: "labelX", type: "quantitative" as const }, text: { field: "valueText", type: "nominal" as const } },
      },
      {
        transform: [{ filter: "datum.national != null" }],
        mark: { type: "tick" as const, color: OKABE_ITO.black, thickness: 3, bandSize: 22 },
        encoding: {
          x: { field: "national", type: "quantitative" as const },
          tooltip: [{ field: "national", type: "quantitative" as const, title: "National", format: ".1%" }],
        },
      },
      {
        transform: [{ filter: "datum.rate == null" }],
        mark: { type: "text" as const, align: "left" as const, dx: 4, fontStyle: "italic", color: "#444444" },
        encoding: { x: { value: 0 }, text: { field: "note", type: "nominal" as const } },
      },
    ],
  };
  if (hasNational) spec.title.subtitle = [...(spec.title.subtitle ?? []), "Black tick: the national figure for the same group."];
  return spec as TopLevelSpec & { layer: unknown[] };
}

/**
 * Attainment by group: the share of each group at the expected standard (bars, with 95% intervals), one
 * series per subject or measure when given.
 * @param rows the bars (`series` = subject, for several subjects)
 * @param options title (the finding), subtitle, width; `axisTitle` default "Share at the expected standard"
 * @example
 * attainmentChart([{ label: "SEN support", series: "Reading", rate: 0.4 }], { title: "Two in five …" }).width // => 560
 */
export function attainmentChart(rows: readonly RateRow[], options: RateChartOptions): TopLevelSpec {
  return groupRateChart(rows, { axisTitle: "Share at the expected standard", seriesTitle: "Subject", ...options });
}

/**
 * Identification against national: the share of pupils on SEN support and with an EHC plan in school, with
 * 95% intervals, and the national share as a black tick (set `national` on each row).
 * @param rows one bar per group (and `series` = year, to compare with last year)
 * @param options title (the finding), subtitle, width; `maxRate` default 0.4 so small shares are visible
 * @example
 * identificationChart([{ label: "SEN support", rate: 0.16, national: 0.142 }], { title: "…" }).$schema
 * // => "https://vega.github.io/schema/vega-lite/v6.json"
 */
export function identificationChart(rows: readonly RateRow[], options: RateChartOptions): TopLevelSpec {
  return groupRateChart(rows, { axisTitle: "Share of pupils on roll", seriesTitle: "Year", maxRate: 0.4, ...options });
}

/**
 * Attendance by group: the share of each group persistently absent (missing 10% or more of sessions), with
 * 95% intervals and the national rate as a black tick.
 * @param rows one bar per group (`national` = national persistent absence for the group)
 * @param options title (the finding), subtitle, width; `maxRate` default 0.6
 * @example
 * attendanceChart([{ label: "EHC plan", rate: 0.3, national: 0.346 }], { title: "…" }).width // => 560
 */
export function attendanceChart(rows: readonly RateRow[], options: RateChartOptions): TopLevelSpec {
  return groupRateChart(rows, { axisTitle: "Share persistently absent (missed 10% or more)", seriesTitle: "Year", maxRate: 0.6, ...options });
}
