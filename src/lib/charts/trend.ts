/**
 * Trend lines: a figure per period (academic year, term) for one or more series, with 95% intervals as
 * whiskers. A missing point breaks the line and is marked at the top of the chart with why: "hidden" (disclosure
 * control hid it) or "no data" (no pupils, or nothing measured).
 */
import type { TopLevelSpec } from "vega-lite";
import { type ChartOptions, chartWidth, finiteOrNull, specHeader, NO_RESULTS_LAYER } from "./common.js";
import { CATEGORY_COLOURS, CHART_CONFIG, OKABE_ITO } from "./theme.js";

/** One point of a trend chart. */
export interface TrendRow {
  /** The line it belongs to (e.g. "SEN support gap, reading"). */
  series: string;
  /** The period on the x axis (e.g. "2024/25"); drawn in the order first seen. */
  period: string;
  /** The figure; null when suppressed or not measurable. */
  value: number | null;
  /**
   * Why `value` is null: `"hidden"` (suppressed by disclosure control) or `"no data"` (no pupils, nothing
   * measured); default `"no data"`. Ignored when there is a value.
   */
  missing?: "hidden" | "no data";
  /** Lower end of its 95% interval. */
  lower?: number | null;
  /** Upper end of its 95% interval. */
  upper?: number | null;
  /** Pupils behind the figure. */
  n?: number | null;
}

/** Options of `trendChart`. */
export interface TrendChartOptions extends ChartOptions {
  /** Axis title of the figure. */
  axisTitle?: string;
  /** `"proportion"`: values 0–1 drawn as percentages (or percentage points with `signed`); default `"number"`. */
  scale?: "proportion" | "number";
  /** The values are differences (gaps): draw a dashed line at zero and sign the labels. */
  signed?: boolean;
  /** Colours of the series (by name); default the category palette in order. */
  seriesColours?: Readonly<Record<string, string>>;
  /** Height of the plot in pixels; default 260. */
  height?: number;
}

/**
 * A trend chart: lines with points and 95% interval whiskers, one colour per series; missing points are left
 * out of the line and noted at the top of their period, in the series' colour, as "hidden" or "no data" (the
 * row's `missing`), one line per series in the order of the rows ("SEN: hidden" when there are several series
 * and each period has 150 px or more; otherwise the word alone, in the series' colour).
 * An empty list draws a "no results" note.
 * @param rows the points (any order of series; periods drawn in the order first seen)
 * @param options title (the finding), subtitle, width, height, axis title, scale, `signed`
 * @example
 * trendChart([{ series: "SEN gap", period: "2023/24", value: -0.3 }, { series: "SEN gap", period: "2024/25", value: -0.2 }],
 *   { title: "The gap narrowed", scale: "proportion", signed: true }).height // => 260
 */
export function trendChart(rows: readonly TrendRow[], options: TrendChartOptions): TopLevelSpec {
  const proportion = options.scale === "proportion";
  const factor = proportion && options.signed ? 100 : 1;
  const format = proportion ? (options.signed ? "+.0f" : ".0%") : options.signed ? "+.1f" : ".1f";
  // With several series a note names its series ("No SEN: hidden") where a period has room for it (150 px);
  // on a narrow chart it is the word alone, in the series' colour, and the page's table says which.
  const periodCount = new Set(rows.map((r) => r.period)).size;
  const several = new Set(rows.map((r) => r.series)).size > 1 && chartWidth(options) / Math.max(1, periodCount) >= 150;
  const notesIn = new Map<string, number>();
  const data = rows.map((r) => {
    const value = finiteOrNull(r.value);
    const why = r.missing === "hidden" ? "hidden" : "no data";
    // Missing points of one period stack down from the top, 14 px apart, so they never print over each other.
    const line = value === null ? notesIn.get(r.period) ?? 0 : 0;
    if (value === null) notesIn.set(r.period, line + 1);
    return {
      series: r.series,
      period: r.period,
      value: value === null ? null : value * factor,
      lower: value === null || finiteOrNull(r.lower) === null ? null : (finiteOrNull(r.lower) ?? 0) * factor,
      upper: value === null || finiteOrNull(r.upper) === null ? null : (finiteOrNull(r.upper) ?? 0) * factor,
      n: finiteOrNull(r.n),
      note: value === null ? (several ? `${r.series}: ${why}` : why) : "",
      noteY: 4 + 14 * line,
    };
  });
  const periods = [...new Set(rows.map((r) => r.period))];
  const seriesNames = [...new Set(rows.map((r) => r.series))];
  const range = seriesNames.map((s, i) => options.seriesColours?.[s] ?? CATEGORY_COLOURS[i % CATEGORY_COLOURS.length] ?? OKABE_ITO.blue);
  const x = { field: "period", type: "ordinal" as const, sort: periods, title: null, axis: { labelAngle: 0 } };
  const color = { field: "series", type: "nominal" as const, title: null, scale: { domain: seriesNames, range }, legend: { orient: "bottom" as const, direction: "vertical" as const } };
  const yTitle = options.axisTitle ?? (proportion && options.signed ? "Gap (percentage points)" : "Value");
  const layers: unknown[] = [];
  if (options.signed) {
    layers.push({ data: { values: [{ zero: 0 }] }, mark: { type: "rule", strokeDash: [4, 4], color: "#555555" }, encoding: { y: { datum: 0, type: "quantitative" } } });
  }
  layers.push(
    {
      transform: [{ filter: "datum.value != null && datum.lower != null && datum.upper != null" }],
      mark: { type: "rule", strokeWidth: 2, opacity: 0.6 },
      encoding: { x, y: { field: "lower", type: "quantitative" }, y2: { field: "upper" }, color },
    },
    {
      transform: [{ filter: "datum.value != null" }],
      mark: { type: "line", point: { filled: true, size: 70 }, strokeWidth: 2.5 },
      encoding: {
        x,
        y: { field: "value", type: "quantitative", title: yTitle, axis: { format } },
        color,
        tooltip: [
          { field: "series", type: "nominal", title: "Series" },
          { field: "period", type: "ordinal", title: "Period" },
          { field: "value", type: "quantitative", title: "Value", format },
          { field: "lower", type: "quantitative", title: "95% interval from", format },
          { field: "upper", type: "quantitative", title: "95% interval to", format },
          { field: "n", type: "quantitative", title: "Pupils" },
        ],
      },
    },
    {
      transform: [{ filter: "datum.value == null" }],
      mark: { type: "text", fontStyle: "italic", baseline: "top", fontSize: 10 },
      encoding: { x, y: { field: "noteY", type: "quantitative", scale: null }, text: { field: "note", type: "nominal" }, color },
    },
  );
  if (data.length === 0) {
    layers.push(NO_RESULTS_LAYER);
  }
  const spec = {
    ...specHeader(options),
    height: Math.max(120, Math.round(options.height ?? 260)),
    config: CHART_CONFIG,
    data: { values: data },
    layer: layers,
  };
  return spec as TopLevelSpec;
}
