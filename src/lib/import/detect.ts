/**
 * Recognise what an export is from its header row: which kind of record (pupils, SEN register, assessments
 * in long or wide layout, interventions, attendance, suspensions, targets) and which MIS layout it follows,
 * and which column holds which field.
 */
import { FILE_KINDS, type FileKind, type Layout } from "../schema/report.js";
import type { MeasureKind, Subject } from "../schema/primitives.js";
import { parseWideHeader } from "./codes.js";
import { FIELDS, KNOWN_LAYOUTS, REQUIRED_FIELDS, normaliseHeader, type KnownLayout } from "./layouts.js";

/** A wide-layout assessment column: its index, header, subject and measure. */
export interface WideColumn {
  index: number;
  header: string;
  subject: Subject;
  measure: MeasureKind;
}

/** What a header row was recognised as. */
export interface Detection {
  kind: FileKind;
  layout: Layout;
  /** Field → column index. */
  columns: Map<string, number>;
  /** For assessments in wide layout: the subject × measure columns. Empty otherwise. */
  wide: WideColumn[];
}

/** Why a header row was not recognised, with the nearest kind and what it lacked. */
export interface DetectionFailure {
  reason: string;
}

function headerIndex(kind: FileKind, extra: Record<string, string>): Map<string, { field: string; layouts: Set<KnownLayout | "custom"> }> {
  const index = new Map<string, { field: string; layouts: Set<KnownLayout | "custom"> }>();
  const add = (header: string, field: string, layout: KnownLayout | "custom" | null) => {
    const key = normaliseHeader(header);
    const entry = index.get(key) ?? { field, layouts: new Set() };
    if (entry.field !== field && layout !== "custom") return;
    if (layout === "custom") entry.field = field;
    if (layout !== null) entry.layouts.add(layout);
    index.set(key, entry);
  };
  for (const [header, field] of Object.entries(extra)) {
    if (FIELDS[kind].some((s) => s.field === field)) add(header, field, "custom");
  }
  for (const spec of FIELDS[kind]) {
    for (const layout of KNOWN_LAYOUTS) for (const header of spec.headers[layout]) add(header, spec.field, layout);
    for (const header of spec.other ?? []) add(header, spec.field, null);
  }
  return index;
}

interface Candidate {
  kind: FileKind;
  columns: Map<string, number>;
  wide: WideColumn[];
  missing: string[];
  layoutVotes: Map<KnownLayout | "custom", number>;
}

function evaluate(kind: FileKind, header: readonly string[], custom: Record<string, string>): Candidate {
  const index = headerIndex(kind, custom);
  const columns = new Map<string, number>();
  const layoutVotes = new Map<KnownLayout | "custom", number>();
  const wide: WideColumn[] = [];
  header.forEach((raw, i) => {
    const entry = index.get(normaliseHeader(raw));
    if (entry !== undefined) {
      if (!columns.has(entry.field)) columns.set(entry.field, i);
      for (const layout of entry.layouts) layoutVotes.set(layout, (layoutVotes.get(layout) ?? 0) + 1);
      return;
    }
    if (kind === "assessments") {
      const parsed = parseWideHeader(raw);
      if (parsed !== null) wide.push({ index: i, header: raw, ...parsed });
    }
  });
  const missing: string[] = [];
  if (!columns.has("upn") && !columns.has("misId")) missing.push("upn|misId");
  for (const required of REQUIRED_FIELDS[kind]) {
    if (!required.split("|").some((field) => columns.has(field))) missing.push(required);
  }
  if (kind === "assessments" && !(columns.has("subject") && columns.has("value")) && wide.length === 0) {
    missing.push("subject and value columns, or one column per subject and measure (e.g. 'Reading Standardised Score')");
  }
  return { kind, columns, wide: columns.has("subject") && columns.has("value") ? [] : wide, missing, layoutVotes };
}

function describeMissing(kind: FileKind, missing: readonly string[]): string {
  const names = missing.map((m) =>
    m.split("|").map((field) => {
      const spec = FIELDS[kind].find((s) => s.field === field);
      return spec ? `'${spec.headers.generic[0]}'` : m;
    }).join(" or "),
  );
  return names.join(", ");
}

/**
 * Recognise a header row. Each kind is tried; a kind qualifies when it has a pupil key and its required
 * fields; among those, the one matching the most columns wins (ties go in `FILE_KINDS` order). A mapping's
 * forced kind is used as given.
 * @example
 * detectExport(["UPN", "Legal Surname", "Legal Forename", "DOB"]).kind // => "pupils"
 */
export function detectExport(
  header: readonly string[],
  mapping: { kind: FileKind | undefined; columns: Record<string, string> } = { kind: undefined, columns: {} },
): Detection | DetectionFailure {
  const kinds = mapping.kind === undefined ? FILE_KINDS : [mapping.kind];
  const candidates = kinds.map((kind) => evaluate(kind, header, mapping.columns));
  const score = (c: Candidate) => c.columns.size + c.wide.length;
  const qualified = candidates.filter((c) => c.missing.length === 0).sort((a, b) => score(b) - score(a));
  const best = qualified[0];
  if (best === undefined) {
    const nearest = [...candidates].sort((a, b) => score(b) - score(a) || a.missing.length - b.missing.length)[0];
    if (nearest === undefined || score(nearest) === 0) {
      return {
        reason: `the headers (${header.slice(0, 6).map((h) => `'${h}'`).join(", ")}${header.length > 6 ? " …" : ""}) match no export sendscope knows; add a column mapping (see README)`,
      };
    }
    return {
      reason: `this looks like a${/^[aeiou]/i.test(nearest.kind) ? "n" : ""} ${nearest.kind} export but has no column for ${describeMissing(nearest.kind, nearest.missing)}; rename the column or add a column mapping (see README)`,
    };
  }
  let layout: Layout = "generic";
  let votes = -1;
  const customVotes = best.layoutVotes.get("custom") ?? 0;
  for (const candidate of KNOWN_LAYOUTS) {
    const v = best.layoutVotes.get(candidate) ?? 0;
    if (v > votes) {
      votes = v;
      layout = candidate;
    }
  }
  if (customVotes > 0 || mapping.kind !== undefined) layout = "custom";
  return { kind: best.kind, layout, columns: best.columns, wide: best.wide };
}

/**
 * Whether detection failed.
 * @example
 * isDetectionFailure({ reason: "…" }) // => true
 */
export function isDetectionFailure(result: Detection | DetectionFailure): result is DetectionFailure {
  return "reason" in result;
}
