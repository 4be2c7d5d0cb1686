// Plain-English words for the codes the report holds, for tables a person reads (never `missingEntry`,
// `bad-date` or `senRegister` on a page). Anything not listed still reads as words (see `words`).

/** "missingEntry" / "bad-date" / "zero_elapsed" → "Missing entry" / "Bad date" / "Zero elapsed". */
export function words(code) {
  if (code == null || code === "") return "–";
  const text = String(code).replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[-_]+/g, " ").toLowerCase().trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const label = (map) => (code) => code == null || code === "" ? "–" : map[code] ?? words(code);

/** An intervention's verdict. */
export const verdictLabel = label({"clear-impact": "Clear impact", "no-clear-evidence": "No clear evidence", "clear-decline": "Clear decline", "too-few": "Too few to tell", "not-measured": "Not measured"});

/** What a file holds. */
export const fileKindLabel = label({pupils: "Pupils", senRegister: "SEN register", assessments: "Assessments", interventions: "Interventions", attendance: "Attendance", suspensions: "Suspensions and exclusions", targets: "Targets"});

/** Which MIS layout was recognised. */
export const layoutLabel = label({sims: "SIMS", arbor: "Arbor", bromcom: "Bromcom", scholarpack: "ScholarPack", generic: "Plain column names", wide: "One column per assessment", nfer: "NFER"});

/** The file's text encoding, as a person would say it. */
export const encodingLabel = label({"utf-8": "UTF-8", "utf-8-bom": "UTF-8 (with byte-order mark)", "utf-16le": "UTF-16 (Excel 'Unicode text')", "utf-16be": "UTF-16 (big-endian)", "windows-1252": "Windows-1252 (ANSI)"});

/** Error or warning, with what it means for the row. */
export const severityLabel = label({error: "Error: row not imported", warning: "Warning: row imported"});

/** Why a placement could not be measured. */
export const notMeasuredLabel = label({missingEntry: "No entry score", missingExit: "No exit score", zeroElapsed: "No time between entry and exit"});

/** A run's or intervention's status. */
export const statusLabel = label({finished: "Finished", running: "Still running", overdue: "Overdue", "due soon": "Due soon", "in date": "In date", "off track": "Off track", "no result": "No result yet", "on track": "On track"});

/** How the rise expected anyway (regression to the mean) was taken out. */
export const rtmLabel = label({comparison: "Matched comparison pupils", none: "Not taken out (no comparison pupils)"});

/** Teacher-assessment codes with their meaning. */
const TA = {GDS: "Greater depth (GDS)", EXS: "Expected standard (EXS)", WTS: "Working towards (WTS)", HNM: "Has not met (HNM)", EM: "Engagement model (EM)", BLW: "Below the standard (BLW)", A: "Absent (A)", D: "Disapplied (D)"};

/** A grade or score as shown: teacher-assessment codes spelled out, pre-key-stage steps named. */
export function gradeLabel(value) {
  if (value == null || value === "") return "–";
  if (typeof value === "number") return value.toLocaleString("en-GB", {maximumFractionDigits: 1});
  const pk = /^PK(\d)$/.exec(value);
  return pk ? `Pre-key stage ${pk[1]} (${value})` : TA[value] ?? String(value);
}

/** "2026-05-07" → "7 May 2026": the one date format of the pages (see src/lib/charts/text.ts). */
export {dateLabel} from "./charts/text.js";

/** "Yes" / "No" / "–". */
export function yesNo(value) {
  return value == null ? "–" : value ? "Yes" : "No";
}

/** A sentence-case first letter ("standardised score" → "Standardised score"). */
export function capital(text) {
  const s = String(text ?? "");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The national figure(s) a set of comparisons uses, named once: "state-funded primary schools in England,
 * January 2023" when every gap uses the same figure, else each group's ("SEN support: …; EHC plans: …").
 * `items` are `{group, gap}` pairs (`gap.nationalLabel`); null when none has a figure.
 */
export function nationalFigureLabel(items, groupName = (g) => g) {
  const present = items.filter((x) => x?.gap?.nationalLabel);
  if (present.length === 0) return null;
  const labels = [...new Set(present.map((x) => x.gap.nationalLabel))];
  return labels.length === 1 ? labels[0] : present.map((x) => `${groupName(x.group)}: ${x.gap.nationalLabel}`).join("; ");
}
