/**
 * Recognise what an export is by its content: which kind of record (pupils, SEN register, assessments in long
 * or wide layout, interventions, attendance, suspensions, targets), which MIS layout it follows, which column
 * holds which field, and which columns are read for nothing. Every header is evidence for a kind, and a
 * sample of the rows says whether pupils repeat (see `detectExport`), so a file is never taken for a kind
 * because of one tell-tale header. `headerTest` finds the header row below any title lines.
 */
import { FILE_KINDS, type FileKind, type Layout } from "../schema/report.js";
import type { MeasureKind, Subject } from "../schema/primitives.js";
import { parseWideHeader } from "./codes.js";
import { FIELDS, KNOWN_LAYOUTS, REQUIRED_FIELDS, knownHeaderFields, normaliseHeader, type KnownLayout } from "./layouts.js";
import { columnsLike, fieldWords } from "./unread-columns.js";

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
  /**
   * For a kind other than pupils: the columns that name the pupil (surname, forename, date of birth), by
   * field; rows are checked against the roster by them (see `link.ts`). Empty otherwise.
   */
  identity: Map<string, number>;
  /** The columns (indexes) read for nothing: not a field of the kind, a wide column or an identity column. */
  ignored: number[];
}

/** Why a header row was not recognised, with the nearest kind and what it lacked. */
export interface DetectionFailure {
  reason: string;
  /** The kind the file looks like, when the evidence points at one (it lacks a field that kind requires). */
  kind?: FileKind;
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

/**
 * Fields that say who a row is about rather than what it records. Every kind of export may carry them (a
 * test publisher's results file has names, date of birth and class beside the scores), so they count for
 * little as evidence: a quarter for a pupil list, nothing for any other kind. The pupil key counts for none.
 */
const IDENTITY_FIELDS: ReadonlySet<string> = new Set(["upn", "misId", "surname", "forename", "dateOfBirth", "gender", "yearGroup", "school"]);

/** The identity fields a non-pupil file's rows are checked against the roster by (see `link.ts`). */
export const CHECKED_IDENTITY_FIELDS = ["surname", "forename", "dateOfBirth"] as const;

/**
 * Words in an unrecognised header that point at a kind of export (each such column is half a field's
 * evidence). From the headers real exports use: test publishers' result columns (NFER: 'Raw score',
 * 'Standardised score', 'Age-standardised score'; GL: 'SAS', 'Stanine', 'NPR'), SIMS attendance summaries
 * ('Possible', 'Present', 'AEA', 'Authorised', 'Unauthorised'), SEN registers with one row per ranked need
 * (the DfE census and CTF `SENtype` / `SENtypeRank`), provision maps and exclusion reports.
 */
const KIND_WORDS: Readonly<Record<FileKind, readonly string[]>> = {
  pupils: ["dob", "birth", "gender", "sex", "fsm", "eal", "premium", "ethnicity", "ethnic", "admission", "leaving", "language", "nationality", "religion", "postcode", "address"],
  senRegister: ["sen", "send", "need", "needs", "rank", "ranking", "ehcp", "ehc", "statement", "sentype", "sentyperank", "senprovision"],
  assessments: ["score", "scores", "standardised", "standardized", "sas", "raw", "mark", "result", "results", "grade", "stanine", "percentile", "npr", "test", "assessment", "attainment", "scaled", "outcome"],
  interventions: ["intervention", "interventions", "programme", "provision", "baseline", "entry", "exit", "staff", "cost"],
  attendance: ["possible", "present", "attendance", "attended", "absence", "absent", "authorised", "unauthorised", "aea", "late", "sessions"],
  suspensions: ["exclusion", "excluded", "suspension", "suspended"],
  targets: ["target", "targets"],
  // SEN2's requests and assessment modules, and LA request forms: "request", "decision to assess", "final plan".
  ehcRequests: ["request", "requested", "requests", "decision", "assess", "issued", "issue", "refused", "agreed"],
};

interface Candidate {
  kind: FileKind;
  columns: Map<string, number>;
  wide: WideColumn[];
  missing: string[];
  layoutVotes: Map<KnownLayout | "custom", number>;
  /** Evidence from the headers: mapped fields (identity fields weigh less), wide columns, kind words. */
  score: number;
  /** Mapped fields and wide columns that are not identity fields. */
  content: number;
  /** For a kind other than pupils: the columns of `CHECKED_IDENTITY_FIELDS`, by field. */
  identity: Map<string, number>;
  /** Headers that pointed at this kind (for naming the evidence in a failure). */
  evidence: string[];
}

function wordsOf(header: string): string[] {
  return normaliseHeader(header).split(" ").filter((w) => w !== "");
}

function evaluate(kind: FileKind, header: readonly string[], custom: Record<string, string>): Candidate {
  const index = headerIndex(kind, custom);
  const pupilIndex = kind === "pupils" ? null : headerIndex("pupils", custom);
  const columns = new Map<string, number>();
  const identity = new Map<string, number>();
  const layoutVotes = new Map<KnownLayout | "custom", number>();
  const wide: WideColumn[] = [];
  const evidence: string[] = [];
  let score = 0;
  let content = 0;
  const words = KIND_WORDS[kind];
  header.forEach((raw, i) => {
    const key = normaliseHeader(raw);
    const entry = index.get(key);
    if (entry !== undefined) {
      if (!columns.has(entry.field)) {
        columns.set(entry.field, i);
        if (!IDENTITY_FIELDS.has(entry.field)) {
          score += 1;
          content += 1;
          evidence.push(raw);
        } else if (kind === "pupils" && entry.field !== "upn" && entry.field !== "misId") {
          score += 0.25;
        }
      }
      for (const layout of entry.layouts) layoutVotes.set(layout, (layoutVotes.get(layout) ?? 0) + 1);
      return;
    }
    if (pupilIndex !== null) {
      const field = pupilIndex.get(key)?.field;
      if (field !== undefined && (CHECKED_IDENTITY_FIELDS as readonly string[]).includes(field)) {
        if (!identity.has(field)) identity.set(field, i);
        return;
      }
    }
    if (kind === "assessments") {
      const parsed = parseWideHeader(raw);
      if (parsed !== null) {
        wide.push({ index: i, header: raw, ...parsed });
        return;
      }
    }
    if (wordsOf(raw).some((w) => words.includes(w))) {
      score += 0.5;
      evidence.push(raw);
    }
  });
  const missing: string[] = [];
  if (!columns.has("upn") && !columns.has("misId")) missing.push("upn|misId");
  for (const required of REQUIRED_FIELDS[kind]) {
    if (!required.split("|").some((field) => columns.has(field))) missing.push(required);
  }
  const long = columns.has("subject") && columns.has("value");
  if (kind === "assessments" && !long && wide.length === 0) {
    missing.push("subject and value columns, or one column per subject and measure (e.g. 'Reading Standardised Score')");
  }
  const wideKept = long ? [] : wide;
  if (kind === "assessments") {
    score += wideKept.length;
    content += wideKept.length;
    for (const w of wideKept) evidence.push(w.header);
  }
  return { kind, columns, wide: wideKept, missing, layoutVotes, score, content, identity, evidence };
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

/** The headers and mapping a file was recognised from: every kind evaluated (see `evaluateHeader`). */
export interface HeaderEvaluation {
  header: readonly string[];
  forced: boolean;
  candidates: Candidate[];
}

/**
 * Evaluate a header row against every kind (or the mapping's forced kind): which columns map to which
 * fields, and how strongly the headers point at each kind. Depends on the header and mapping only, so a
 * folder of many schools with the same few headers can keep it (see `import-file.ts`); `chooseKind` then
 * adds the file's values.
 * @example
 * evaluateHeader(["UPN", "Legal Surname", "Legal Forename"]).candidates.length // => 8
 */
export function evaluateHeader(
  header: readonly string[],
  mapping: { kind: FileKind | undefined; columns: Record<string, string> } = { kind: undefined, columns: {} },
): HeaderEvaluation {
  const kinds = mapping.kind === undefined ? FILE_KINDS : [mapping.kind];
  return { header, forced: mapping.kind !== undefined, candidates: kinds.map((kind) => evaluate(kind, header, mapping.columns)) };
}

/** Sampled rows needed before repeated pupils count as evidence, and the share of repeats that does. */
const MIN_SAMPLE_FOR_REPEATS = 4;
const REPEATED_SHARE = 0.2;

/**
 * Whether sampled rows name the same pupil again and again (a pupil list has one row per pupil; an SEN
 * register with one row per ranked need, or a results file with one row per test, repeats them). A pupil
 * list with the odd duplicate (a real MIS slip) is still a pupil list: at least three rows, and a fifth of
 * the rows, must repeat a pupil named above them.
 */
function repeatsPupils(sample: readonly (readonly string[])[], columns: Map<string, number>): boolean {
  if (sample.length < MIN_SAMPLE_FOR_REPEATS) return false;
  const at = columns.get("upn") ?? columns.get("misId");
  if (at === undefined) return false;
  const seen = new Set<string>();
  let repeats = 0;
  for (const row of sample) {
    const key = (row[at] ?? "").trim().toUpperCase();
    if (key === "") continue;
    if (seen.has(key)) repeats += 1;
    else seen.add(key);
  }
  return repeats >= 3 && repeats >= REPEATED_SHARE * sample.length;
}

/** Some of a file's rows, or a function giving them (so they are read only if needed). */
export type SampleRows = readonly (readonly string[])[] | (() => readonly (readonly string[])[]);

/**
 * Pick a file's kind from its header evaluation and a sample of its rows: the kind the evidence points at
 * most strongly (see `detectExport`).
 * @example
 * const rows = [["A123456789012", "K", "SLCN", "1"], ["B123456789012", "E", "ASD", "1"]];
 * chooseKind(evaluateHeader(["UPN", "SEN Status", "Need Type", "Rank"]), rows).kind // => "senRegister"
 */
export function chooseKind(evaluation: HeaderEvaluation, sample: SampleRows = []): Detection | DetectionFailure {
  const { header, candidates } = evaluation;
  // Decided once: the sort below asks for each candidate's score many times.
  const pupils = candidates.find((c) => c.kind === "pupils");
  // (The sample is looked at only when the pupil list could win: most files are plainly something else.)
  const others = Math.max(0, ...candidates.filter((c) => c !== pupils).map((c) => c.score));
  const notPupils = pupils !== undefined && !evaluation.forced && pupils.score >= others
    && repeatsPupils(typeof sample === "function" ? sample() : sample, pupils.columns);
  const scoreOf = (c: Candidate) => (c.kind === "pupils" && notPupils ? 0 : c.score);
  const ranked = [...candidates].sort((a, b) =>
    scoreOf(b) - scoreOf(a)
    || Number(a.missing.length > 0) - Number(b.missing.length > 0)
    || b.content - a.content
    || FILE_KINDS.indexOf(a.kind) - FILE_KINDS.indexOf(b.kind));
  const best = ranked[0];
  if (best === undefined || (scoreOf(best) === 0 && best.missing.length > 0)) {
    return {
      reason: `the headers (${header.slice(0, 6).map((h) => `'${h}'`).join(", ")}${header.length > 6 ? " …" : ""}) match no export sendscope knows; add a column mapping (see README)`,
    };
  }
  if (best.missing.length > 0) {
    const evidence = best.evidence.slice(0, 3).map((h) => `'${h}'`).join(", ");
    // Columns that may be a missing field (a near miss of one of its headers), to say which to rename.
    const mapped = new Set(best.columns.values());
    const unmapped = header.filter((_, i) => !mapped.has(i));
    const hints = best.missing.flatMap((m) => m.split("|")).flatMap((field) =>
      columnsLike(best.kind, field, unmapped).map(({ header: h, alias }) => `'${h}' may be the ${fieldWords(field)} (rename it '${alias}')`));
    return {
      kind: best.kind,
      reason: `this looks like a${/^[aeiou]/i.test(best.kind) ? "n" : ""} ${best.kind} export but has no column for ${describeMissing(best.kind, best.missing)}${evidence === "" ? "" : ` (it has ${evidence}${best.evidence.length > 3 ? " …" : ""})`}${hints.length > 0 ? `; ${hints.join("; ")}` : ""}; rename the column or add a column mapping (see README)`,
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
  if (customVotes > 0 || evaluation.forced) layout = "custom";
  const used = new Set<number>([...best.columns.values(), ...best.wide.map((w) => w.index), ...best.identity.values()]);
  const ignored: number[] = [];
  for (let i = 0; i < header.length; i += 1) if (!used.has(i)) ignored.push(i);
  return { kind: best.kind, layout, columns: best.columns, wide: best.wide, identity: best.identity, ignored };
}

/**
 * Recognise an export from its header row and (optionally) a sample of its rows, by the evidence for each
 * kind: every header that maps to one of the kind's fields counts 1 (a field saying who the row is about,
 * such as a name or date of birth, counts a quarter for a pupil list and nothing for other kinds, since a
 * results file carries names too), a wide assessment column counts 1, and an unrecognised header with a
 * word typical of the kind ('score', 'rank', 'possible' …) counts a half. A sample in which a fifth of the
 * rows repeat a pupil is not a pupil list. The kind with the most evidence wins (ties: a kind whose required
 * fields are all there, then more non-identity fields, then `FILE_KINDS` order); when it lacks a required
 * field the file is not read, and the failure names the kind and what it lacks, rather than the file being
 * read as a kind it only partly resembles. A mapping's forced kind is used as given.
 * @param header the header row
 * @param mapping the column mapping for the file
 * @param sample some of the file's rows (the first 200, say)
 * @example
 * detectExport(["UPN", "Legal Surname", "Legal Forename", "DOB"]).kind // => "pupils"
 * detectExport(["UPN", "Surname", "Forename", "Class", "Test", "Date of test", "Raw score", "Standardised score"]).kind
 * // => "assessments" (a failure: no subject column; names beside scores are a results file)
 */
export function detectExport(
  header: readonly string[],
  mapping: { kind: FileKind | undefined; columns: Record<string, string> } = { kind: undefined, columns: {} },
  sample: SampleRows = [],
): Detection | DetectionFailure {
  return chooseKind(evaluateHeader(header, mapping), sample);
}

/**
 * Whether detection failed.
 * @example
 * isDetectionFailure({ reason: "…" }) // => true
 */
export function isDetectionFailure(result: Detection | DetectionFailure): result is DetectionFailure {
  return "reason" in result;
}

/**
 * A test for header rows (see `readCsv`): a row is a header when at least two of its cells are headers
 * sendscope knows (any kind's, any layout's, the mapping's, or a wide assessment column such as 'Reading
 * Standardised Score'). Title lines ('Attendance 01/09/2024 - 20/12/2024') and data rows are not.
 * @example
 * headerTest()(["UPN", "Legal Surname", "Legal Forename"]) // => true
 * headerTest()(["NFER Reading Autumn 2024"]) // => false
 */
export function headerTest(mapping: { columns: Record<string, string> } = { columns: {} }): (fields: readonly string[]) => boolean {
  const known = knownHeaderFields();
  const custom = new Set(Object.keys(mapping.columns).map(normaliseHeader));
  return (fields) => {
    let hits = 0;
    for (const field of fields) {
      if (field.length > 60) continue;
      const key = normaliseHeader(field);
      if (key === "") continue;
      if (known.has(key) || custom.has(key) || parseWideHeader(field) !== null) hits += 1;
      if (hits >= 2) return true;
    }
    return false;
  };
}
