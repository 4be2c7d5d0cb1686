/**
 * Columns a recognised file holds but the import does not read, and fields a kind of file should have but
 * lacks: so `validate` can say what was left out ("the column 'SEN Status code' was not read: it may be
 * the SEN status"), never drop it without a word.
 */
import type { Pupil } from "../schema/records.js";
import type { FileKind, Problem } from "../schema/report.js";
import { FIELDS, knownHeadersOf, normaliseHeader } from "./layouts.js";

/** Plain words for fields, for messages. */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  upn: "UPN", misId: "MIS id", surname: "surname", forename: "forename", dateOfBirth: "date of birth", gender: "gender",
  yearGroup: "year group", fsm: "free school meals flag", disadvantaged: "disadvantaged (pupil premium) flag",
  eal: "EAL flag", lookedAfter: "looked-after flag", admissionDate: "admission date", leavingDate: "leaving date",
  school: "school", senStatus: "SEN status", primaryNeed: "primary need", secondaryNeed: "secondary need",
  startDate: "start date", endDate: "end date", ehcPlanDate: "EHC plan date", lastAnnualReview: "last annual review",
  subject: "subject", measure: "measure", point: "assessment point", academicYear: "academic year", date: "date",
  value: "result", intervention: "intervention", group: "group", sessionsPlanned: "sessions planned",
  sessionsAttended: "sessions attended", minutesPerSession: "minutes per session", staff: "staff", cost: "cost",
  entryScore: "entry score", entryDate: "entry date", exitScore: "exit score", exitDate: "exit date",
  exitTarget: "exit target", term: "term", possibleSessions: "possible sessions", attendedSessions: "attended sessions",
  days: "days", suspensionType: "suspension type", reason: "reason", target: "target", targetDate: "target date",
};

/**
 * A field in plain words.
 * @example
 * fieldWords("dateOfBirth") // => "date of birth"
 */
export function fieldWords(field: string): string {
  return FIELD_WORDS[field] ?? field;
}

/** Words too common in headers to make two headers alike on their own. */
const WEAK_WORDS = new Set(["date", "name", "id", "code", "the", "of", "for", "no", "number", "type", "a", "in", "on", "to", "by", "and"]);

/** Levenshtein distance, stopping early once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** A word without an ending that says little (`Started` → `start`, `Sessions` → `session`), when three letters are left. */
function stem(word: string): string {
  const cut = /^(.{3,}?)(ing|ed|s)$/.exec(word);
  return cut === null ? word : cut[1]!;
}

/**
 * How alike an unread header is to a known one, 0 (not alike) to 1 (the same words in another order or form:
 * 'Date Ended' and 'End Date'). Alike are: the same words once their endings are set aside (1); a small
 * misspelling, edit distance 1 or 2 for headers of 8 or more letters (0.9); one holding all the other's two or
 * more words but for at most two more ('SEN Status code' and 'SEN Status', 0.8); sharing at least 60% of their
 * words ('Eligible for free meals' and 'Free School Meals Eligible', 0.8 × the share) — counting only words that
 * say something ('date', 'name', 'code' … alone do not). Headers equal as headers compare are not alike (they
 * are the same). One rule for `validate`'s near misses and `sendscope map`'s guesses.
 * @example
 * headerLikeness("Date Ended", "End Date") // => 1
 * headerLikeness("Legal Surnme", "Legal Surname") // => 0.9
 * headerLikeness("Class", "Surname") // => 0
 */
export function headerLikeness(header: string, alias: string): number {
  const a = normaliseHeader(header);
  const b = normaliseHeader(alias);
  if (a === "" || b === "" || a === b) return 0;
  const wa = new Set(a.split(" ").map(stem));
  const wb = new Set(b.split(" ").map(stem));
  const shared = [...wa].filter((w) => wb.has(w));
  const telling = shared.some((w) => !WEAK_WORDS.has(w));
  const union = new Set([...wa, ...wb]).size;
  if (telling && shared.length === union) return 1;
  const limit = Math.min(a.length, b.length) >= 8 ? 2 : 1;
  if (Math.min(a.length, b.length) >= 4 && editDistance(a, b, limit) <= limit) return 0.9;
  if (!telling) return 0;
  // One word inside a longer header says too little ('Test' and 'Test Date'): containment needs two.
  const contains = (outer: Set<string>, inner: Set<string>) => inner.size >= 2 && [...inner].every((w) => outer.has(w)) && outer.size - inner.size <= 2;
  if (contains(wa, wb) || contains(wb, wa)) return 0.8;
  const share = shared.length / union;
  return share >= 0.6 ? 0.8 * share : 0;
}

/**
 * Whether an unread header is close to a known one (`headerLikeness` above 0).
 * @example
 * headersAlike("SEN Status code", "SEN Status") // => true
 * headersAlike("Class", "Surname") // => false
 */
