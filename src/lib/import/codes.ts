/**
 * Parsers for coded values written as codes or words: SEN provision ("K", "SEN Support",
 * "E - Education, Health and Care Plan", legacy S/A/P), type of need ("SLCN", "Autism"), subjects,
 * measure kinds, and assessment points ("Autumn 2024", "2024/25 spring").
 */
import { LEGACY_SEN_STATUS, NEED_CODES, NEED_LABELS, TEACHER_ASSESSMENT_CODES } from "../../data/codes.js";
import type { MeasureKind, Need, SenStatus, Subject, Term } from "../schema/primitives.js";
import { normaliseHeader } from "./layouts.js";
import { fail, ok, type Parsed } from "./values.js";

const fold = (text: string): string => text.trim().toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

const SEN_WORDS: Record<string, SenStatus> = {
  "n": "N", "no sen": "N", "none": "N", "no special educational need": "N", "not sen": "N",
  "no special educational needs": "N",
  "k": "K", "sen support": "K", "support": "K", "send support": "K",
  "e": "E", "ehc plan": "E", "ehcp": "E", "education health and care plan": "E", "ehc": "E",
};
const LEGACY_WORDS: Record<string, keyof typeof LEGACY_SEN_STATUS> = {
  "s": "S", "statement": "S", "statemented": "S", "statement of sen": "S",
  "a": "A", "school action": "A",
  "p": "P", "school action plus": "P", "action plus": "P",
};

/**
 * Parse an SEN provision value written as a code or words. Legacy codes map to today's (S → E, A/P → K) with
 * a warning that says so.
 * @example
 * parseSenStatus("SEN Support") // => { ok: true, value: "K" }
 * parseSenStatus("E - Education, Health and Care Plan") // => { ok: true, value: "E" }
 * parseSenStatus("S").ok // => true (value "E", with a warning)
 * parseSenStatus("Monitoring").ok // => true (value "N", with a note that Arbor returns it as N)
 */
export function parseSenStatus(text: string): Parsed<SenStatus> {
  const folded = fold(text);
  // The words alone, a code before them (`K - SEN Support`) or after them (`SEN Support (K)`), the first word.
  const candidates = [folded, folded.replace(/^[a-z] /, ""), folded.replace(/ [a-z]$/, ""), folded.split(" ")[0] ?? ""];
  for (const candidate of candidates) {
    if (candidate === "monitoring") {
      // Arbor's own status: the census return gives it as N (support.arbor-education.com, article 4404893720733).
      return ok("N", "Arbor's SEN status 'Monitoring' is not SEN for the census (Arbor returns it as N): read as no SEN", "sen-monitoring");
    }
    const current = SEN_WORDS[candidate];
    if (current !== undefined) return ok(current);
    const legacy = LEGACY_WORDS[candidate];
    if (legacy !== undefined) {
      const mapped = LEGACY_SEN_STATUS[legacy];
      return ok(mapped, `legacy SEN code '${text.trim()}' (${legacyName(legacy)}) read as '${mapped}'`, "legacy-sen-status");
    }
  }
  return fail(`'${text.trim()}' is not an SEN status (expected N, K, E, or words such as 'SEN Support')`);
}

function legacyName(code: keyof typeof LEGACY_SEN_STATUS): string {
  return { S: "statement", A: "School Action", P: "School Action Plus" }[code];
}

