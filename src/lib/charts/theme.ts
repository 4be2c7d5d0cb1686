/**
 * The one sendscope chart theme: the Okabe–Ito colour-blind-safe palette, type sizes readable when printed,
 * titles anchored left, and the fixed colours of the SEN groups and gap bands, so that every chart uses the
 * same colour for the same group. Pure data: safe to import in a browser page.
 */
import type { Config } from "vega-lite";

/**
 * The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), distinguishable with every common
 * colour-vision deficiency.
 * @example
 * OKABE_ITO.blue // => "#0072B2"
 */
export const OKABE_ITO = {
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
  black: "#000000",
} as const;

/** A neutral grey for "close to" / "no clear evidence" (not in Okabe–Ito; readable on white). */
export const NEUTRAL_GREY = "#7A7A7A";

/**
 * The category order used when a chart has several series: blue, orange, bluish green, vermillion, reddish
 * purple, sky blue, yellow, black (yellow late: it is faint on white).
 * @example
 * CATEGORY_COLOURS[0] // => "#0072B2"
 */
export const CATEGORY_COLOURS: readonly string[] = [
  OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.bluishGreen, OKABE_ITO.vermillion, OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue, OKABE_ITO.yellow, OKABE_ITO.black,
];

/**
 * The fixed colour of each SEN group (census codes N, K, E; "SEN" = SEN support and EHC plans together;
 * "All" = all pupils; "National" = the national figure).
 * @example
 * SEN_GROUP_COLOURS.E // => "#CC79A7"
 */
export const SEN_GROUP_COLOURS: Readonly<Record<string, string>> = {
  N: OKABE_ITO.blue,
  K: OKABE_ITO.orange,
  E: OKABE_ITO.reddishPurple,
  SEN: OKABE_ITO.vermillion,
  All: OKABE_ITO.bluishGreen,
  National: OKABE_ITO.black,
};

/**
 * Plain-English labels of the SEN groups, as used on every chart.
 * @example
 * SEN_GROUP_LABELS.K // => "SEN support"
 */
export const SEN_GROUP_LABELS: Readonly<Record<string, string>> = {
  N: "No SEN",
  K: "SEN support",
  E: "EHC plan",
  SEN: "All SEN",
  All: "All pupils",
};

/**
 * Colours of the DfE-style gap bands, from "well below" (vermillion) through "close to" (grey) to
 * "well above" (blue).
 * @example
 * GAP_BAND_COLOURS["close to"] // => "#7A7A7A"
 */
export const GAP_BAND_COLOURS: Readonly<Record<string, string>> = {
  "well below": OKABE_ITO.vermillion,
  below: OKABE_ITO.orange,
  "close to": NEUTRAL_GREY,
  above: OKABE_ITO.skyBlue,
  "well above": OKABE_ITO.blue,
};

/**
 * The note drawn in place of a suppressed value (a group too small to show under the disclosure policy).
 * @example
 * SUPPRESSED_NOTE // => "hidden to protect privacy"
 */
export const SUPPRESSED_NOTE = "hidden to protect privacy";

/** The default chart width in pixels (fits an A4 page in portrait with margins). */
export const DEFAULT_CHART_WIDTH = 560;

/**
 * The vega-lite config of the theme: system fonts, 16 px titles, 12 px labels (about 9 pt when printed on
 * A4), left-anchored titles with a subtitle, no chart frame, light grid, legends at the bottom.
 * @example
 * CHART_CONFIG.title?.fontSize // => 16
 */
export const CHART_CONFIG: Config = {
  font: "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
  background: "#ffffff",
  padding: 8,
  view: { stroke: null },
  title: {
    anchor: "start",
    fontSize: 16,
    fontWeight: 600,
    color: "#111111",
    subtitleFontSize: 13,
    subtitleColor: "#333333",
    subtitlePadding: 4,
    offset: 12,
  },
  axis: {
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 600,
    labelColor: "#222222",
    titleColor: "#222222",
    gridColor: "#e3e3e3",
    domainColor: "#888888",
    tickColor: "#888888",
    labelLimit: 220,
  },
  legend: { labelFontSize: 12, titleFontSize: 12, orient: "bottom", direction: "horizontal", labelLimit: 260 },
  text: { fontSize: 12, color: "#222222" },
  range: { category: [...CATEGORY_COLOURS] },
};