export function headersAlike(header: string, alias: string): boolean {
  return headerLikeness(header, alias) > 0;
}

/**
 * Headers of real exports that resemble a field's header but are known to hold something sendscope has no
 * field for, so naming the field would be wrong advice (they are still listed as columns not read):
 * `PupilMatchingRef` (DfE census download) is the National Pupil Database's anonymised Pupil Matching
 * Reference, not the school's MIS id ('Pupil Ref'); see fixtures/exports/dfe-census-download/NOTE.md.
 */
const NOT_A_FIELD: ReadonlySet<string> = new Set(["PupilMatchingRef"].map(normaliseHeader));

/** A near miss: an unread header and the field it may be. */
export interface NearField {
  field: string;
  /** The header the field is known by that the unread header resembles. */
  alias: string;
}

/**
 * The field of a kind that an unread header may be: of the fields not already read from another column, the one
 * with the known header it is most like (`headerLikeness`; on a tie, the first field and header), or null.
 * @param kind the file's kind
 * @param header the unread header
 * @param read the fields the file's other columns give
 * @example
 * nearField("pupils", "Eligible for free meals", new Set(["upn"])) // => { field: "fsm", alias: "Free School Meals Eligible" }
 * nearField("pupils", "PupilMatchingRef", new Set(["upn"])) // => null (an NPD reference, not the MIS id)
 */
export function nearField(kind: FileKind, header: string, read: ReadonlySet<string>): NearField | null {
  if (NOT_A_FIELD.has(normaliseHeader(header))) return null;
  let best: NearField | null = null;
  let bestLikeness = 0;
  for (const spec of FIELDS[kind]) {
    if (read.has(spec.field)) continue;
    for (const alias of knownHeadersOf(spec)) {
      const likeness = headerLikeness(header, alias);
      if (likeness > bestLikeness) {
        best = { field: spec.field, alias };
        bestLikeness = likeness;
      }
    }
  }
  return best;
}

/**
 * The headers of a row that look like one field of a kind (see `headersAlike`), with the alias each
 * resembles: to say, when a file lacks a field it needs, which of its columns may be it.
 * @example
 * columnsLike("assessments", "date", ["UPN", "Date of test"]) // => [{ header: "Date of test", alias: "Test Date" }]
 */
export function columnsLike(kind: FileKind, field: string, headers: readonly string[]): Array<{ header: string; alias: string }> {
  const spec = FIELDS[kind].find((s) => s.field === field);
  if (spec === undefined) return [];
  const aliases = knownHeadersOf(spec);
  const found: Array<{ header: string; alias: string }> = [];
  for (const header of headers) {
    const alias = aliases.find((a) => headersAlike(header, a));
    if (alias !== undefined) found.push({ header, alias });
  }
  return found;
}

/**
 * The pupil list's header for the class (`registrationClass`) that a header of another kind of file is (the same
 * once normalised, or alike by `headerLikeness` 0.9 or more: a misspelling, the same words in another order), or
 * null. sendscope reads a pupil's class from the pupil list only, so a class column elsewhere (NFER's `Class`,
 * SIMS attendance's `Reg Group`) is reported, not read.
 * @example
 * classHeader("reg_group") // => "Reg Group"
 * classHeader("Intervention group") // => null
 */
export function classHeader(header: string): string | null {
  const spec = FIELDS.pupils.find((s) => s.field === "registrationClass");
  if (spec === undefined) return null;
  const wanted = normaliseHeader(header);
  const aliases = knownHeadersOf(spec);
  return aliases.find((a) => normaliseHeader(a) === wanted) ?? aliases.find((a) => headerLikeness(header, a) >= 0.9) ?? null;
}

/** How many of a school's pupils the pupil list gives a class for (see `settleClassColumns`). */
export interface ClassCoverage {
  /** Pupils on the pupil list(s). */
  pupils: number;
  /** Of those, the pupils with a class. */
  withClass: number;
}

const CLASS_HEADERS = "SIMS 'Reg Group', Arbor 'Registration Form', Bromcom 'Tutor Group'";

/**
 * What to do about the class, said to the SENCO beside a class column not read: definite when the pupil list's
 * classes are known (`coverage`), the general advice when not (a file read on its own, or no pupil list).
 */
function classAdvice(coverage: ClassCoverage | null): string {
  if (coverage === null || coverage.pupils === 0) {
    return `if the pupil list has no class column, add one to the pupil list's export (${CLASS_HEADERS}) so the SENCO's progress by class has it`;
  }
  if (coverage.withClass === 0) {
    return `the pupil list gives no pupil a class: add a class column to the pupil list's export (${CLASS_HEADERS}) so the SENCO's progress by class has it`;
  }
  const missing = coverage.pupils - coverage.withClass;
  return `the pupil list gives no class for ${missing} of its ${coverage.pupils} pupils: fill in their class in the MIS and export the pupil list again, so the SENCO's progress by class has them`;
}