const NEED_SYNONYMS: Record<string, Need> = {
  "autism": "ASD", "autistic spectrum disorder": "ASD", "autism spectrum disorder": "ASD", "asc": "ASD",
  "autistic spectrum condition": "ASD", "dyslexia": "SPLD", "spld": "SPLD", "specific learning difficulties": "SPLD",
  "speech language and communication needs": "SLCN", "speech language and communication": "SLCN",
  // The CBDS description is "Speech, language and Communications needs".
  "speech language and communications needs": "SLCN",
  "social emotional and mental health": "SEMH", "moderate learning difficulties": "MLD",
  "severe learning difficulties": "SLD", "profound and multiple learning difficulties": "PMLD",
  "hearing impairment": "HI", "visual impairment": "VI", "multi sensory impairment": "MSI",
  "physical disability": "PD", "other": "OTH", "other difficulty disability": "OTH",
  "no specialist assessment": "NSA", "sen support but no specialist assessment of type of need": "NSA",
};
const NEED_BY_LABEL: Record<string, Need> = Object.fromEntries(
  NEED_CODES.map((code) => [fold(NEED_LABELS[code]), code]),
);
const LEGACY_NEEDS: Record<string, Need> = {
  "besd": "SEMH", "behaviour emotional and social difficulty": "SEMH",
  "behaviour emotional and social difficulties": "SEMH",
};

/**
 * Parse a type of need written as a census code or words. BESD (the old name of SEMH) is read as SEMH with a
 * warning.
 * @example
 * parseNeed("SLCN") // => { ok: true, value: "SLCN" }
 * parseNeed("Autism") // => { ok: true, value: "ASD" }
 * parseNeed("Social, Emotional & Mental Health") // => { ok: true, value: "SEMH" }
 */
export function parseNeed(text: string): Parsed<Need> {
  const folded = fold(text.replace(/&/g, " and "));
  const code = folded.toUpperCase();
  if ((NEED_CODES as readonly string[]).includes(code)) return ok(code as Need);
  const leading = (folded.split(" ")[0] ?? "").toUpperCase();
  const direct = NEED_BY_LABEL[folded] ?? NEED_SYNONYMS[folded];
  if (direct !== undefined) return ok(direct);
  const legacy = LEGACY_NEEDS[folded] ?? LEGACY_NEEDS[leading.toLowerCase()];
  if (legacy !== undefined) return ok(legacy, `legacy need '${text.trim()}' read as '${legacy}'`, "legacy-need");
  if ((NEED_CODES as readonly string[]).includes(leading) && folded.includes(" ")) return ok(leading as Need);
  const byPrefix = Object.entries({ ...NEED_BY_LABEL, ...NEED_SYNONYMS }).find(([words]) => folded.startsWith(words));
  if (byPrefix) return ok(byPrefix[1]);
  return fail(`'${text.trim()}' is not a type of need (expected a census code such as SLCN, ASD, SEMH)`);
}

const SUBJECT_WORDS: Record<string, Subject> = {
  "reading": "reading", "read": "reading", "writing": "writing", "write": "writing",
  "maths": "maths", "math": "maths", "mathematics": "maths", "numeracy": "maths",
  "gps": "gps", "spag": "gps", "grammar punctuation and spelling": "gps", "egps": "gps",
  "spelling": "spelling", "science": "science", "phonics": "phonics", "phonics screening check": "phonics",
  "mtc": "mtc", "multiplication tables check": "mtc", "times tables": "mtc",
};

/**
 * Parse a subject name into a normalised subject.
 * @example
 * parseSubject("Mathematics") // => { ok: true, value: "maths" }
 * parseSubject("Multiplication Tables Check") // => { ok: true, value: "mtc" }
 */
export function parseSubject(text: string): Parsed<Subject> {
  const subject = SUBJECT_WORDS[fold(text)];
  return subject === undefined
    ? fail(`'${text.trim()}' is not a subject sendscope knows (reading, writing, maths, GPS, phonics, MTC …)`)
    : ok(subject);
}

const MEASURE_WORDS: Record<string, MeasureKind> = {
  "standardised score": "standardised", "standardised": "standardised", "standardized score": "standardised",
  "standardised age score": "standardised", "sas": "standardised",
  // Test publishers' names: NFER and Hodder "age standardised score", GL "standard age score".
  "age standardised score": "standardised", "age standardized score": "standardised", "standard age score": "standardised", "ss": "standardised", "std score": "standardised",
  "scaled score": "scaled", "scaled": "scaled", "ks2 scaled score": "scaled",
  "reading age": "readingAge", "spelling age": "spellingAge",
  "teacher assessment": "teacherAssessment", "ta": "teacherAssessment", "teacher assessment code": "teacherAssessment",
  "phonics mark": "phonicsMark", "phonics score": "phonicsMark", "mark": "phonicsMark",
  "mtc score": "mtcScore", "mtc": "mtcScore", "raw score": "rawScore", "raw": "rawScore", "score": "rawScore",
};

