/**
 * What a single-subject test export says about itself outside its columns: the subject and the assessment
 * point written in a test name (`NFER Reading Test Autumn Year 4`, `PiRA 4 Summer`), a title line
 * (`GL Assessment NGRT Form B – Spring 2025`) or the file name (`NGRT-B spring 2025.csv`).
 *
 * Test families and their subjects, from the publishers' own descriptions: NFER Tests (reading, maths,
 * grammar and punctuation, spelling); Hodder PiRA (Progress in Reading Assessment), PUMA (Progress in
 * Understanding Mathematics Assessment), GAPS (Grammar and Punctuation, Spelling); GL Assessment NGRT (New
 * Group Reading Test), NGST (New Group Spelling Test), PTM (Progress Test in Maths), PTS (Progress Test in
 * Science); Renaissance Star Reading and Star Maths. GL's PTE (Progress Test in English) is an English test with
 * no one sendscope subject, so it is left to the mapping.
 */
import type { Subject, Term } from "../../schema/primitives.js";
import { academicYearLabel, termIn } from "../codes.js";

/** What one piece of text says about a test. */
export interface TestContext {
  subject: Subject | null;
  /** The test family or word the subject was read from (`NGRT`, `reading`). */
  subjectWord: string | null;
  term: Term | null;
  /** A calendar year (`2025` in `Spring 2025`). */
  calendarYear: number | null;
  /** An academic year's first calendar year (`2024` in `2024/25`). */
  academicYearStart: number | null;
  /** A test sendscope will not guess a subject for (PTE), to name in the report. */
  unmapped: string | null;
}

const FAMILIES: Array<[RegExp, Subject, string]> = [
  [/\bngrt\b/i, "reading", "NGRT"],
  [/\bngst\b/i, "spelling", "NGST"],
  [/\bpira\b/i, "reading", "PiRA"],
  [/\bpuma\b/i, "maths", "PUMA"],
  [/\bptm\d*\b/i, "maths", "PTM"],
  [/\bpts\d*\b/i, "science", "PTS"],
  [/\bstar\s+reading\b/i, "reading", "Star Reading"],
  [/\bstar\s+math(s|ematics)?\b/i, "maths", "Star Maths"],
];
const WORDS: Array<[RegExp, Subject, string]> = [
  [/\breading\b/i, "reading", "reading"],
  [/\bmath(s|ematics)\b/i, "maths", "maths"],
  [/\b(gps|spag|grammar)\b/i, "gps", "grammar, punctuation and spelling"],
  [/\bspelling\b/i, "spelling", "spelling"],
  [/\bscience\b/i, "science", "science"],
];

/**
 * Read a test's subject, term (the term words of `termIn`) and year from one piece of text (a test name, a title
 * line, a file name). Underscores, hyphens and dots count as spaces; `Year 4` is a year group, never a calendar year.
 * @example
 * testContext("NFER Reading Test Autumn Year 4") // => { subject: "reading", subjectWord: "reading", term: "autumn", calendarYear: null, academicYearStart: null, unmapped: null }
 * testContext("NGRT-B spring 2025.csv").calendarYear // => 2025
 */
export function testContext(text: string): TestContext {
  const words = text.replace(/\.(csv|tsv|txt|xlsx)$/i, "").replace(/[_.\-–]+/g, " ");
  const family = FAMILIES.find(([re]) => re.test(words));
  // A family name decides (PiRA is reading even when its title also says "Spelling age"); else the words, if
  // they name exactly one subject.
  const named = WORDS.filter(([re]) => re.test(words));
  const bySubject = new Set(named.map(([, subject]) => subject));
  const word = family ?? (bySubject.size === 1 ? named[0] : undefined);
  const term = termIn(words);
  const academic = /\b(20\d{2})\s*[/-]\s*(\d{2}|20\d{2})\b/.exec(text);
  const withoutYearGroups = words.replace(/\b(year|yr|y)\s*\d{1,2}\b/gi, " ");
  const calendar = academic === null ? /\b(20\d{2})\b/.exec(withoutYearGroups) : null;
  return {
    subject: word?.[1] ?? null,
    subjectWord: word?.[2] ?? null,
    term,
    calendarYear: calendar === null ? null : Number(calendar[1]),
    academicYearStart: academic === null ? null : Number(academic[1]),
    unmapped: /\bpte\d*\b/i.test(words) && family === undefined ? "PTE (Progress Test in English)" : null,
  };
}

/**
 * An assessment point label (`Spring 2025`, `2024/25 spring`) from a context, or null when it lacks a term
 * or a year. `yearHint` (an academic year's first calendar year) supplies the year when the text has none.
 * @example
 * pointLabel(testContext("PiRA 4 Summer"), 2024) // => "2024/25 summer"
 * pointLabel(testContext("NGRT spring 2025"), null) // => "Spring 2025"
 */
export function pointLabel(context: TestContext, yearHint: number | null): string | null {
  if (context.term === null) return null;
  const term = context.term;
  if (context.academicYearStart !== null) return `${academicYearLabel(context.academicYearStart)} ${term}`;
  if (context.calendarYear !== null) return `${term[0]!.toUpperCase()}${term.slice(1)} ${context.calendarYear}`;
  if (yearHint !== null) return `${academicYearLabel(yearHint)} ${term}`;
  return null;
}

/**
 * The first calendar year of the academic year a context names: its academic year (`2024/25`), or its term and
 * calendar year (`Spring 2025` is in 2024/25, `Autumn 2024` too); null when it says neither.
 * @example
 * academicYearStartOf(testContext("NGRT spring 2025")) // => 2024
 * academicYearStartOf(testContext("PiRA 4 Summer")) // => null
 */
export function academicYearStartOf(context: TestContext): number | null {
  if (context.academicYearStart !== null) return context.academicYearStart;
  if (context.calendarYear === null || context.term === null) return null;
  return context.term === "autumn" ? context.calendarYear : context.calendarYear - 1;
}