/**
 * The warning for a class column (`classHeader`) in a file other than the pupil list: not read, and what to do.
 * @param file the file and the line of its headers
 * @param column the column's header
 * @param alias the pupil list's header it matches
 * @param coverage how many pupils the pupil list gives a class for, when known (see `settleClassColumns`)
 * @example
 * classColumnProblem({ file: "nfer.csv", headerLine: 1 }, "Class", "Class").code // => "class-column-not-read"
 * classColumnProblem({ file: "nfer.csv", headerLine: 1 }, "Class", "Class", { pupils: 30, withClass: 28 }).message.split(": ")[1]
 * // => "the pupil list gives no class for 2 of its 30 pupils"
 */
export function classColumnProblem(file: { file: string; headerLine: number }, column: string, alias: string, coverage: ClassCoverage | null = null): Problem {
  return {
    file: file.file, line: file.headerLine, column, severity: "warning", code: "class-column-not-read",
    message: `the column '${column}' looks like each pupil's class ('${alias}' in a pupil list), which sendscope reads from the pupil list only, so it is not read here: ${classAdvice(coverage)}`,
  };
}

/**
 * A school's class-column warnings (`classColumnProblem`, made as each file is read) once its pupil list is
 * known: none when the pupil list gives every pupil a class (the column elsewhere would add nothing; it is still
 * listed among the file's columns not read), else each with definite advice: how many pupils lack a class, or
 * that the pupil list gives none. With no pupils (no pupil list) the general advice stays. Other problems are
 * kept as they are, in order.
 * @param problems a school's problems
 * @param pupils the school's pupils (from its pupil lists)
 * @example
 * const warning = classColumnProblem({ file: "nfer.csv", headerLine: 1 }, "Class", "Class");
 * settleClassColumns([warning], [{ registrationClass: "4L" }, { registrationClass: "4M" }]) // => []
 * settleClassColumns([warning], [{ registrationClass: "4L" }, { registrationClass: null }])[0].message.split(": ")[1]
 * // => "the pupil list gives no class for 1 of its 2 pupils"
 */
export function settleClassColumns(problems: Problem[], pupils: ReadonlyArray<Pick<Pupil, "registrationClass">>): Problem[] {
  if (!problems.some((p) => p.code === "class-column-not-read")) return problems;
  let withClass = 0;
  for (const pupil of pupils) if (pupil.registrationClass !== null) withClass += 1;
  const coverage: ClassCoverage = { pupils: pupils.length, withClass };
  if (coverage.pupils > 0 && withClass === coverage.pupils) return problems.filter((p) => p.code !== "class-column-not-read");
  return problems.map((p) => (p.code === "class-column-not-read" && p.column !== null
    ? classColumnProblem({ file: p.file, headerLine: p.line }, p.column, classHeader(p.column) ?? p.column, coverage)
    : p));
}

/**
 * Fields a kind of file can be read without but the analyses need; a file lacking one gets a warning
 * saying what will be missing. `a|b`: either will do. (The pupil list is checked only for the roster.)
 * @example
 * NEEDED_FIELDS.senRegister[0]?.fields // => "primaryNeed"
 */
export const NEEDED_FIELDS: Readonly<Record<FileKind, ReadonlyArray<{ fields: string; without: string }>>> = {
  pupils: [
    { fields: "dateOfBirth", without: "no pupil will have a date of birth, and month-of-birth (summer-born) groups will be empty" },
    { fields: "gender", without: "every pupil's gender will be unknown, and gender gaps will be empty" },
    { fields: "yearGroup", without: "no pupil will have a year group, and year-group figures will be empty" },
    { fields: "fsm|disadvantaged", without: "no pupil will be counted as eligible for free school meals or disadvantaged" },
  ],
  senRegister: [
    { fields: "primaryNeed", without: "no SEN pupil will have a type of need, and the mix of needs will be empty" },
  ],
  assessments: [],
  interventions: [],
  attendance: [],
  suspensions: [],
  targets: [],
  ehcRequests: [],
};

/**
 * The needed fields (see `NEEDED_FIELDS`) a file of a kind lacks, each with what will be missing.
 * @example
 * missingNeeded("pupils", new Set(["upn", "surname", "forename", "dateOfBirth", "gender", "fsm"]))
 * // => [{ fields: "yearGroup", without: "no pupil will have a year group, and year-group figures will be empty" }]
 */
export function missingNeeded(kind: FileKind, read: ReadonlySet<string>): Array<{ fields: string; without: string }> {
  return NEEDED_FIELDS[kind].filter((need) => !need.fields.split("|").some((field) => read.has(field)));
}
