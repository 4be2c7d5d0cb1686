/**
 * Progress distributions: every pupil's change (or any value) as a tick, per group, over a box plot of the
 * quartiles, so a SENCO can see spread and outliers, not just the mean. Pupil-level: for the SENCO's pages;
 * governors' pages use `progressChart` on aggregates.
 */
import type { TopLevelSpec } from "vega-lite";
import { type ChartOptions, finiteOrNull, labelLimit, specHeader, NO_RESULTS_LAYER } from "./common.js";
import { CATEGORY_COLOURS, CHART_CONFIG, OKABE_ITO } from "./theme.js";

/** One value of a distribution chart. */
export interface DistributionRow {
  /** The group it belongs to (a row of the chart). */
  group: string;
  /** The value (e.g. a pupil's change in standardised score); non-finite values are left out. */
  value: number;
}

/** Options of `distributionChart`. */
export interface DistributionChartOptions extends ChartOptions {
  /** Axis title of the values. */
  axisTitle?: string;
  /** A reference value drawn as a dashed line (e.g. 0 = typical progress); default none. */
  reference?: number;
  /** Colours of the groups (by name); default the category palette in order. */
  groupColours?: Readonly<Record<string, string>>;
}

/**
 * A distribution chart: a box plot (quartiles, whiskers to min and max) and a tick per value, one row per
 * group, groups in the order first seen. An empty list draws a "no data" note.
 * @param rows the values
 * @param options title (the finding), subtitle, width, axis title, `reference`
 * @example
 * distributionChart([{ group: "SEN support", value: -3 }, { group: "SEN support", value: 4 }],
 *   { title: "Progress of SEN support pupils varied widely", reference: 0 }).$schema
 * // => "https://vega.github.io/schema/vega-lite/v6.json"
 */
export function distributionChart(rows: readonly DistributionRow[], options: DistributionChartOptions): TopLevelSpec {
  const data = rows.flatMap((r) => {
    const v = finiteOrNull(r.value);
    return v === null ? [] : [{ group: r.group, value: v }];
  });
  const groups = [...new Set(data.map((d) => d.group))];
  const range = groups.map((g, i) => options.groupColours?.[g] ?? CATEGORY_COLOURS[i % CATEGORY_COLOURS.length] ?? OKABE_ITO.blue);
  const y = { field: "group", type: "nominal" as const, sort: groups, title: null, axis: { labelLimit: labelLimit(options) } };
  const color = { field: "group", type: "nominal" as const, scale: { domain: groups, range }, legend: null };
  const x = { field: "value", type: "quantitative" as const, title: options.axisTitle ?? "Value" };
  const layers: unknown[] = [];
  if (options.reference !== undefined && Number.isFinite(options.reference)) {
    layers.push({ data: { values: [{ reference: options.reference }] }, mark: { type: "rule", strokeDash: [4, 4], color: "#555555" }, encoding: { x: { datum: options.reference, type: "quantitative" } } });
  }
  if (data.length > 0) {
    layers.push(
      { mark: { type: "boxplot", extent: "min-max", size: 22, opacity: 0.35, median: { color: "#111111" } }, encoding: { y, x, color } },
      { mark: { type: "tick", thickness: 1.5, bandSize: 26, opacity: 0.8 }, encoding: { y, x, color, tooltip: [{ field: "group", type: "nominal", title: "Group" }, { field: "value", type: "quantitative", title: "Value", format: ".1f" }] } },
    );
  } else {
    layers.push(NO_RESULTS_LAYER);
  }
  const spec = {
    ...specHeader(options),
    height: data.length > 0 ? { step: 40 } : 80,
    config: CHART_CONFIG,
    data: { values: data },
    layer: layers,
  };
  return spec as TopLevelSpec;
}