/**
 * Parse a measure kind from words, using the subject where the words alone are ambiguous ("Age" with
 * subject spelling is a spelling age; "Score" with subject MTC is an MTC score).
 * @example
 * parseMeasure("Standardised Score", "reading") // => { ok: true, value: "standardised" }
 * parseMeasure("Age", "spelling") // => { ok: true, value: "spellingAge" }
 */
export function parseMeasure(text: string, subject: Subject | null): Parsed<MeasureKind> {
  const folded = fold(text);
  if (folded === "age" || folded === "age months") {
    return subject === "spelling" ? ok("spellingAge") : ok("readingAge");
  }
  const measure = MEASURE_WORDS[folded];
  if (measure === undefined) return fail(`'${text.trim()}' is not a measure sendscope knows (standardised score, scaled score, reading age …)`);
  if (subject === "mtc" && (measure === "rawScore" || measure === "phonicsMark")) return ok("mtcScore");
  if (subject === "phonics" && measure === "rawScore") return ok("phonicsMark");
  return ok(measure);
}

/**
 * Split a wide-layout assessment header ("Reading Standardised Score", "maths_scaled", "Spelling Age",
 * "Writing TA", "Phonics Mark", "MTC Score") into its subject and measure, or `null` if it is not one.
 * @example
 * parseWideHeader("Reading Standardised Score") // => { subject: "reading", measure: "standardised" }
 * parseWideHeader("maths_standardised") // => { subject: "maths", measure: "standardised" }
 * parseWideHeader("ReadingAge") // => { subject: "reading", measure: "readingAge" }
 */
export function parseWideHeader(header: string): { subject: Subject; measure: MeasureKind } | null {
  const words = fold(normaliseHeader(header)).replace(/ months?$/, "").split(" ");
  for (let cut = Math.min(4, words.length - 1); cut >= 1; cut -= 1) {
    const subject = SUBJECT_WORDS[words.slice(0, cut).join(" ")];
    if (subject === undefined) continue;
    const rest = words.slice(cut).join(" ");
    const measure = parseMeasure(rest, subject);
    if (measure.ok) return { subject, measure: measure.value };
  }
  const single = SUBJECT_WORDS[words.join(" ")];
  if (single === "phonics") return { subject: "phonics", measure: "phonicsMark" };
  if (single === "mtc") return { subject: "mtc", measure: "mtcScore" };
  return null;
}

/**
 * Whether a value is a teacher-assessment code (GDS, EXS, WTS, HNM, PK1–PK6, EM …).
 * @example
 * isTeacherAssessmentCode("exs") // => true
 */
export function isTeacherAssessmentCode(text: string): boolean {
  return (TEACHER_ASSESSMENT_CODES as readonly string[]).includes(text.trim().toUpperCase());
}

/** An assessment point resolved to academic year, term and date. */
export interface ResolvedPoint {
  academicYear: string;
  term: Term;
  /** The assessment date, or the nominal date of the term when the export gave none. */
  date: string;
}

const TERM_WORDS: Array<[RegExp, Term]> = [
  [/\b(autumn|aut|au|fall)\s*[12]?\b/, "autumn"],
  [/\b(spring|spr|sp)\s*[12]?\b/, "spring"],
  [/\b(summer|sum|su)\s*[12]?\b/, "summer"],
];

/**
 * The term a piece of text names (`Autumn`, `Aut 1`, `Spring 2`, `Summer term`, `Sum 2025`, `Fall`), or null:
 * one list of term words for a term column, an assessment point and a test's name, title line or file name.
 * @example
 * termIn("NGRT Form B spring 2025") // => "spring"
 * termIn("Year 4") // => null
 */
