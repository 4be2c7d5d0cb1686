/**
 * What every sendscope chart builder takes (title, subtitle, width, description) and the pieces they share.
 */
import { DEFAULT_CHART_WIDTH } from "./theme.js";
import { titleChars, wrapText } from "./text.js";

/** The options every chart builder takes. */
export interface ChartOptions {
  /** The title: state the finding ("SEN support pupils are 25 points behind …"), not the topic. */
  title: string;
  /** One or more lines under the title (what is measured, when, for whom). */
  subtitle?: string | string[];
  /** Width of the plot area in pixels; default 560. Values below 200 are treated as 200. */
  width?: number;
  /** Text for screen readers (the chart's `aria-label`); default: the title. */
  description?: string;
  /** Longest row label in pixels before it is cut with "…"; default 260 (use less on phone screens). */
  labelLimit?: number;
}

/**
 * The row-label limit of a chart: `options.labelLimit` (at least 60) or 260.
 * @example
 * labelLimit({ title: "t", labelLimit: 20 }) // => 60
 */
export function labelLimit(options: ChartOptions): number {
  return Math.max(60, Math.round(options.labelLimit ?? 260));
}

/**
 * The plot width of a chart: `options.width` (at least 200) or the default 560.
 * @example
 * chartWidth({ title: "t", width: 120 }) // => 200
 */
export function chartWidth(options: ChartOptions): number {
  return Math.max(200, Math.round(options.width ?? DEFAULT_CHART_WIDTH));
}

/**
 * The vega-lite title block: the title and subtitle wrapped to the chart's width.
 * @example
 * chartTitle({ title: "Attendance is lower for SEN pupils", subtitle: "2025/26" }).subtitle // => ["2025/26"]
 */
export function chartTitle(options: ChartOptions): { text: string[]; subtitle?: string[] } {
  const width = chartWidth(options);
  const subtitles = options.subtitle === undefined ? [] : Array.isArray(options.subtitle) ? options.subtitle : [options.subtitle];
  const subtitleLines = subtitles.flatMap((s) => wrapText(s, Math.floor(titleChars(width) * 1.2)));
  return {
    text: wrapText(options.title, titleChars(width)),
    ...(subtitleLines.length > 0 ? { subtitle: subtitleLines } : {}),
  };
}

/** The `$schema` every sendscope spec names. */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/**
 * A finite number or null (NaN, infinities and undefined become null, so a chart never draws them).
 * @example
 * finiteOrNull(Number.NaN) // => null
 */
export function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * The top of every chart spec: schema, screen-reader description (default: the title), wrapped title and
 * subtitle, and plot width. Spread it first into a builder's spec.
 * @example
 * specHeader({ title: "SEN support is close to national" }).description // => "SEN support is close to national"
 */
export function specHeader(options: ChartOptions): { $schema: string; description: string; title: ReturnType<typeof chartTitle>; width: number } {
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: options.description ?? options.title,
    title: chartTitle(options),
    width: chartWidth(options),
  };
}

/**
 * The layer a chart draws instead of marks when it has no rows: an italic "no results to show".
 * @example
 * NO_RESULTS_LAYER.data.values[0].note // => "no results to show"
 */
export const NO_RESULTS_LAYER = {
  data: { values: [{ note: "no results to show" }] },
  mark: { type: "text", fontStyle: "italic" },
  encoding: { text: { field: "note", type: "nominal" } },
} as const;
