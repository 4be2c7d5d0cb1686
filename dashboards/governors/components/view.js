/* global document */
// Shared page helpers for the sendscope dashboards (SENCO and governors' builds). Browser-only, no globals:
// every library is imported from node_modules so the built site works offline.
import embed from "vega-embed";
import {html} from "htl";
import {SEN_GROUP_LABELS, SUPPRESSED_NOTE} from "./charts/theme.js";

/** A vega-lite spec drawn as SVG (prints sharply), in a figure that scales down on narrow screens. */
export async function chart(spec) {
  const div = document.createElement("div");
  div.className = "chart";
  await embed(div, spec, {actions: false, renderer: "svg"});
  return html`<figure class="chart-figure">${div}</figure>`;
}

/** Row-label room for the page's column width: 260 px, or 110 px on phone screens. */
export function labelRoom(width) {
  return width < 560 ? 110 : 260;
}

/** Plot width from the page's column width: room for row labels, at most 640 px, at least 200. */
export function plotWidth(width) {
  return Math.max(200, Math.min(640, Math.round(width - labelRoom(width) - 30)));
}

/** The size options of a chart for the page's column width (plot width and row-label limit). */
export function sized(width) {
  return {width: plotWidth(width), labelLimit: labelRoom(width)};
}

/**
 * "42%"; a missing figure is "–" (no pupils or no data: neither zero nor "hidden"); pass the figure's cell
 * (or `true`) as `suppressed` to say "hidden" where disclosure control hid it.
 */
export function pct(x, digits = 0, suppressed = false) {
  if (x == null) return suppressed === true || suppressed?.suppressed === true ? "hidden" : "–";
  return `${(x * 100).toFixed(digits)}%`;
}

/** A signed number of percentage points from a difference of proportions: "+3" / "−12"; "–" when missing. */
export function points(x) {
  if (x == null) return "–";
  const v = Math.round(x * 100);
  return v > 0 ? `+${v}` : v < 0 ? `−${Math.abs(v)}` : "0";
}

/** A number with fixed digits, or "–" for null. */
export function num(x, digits = 0) {
  return x == null ? "–" : Number(x).toLocaleString("en-GB", {minimumFractionDigits: digits, maximumFractionDigits: digits});
}

/** Plain-English label of a SEN group code. */
export function groupLabel(code) {
  return SEN_GROUP_LABELS[code] ?? (code === "all" ? "All pupils" : code);
}

export {SUPPRESSED_NOTE};

/** Subject names as a reader expects them. */
export const SUBJECT_LABELS = {reading: "Reading", writing: "Writing", maths: "Maths", gps: "Grammar, punctuation and spelling", phonics: "Phonics", mtc: "Multiplication tables check", spelling: "Spelling", science: "Science"};
export function subjectLabel(s) {
  return SUBJECT_LABELS[s] ?? s;
}

/** Measure names as a reader expects them. */
export const MEASURE_LABELS = {standardised: "standardised score", scaled: "KS2 scaled score", readingAge: "reading age", spellingAge: "spelling age", teacherAssessment: "teacher assessment", phonicsMark: "phonics check", mtcScore: "MTC score"};
export function measureLabel(m) {
  return MEASURE_LABELS[m] ?? m;
}

/** "2025/26 summer" -> "Summer 2025/26". */
export function pointLabel(p) {
  const m = /^(\d{4}\/\d{2}) (\w+)$/.exec(p ?? "");
  return m ? `${m[2][0].toUpperCase()}${m[2].slice(1)} ${m[1]}` : p;
}

/** "Y3" from 3. */
export function yearLabel(y) {
  return y == null ? "All years" : y === 0 ? "Reception" : `Year ${y}`;
}

/** Plain-English band of a gap. */
export function bandPhrase(band) {
  switch (band) {
    case "well below": return "well below";
    case "below": return "below";
    case "close to": return "close to";
    case "above": return "above";
    case "well above": return "well above";
    default: return "not comparable with";
  }
}

/** A headline card. */
export function card(title, value, note) {
  return html`<div class="card sendscope-card"><h2>${title}</h2><span class="big">${value}</span><p>${note}</p></div>`;
}

/** The SENCO-only warning shown at the top of every page with pupil-level data. */
export function confidential(what = "pupil-level special category data") {
  return html`<div class="confidential" role="note"><strong>CONFIDENTIAL: for the SENCO only.</strong> This page holds ${what}. Do not publish it, share the link, print it for circulation or e-mail it. The governors' report is the version to share.</div>`;
}

/** What a report's attainment share counts for a measure ("a standardised score of 85 or more (average or above)"), from `meta.thresholds`. */
export function thresholdLabel(r, measure) {
  return r.meta.thresholds?.find((t) => t.measure === measure)?.expectedLabel ?? "the measure's threshold";
}