export function termIn(text: string): Term | null {
  const lower = text.toLowerCase();
  return TERM_WORDS.find(([re]) => re.test(lower))?.[1] ?? null;
}

/**
 * The academic year (`2024/25`) that starts in a calendar year.
 * @example
 * academicYearLabel(2024) // => "2024/25"
 * academicYearLabel(2099) // => "2099/00"
 */
export function academicYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`;
}

const NOMINAL_DATE: Record<Term, (startYear: number) => string> = {
  autumn: (y) => `${y}-12-15`,
  spring: (y) => `${y + 1}-03-31`,
  summer: (y) => `${y + 1}-07-15`,
};

/**
 * The academic year (`2024/25`) a date falls in: September to August.
 * @example
 * academicYearOf("2025-03-01") // => "2024/25"
 */
export function academicYearOf(isoDate: string): string {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return academicYearLabel(month >= 9 ? year : year - 1);
}

/**
 * The term a date falls in: September–December autumn, January–March spring, April–August summer.
 * @example
 * termOf("2025-05-20") // => "summer"
 */
export function termOf(isoDate: string): Term {
  const month = Number(isoDate.slice(5, 7));
  if (month >= 9) return "autumn";
  return month <= 3 ? "spring" : "summer";
}

/**
 * Resolve an assessment point from what an export gives: a point label ("Autumn 2024", "2024/25 spring",
 * "Sum 2025"), an academic-year column, and/or a date. Calendar-year labels follow the school year: "Autumn
 * 2024" is in 2024/25, and so are "Spring 2025" and "Summer 2025".
 * @example
 * resolvePoint("Autumn 2024", null, null) // => { ok: true, value: { academicYear: "2024/25", term: "autumn", date: "2024-12-15" } }
 * resolvePoint("", "2024/25", "2025-05-12").ok // => true (summer 2024/25, dated 2025-05-12)
 */
export function resolvePoint(point: string | null, academicYear: string | null, date: string | null): Parsed<ResolvedPoint> {
  const text = (point ?? "").toLowerCase();
  let year: number | null = null;
  const yearColumn = academicYear === null ? null : parseAcademicYear(academicYear);
  if (yearColumn !== null) year = yearColumn;
  const span = /(\d{4})\s*[/-]\s*(\d{2}|\d{4})\b/.exec(text);
  if (year === null && span) year = Number(span[1]);
  const term = termIn(text) ?? (date === null ? null : termOf(date));
  if (year === null && !span) {
    const calendar = /\b(\d{4})\b/.exec(text);
    if (calendar && term !== null) year = term === "autumn" ? Number(calendar[1]) : Number(calendar[1]) - 1;
  }
  if (year === null && date !== null) year = Number(academicYearOf(date).slice(0, 4));
  if (year === null || term === null) {
    return fail(`cannot tell the assessment point from '${point ?? ""}'${academicYear ? ` and '${academicYear}'` : ""}: expected e.g. 'Autumn 2024' or '2024/25 autumn', or a date`);
  }
  return ok({ academicYear: academicYearLabel(year), term, date: date ?? NOMINAL_DATE[term](year) });
}

/**
 * Parse an academic year written `2024/25`, `2024-25`, `2024/2025` or `2024-2025` into its starting year.
 * @example
 * parseAcademicYear("2024-2025") // => 2024
 */
export function parseAcademicYear(text: string): number | null {
  const m = /^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$/.exec(text);
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  const endTwoDigits = end % 100;
  return endTwoDigits === (start + 1) % 100 ? start : null;
}

/**
 * Parse a term name ("Autumn", "Aut 1", "Spring 2", "Summer term").
 * @example
 * parseTerm("Spring 2") // => { ok: true, value: "spring" }
 */
export function parseTerm(text: string): Parsed<Term> {
  const term = termIn(text);
  return term === null ? fail(`'${text.trim()}' is not a term (expected Autumn, Spring or Summer)`) : ok(term);
}
