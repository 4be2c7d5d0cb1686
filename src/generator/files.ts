/**
 * Turn one generated school into its export files (headers from `headerFor`, values in each MIS's style) and,
 * when asked, plant exactly the eight deliberate problems listed in `fixtures/sample-school/README.md`,
 * recording each one's file, line and column in `expected-problems.json`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FileKind } from "../lib/schema/report.js";
import type { MeasureKind, Subject, Term } from "../lib/schema/primitives.js";
import { headerFor, type KnownLayout } from "../lib/import/layouts.js";
import type { AssessmentResult } from "./assessments.js";
import type { AttendanceResult } from "./attendance.js";
import { AS_AT, EXPORT_START_YEAR, dayNumber, isoDate, ukDate, type TermInfo } from "./calendar.js";
import { writeCsv, type CsvFormat } from "./csv.js";
import type { Placement } from "./interventions.js";
import { FORENAMES_F, SURNAMES } from "./names.js";
import { hashKeys, type Rng } from "./random.js";
import { senStatusOn, type PupilModel, type SchoolModel } from "./school.js";
import type { SuspensionResult } from "./suspensions.js";
import type { TargetResult } from "./targets.js";
import type { EhcRequestResult } from "./ehc-requests.js";
import { withWrongCheckLetter } from "./upn.js";

/** Everything generated for one school. */
export interface SchoolEvents {
  school: SchoolModel;
  placements: Placement[];
  assessments: AssessmentResult[];
  attendance: AttendanceResult[];
  suspensions: SuspensionResult[];
  targets: TargetResult[];
  /** EHC needs assessment requests (issue #18). */
  ehcRequests: EhcRequestResult[];
}

/** One deliberate problem, as the importer should report it. */
export interface ExpectedProblem {
  file: string;
  line: number;
  column: string;
  severity: "error" | "warning";
  code: string;
}

/** What `writeSchoolFiles` wrote. */
export interface WrittenFiles {
  files: string[];
  expected: ExpectedProblem[];
}

/** File names and formats of the export set. */
export const FILES = {
  pupils: { name: "sims-pupils.csv", format: { encoding: "windows-1252", bom: false, eol: "\r\n" } },
  sen: { name: "sims-sen-register.csv", format: { encoding: "utf8", bom: true, eol: "\r\n" } },
  assessments: { name: "arbor-assessments.csv", format: { encoding: "utf8", bom: false, eol: "\n" } },
  standardised: { name: "nfer-standardised-wide.csv", format: { encoding: "utf8", bom: false, eol: "\n" } },
  interventions: { name: "arbor-interventions.csv", format: { encoding: "utf8", bom: false, eol: "\n" } },
  attendance: { name: "sims-attendance.csv", format: { encoding: "utf16le", bom: true, eol: "\r\n" } },
  suspensions: { name: "arbor-suspensions.csv", format: { encoding: "utf8", bom: false, eol: "\n" } },
  targets: { name: "targets.csv", format: { encoding: "utf8", bom: false, eol: "\n" } },
  ehcRequests: { name: "ehc-requests.csv", format: { encoding: "utf8", bom: true, eol: "\r\n" } },
} as const satisfies Record<string, { name: string; format: CsvFormat }>;

/** The name of the expected-problems file. */
export const EXPECTED_PROBLEMS_FILE = "expected-problems.json";

const yn = (b: boolean): string => (b ? "Yes" : "No");
const yearLabel = (yg: number): string => (yg === 0 ? "Reception" : `Year ${yg}`);
const termWord = (t: Term): string => t.charAt(0).toUpperCase() + t.slice(1);
/** Arbor-style point: "Autumn 2024" is autumn 2024/25, "Spring 2025" spring 2024/25. */
const arborPoint = (t: TermInfo): string => `${termWord(t.term)} ${t.term === "autumn" ? t.startYear : t.startYear + 1}`;
const SUBJECT_WORDS: Readonly<Partial<Record<Subject, string>>> = {
  reading: "Reading", writing: "Writing", maths: "Maths", gps: "GPS", phonics: "Phonics",
  mtc: "Multiplication Tables Check",
};
const MEASURE_WORDS: Readonly<Partial<Record<MeasureKind, string>>> = {
  standardised: "Standardised Score", scaled: "Scaled Score", readingAge: "Reading Age",
  teacherAssessment: "Teacher Assessment", phonicsMark: "Phonics Mark", mtcScore: "MTC Score",
};
const word = <K extends string>(table: Readonly<Partial<Record<K, string>>>, key: K): string => {
  const w = table[key];
  if (w === undefined) throw new Error(`files: no word for ${key}`);
  return w;
};
/** Reading age as "8y 2m". */
const yearsMonths = (months: number): string => `${Math.floor(months / 12)}y ${months % 12}m`;

/** Code-unit string order (locale-free, so the output is the same on every machine). */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const headers = (kind: FileKind, layout: KnownLayout, fields: readonly string[]): string[] =>
  fields.map((f) => headerFor(kind, f, layout));

/**
 * Write the school's files into `dir`; with `problems`, plant the deliberate problems and write
 * `expected-problems.json`. Returns the file names written (data files first) and the planted problems.
 * @example
 * writeSchoolFiles("/tmp/s", events, rng, true).files // => ["sims-pupils.csv", …, "expected-problems.json"]
 */
export function writeSchoolFiles(dir: string, ev: SchoolEvents, rng: Rng, problems: boolean): WrittenFiles {
  mkdirSync(dir, { recursive: true });
  const expected: ExpectedProblem[] = [];
  const { pupils } = ev.school;
  const yg = (p: PupilModel): number => (p.leaving === null ? EXPORT_START_YEAR - p.entryYear : 6);
  const order = pupils.slice().sort((a, b) =>
    (a.leaving === null ? 0 : 1) - (b.leaving === null ? 0 : 1) || b.entryYear - a.entryYear
    || cmp(a.surname, b.surname) || cmp(a.forename, b.forename) || a.index - b.index);
  const rank = new Map(order.map((p, i) => [p, i]));
  const byPupil = (a: PupilModel, b: PupilModel): number => (rank.get(a) ?? 0) - (rank.get(b) ?? 0);
  const maxMisId = Math.max(...pupils.map((p) => Number(p.misId)));
  let misCounter = maxMisId;
  const freshMisId = (): string => String(++misCounter).padStart(6, "0");

  // --- pupils (SIMS, Windows-1252, CRLF) ---
  const pupilFields = ["upn", "misId", "surname", "forename", "dateOfBirth", "gender", "yearGroup", "fsm",
    "disadvantaged", "eal", "lookedAfter", "admissionDate", "leavingDate", "registrationClass"];
  const pupilHeader = headers("pupils", "sims", pupilFields);
  const pupilRow = (p: PupilModel, dob = p.dob, upn = p.upn, misId = p.misId): string[] => [
    upn, misId, p.surname, p.forename, ukDate(dob), p.gender, yearLabel(yg(p)), yn(p.fsm), yn(p.disadvantaged),
    yn(p.eal), yn(p.lookedAfter), ukDate(p.admission), p.leaving === null ? "" : ukDate(p.leaving),
    registrationClass(yg(p), p.index),
  ];
  const pupilRows = order.map((p) => pupilRow(p));
  if (problems) {
    // 1. a pupil whose UPN has a wrong check letter (a made-up Year 2 pupil with no other rows)
    const template = order.find((p) => p.leaving === null && yg(p) === 2 && !p.everSen) ?? order[0];
    if (template !== undefined) {
      const ghost: PupilModel = {
        ...template, forename: rng.pick(FORENAMES_F), surname: rng.pick(SURNAMES), gender: "F", fsm: false,
        disadvantaged: false, eal: false, lookedAfter: false, dob: template.dob + rng.int(-40, 40),
      };
      const bornLo = dayNumber(`${template.entryYear - 5}-09-01`);
      const bornHi = dayNumber(`${template.entryYear - 4}-08-31`);
      ghost.dob = Math.min(bornHi, Math.max(bornLo, ghost.dob));
      const row = pupilRow(ghost, ghost.dob, withWrongCheckLetter(ev.school.nextUpn()), freshMisId());
      const at = pupilRows.findIndex((r, i) => {
        const p = order[i];
        return p !== undefined && yg(p) === 2 && p.leaving === null && cmp(p.surname, ghost.surname) > 0;
      });
      const insertAt = at >= 0 ? at : pupilRows.length;
      pupilRows.splice(insertAt, 0, row);
      expected.push({ file: FILES.pupils.name, line: insertAt + 2, column: pupilHeader[0] ?? "", severity: "error", code: "upn-check-letter" });
    }
    // 2. the same pupil repeated at the end with a different date of birth (same birth year window)
    const dup = order.find((p) => p.leaving === null && yg(p) === 4 && !p.everSen);
    if (dup !== undefined) {
      const bornHi = dayNumber(`${dup.entryYear - 4}-08-31`);
      const other = dup.dob + 31 <= bornHi ? dup.dob + 31 : dup.dob - 31;
      pupilRows.push(pupilRow(dup, other));
      expected.push({ file: FILES.pupils.name, line: pupilRows.length + 1, column: pupilHeader[4] ?? "", severity: "error", code: "duplicate-pupil" });
    }
  }
  writeCsv(join(dir, FILES.pupils.name), pupilHeader, pupilRows, FILES.pupils.format);

  // --- SEN register (SIMS, UTF-8 with BOM, CRLF) ---
  const senFields = ["upn", "misId", "senStatus", "primaryNeed", "secondaryNeed", "startDate", "endDate",
    "ehcPlanDate", "lastAnnualReview"];
  const senHeader = headers("senRegister", "sims", senFields);
  const spells = order.flatMap((p) => p.spells.slice().sort((a, b) => a.start - b.start).map((s) => ({ p, s })));
  const senRows = spells.map(({ p, s }) => [
    p.upn, p.misId, s.status, s.primaryNeed ?? "", s.secondaryNeed ?? "", ukDate(s.start),
    s.end === null ? "" : ukDate(s.end), s.ehcPlanDate === null ? "" : ukDate(s.ehcPlanDate),
    s.lastAnnualReview === null ? "" : ukDate(s.lastAnnualReview),
  ]);
  if (problems) {
    // 5. an EHC plan spell written with the legacy code S (statement): the oldest plan
    let oldest = -1;
    spells.forEach(({ s }, i) => {
      const o = spells[oldest]?.s.ehcPlanDate ?? Infinity;
      if (s.status === "E" && s.ehcPlanDate !== null && s.ehcPlanDate < o) oldest = i;
    });
    const row = senRows[oldest];
    if (row !== undefined) {
      row[2] = "S";
      expected.push({ file: FILES.sen.name, line: oldest + 2, column: senHeader[2] ?? "", severity: "warning", code: "legacy-sen-status" });
    }
    // 8. an open SEN support spell with no primary need
    const k = spells.findIndex(({ p, s }) => s.status === "K" && s.end === null && p.leaving === null
      && s.secondaryNeed === null && s.primaryNeed !== null && s.primaryNeed !== "NSA" && senStatusOn(p, AS_AT) === "K");
    const kRow = senRows[k];
    if (kRow !== undefined) {
      kRow[3] = "";
      expected.push({ file: FILES.sen.name, line: k + 2, column: senHeader[3] ?? "", severity: "warning", code: "missing-need" });
    }
  }
  writeCsv(join(dir, FILES.sen.name), senHeader, senRows, FILES.sen.format);

  // --- assessments, long (Arbor, UTF-8, LF): everything but the termly standardised scores ---
  const assessFields = ["upn", "misId", "subject", "measure", "point", "academicYear", "date", "value"];
  const assessHeader = headers("assessments", "arbor", assessFields);
  const long = ev.assessments
    .filter((a) => a.measure !== "standardised")
    .sort((a, b) => byPupil(a.pupil, b.pupil) || a.date - b.date || cmp(a.subject, b.subject));
  const assessRows = long.map((a) => [
    a.pupil.upn, a.pupil.misId, word(SUBJECT_WORDS, a.subject), word(MEASURE_WORDS, a.measure), arborPoint(a.term),
    a.term.academicYear, isoDate(a.date),
    a.grade ?? (a.measure === "readingAge" ? yearsMonths(a.score ?? 0) : String(a.score ?? "")),
  ]);
  if (problems) {
    // 4. an impossible date on a spring 2024/25 reading age
    const candidates = long.map((a, i) => ({ a, i })).filter(({ a }) => a.term.index === 4 && a.measure === "readingAge");
    const pick = candidates[Math.floor(candidates.length / 2)];
    const row = pick === undefined ? undefined : assessRows[pick.i];
    if (pick !== undefined && row !== undefined) {
      row[6] = "2025-02-31";
      expected.push({ file: FILES.assessments.name, line: pick.i + 2, column: assessHeader[6] ?? "", severity: "error", code: "bad-date" });
    }
  }
  writeCsv(join(dir, FILES.assessments.name), assessHeader, assessRows, FILES.assessments.format);

  // --- termly standardised scores, wide (generic-style, UTF-8, LF) ---
  const readingCol = `${"reading" satisfies Subject}_${"standardised" satisfies MeasureKind}`;
  const mathsCol = `${"maths" satisfies Subject}_${"standardised" satisfies MeasureKind}`;
  const wideHeader = [headerFor("assessments", "upn", "generic"), headerFor("assessments", "point", "generic"),
    headerFor("assessments", "date", "generic"), readingCol, mathsCol];
  // (measured interventions: the EHC plan support of issue #15, code AAS, has no test of its own)
  const inIntervention = new Set(ev.placements.filter((x) => x.spec.code !== "AAS").map((x) => x.pupil));
  const cells = new Map<string, { p: PupilModel; t: TermInfo; reading: string; maths: string }>();
  for (const a of ev.assessments) {
    if (a.measure !== "standardised") continue;
    const key = `${a.pupil.index}:${a.term.index}`;
    const cell = cells.get(key) ?? { p: a.pupil, t: a.term, reading: "", maths: "" };
    // about 1.5% of tests missed (absent on the day), never for pupils in interventions
    const missed = !inIntervention.has(a.pupil) && rng.chance(0.015);
    if (a.subject === "reading" && !missed) cell.reading = String(a.score ?? "");
    if (a.subject === "maths" && !missed) cell.maths = String(a.score ?? "");
    cells.set(key, cell);
  }
  const wide = [...cells.values()]
    .filter((c) => c.reading !== "" || c.maths !== "")
    .sort((a, b) => a.t.index - b.t.index || byPupil(a.p, b.p));
  const wideRows = wide.map((c) => [c.p.upn, `${c.t.academicYear} ${c.t.term}`, isoDate(c.t.assessment), c.reading, c.maths]);
  if (problems) {
    // 3. a standardised score of 412 (a typo for 112, or for a score near it)
    const i = wide.findIndex((c, j) => j > wide.length / 3 && !inIntervention.has(c.p) && c.reading === "112");
    const at = i >= 0 ? i : wide.findIndex((c) => c.reading !== "");
    const row = wideRows[at];
    if (row !== undefined) {
      row[3] = "412";
      expected.push({ file: FILES.standardised.name, line: at + 2, column: readingCol, severity: "error", code: "out-of-range" });
    }
  }
  writeCsv(join(dir, FILES.standardised.name), wideHeader, wideRows, FILES.standardised.format);

  // --- interventions (Arbor, UTF-8, LF) ---
  const intFields = ["upn", "misId", "intervention", "group", "startDate", "endDate", "sessionsPlanned",
    "sessionsAttended", "minutesPerSession", "staff", "cost", "measure", "entryScore", "entryDate", "exitScore",
    "exitDate", "exitTarget"];
  const intHeader = headers("interventions", "arbor", intFields);
  const num = (x: number | null): string => (x === null ? "" : String(x));
  const day = (x: number | null): string => (x === null ? "" : isoDate(x));
  const placementRow = (x: Placement, upn = x.pupil.upn, misId = x.pupil.misId): string[] => [
    upn, misId, x.spec.name, x.group, isoDate(x.start), isoDate(x.end), String(x.spec.sessionsPlanned),
    String(x.sessionsAttended), String(x.spec.minutesPerSession), x.staff, String(x.cost),
    x.spec.measure === null ? "" : word(MEASURE_WORDS, x.spec.measure), num(x.entryScore), day(x.entryDate),
    num(x.exitScore), day(x.exitDate), num(x.exitTarget),
  ];
  const intRows = ev.placements.map((x) => placementRow(x));
  if (problems) {
    // 7. a place for a pupil with a valid UPN who is not in the pupils file (in the last Comprehension club)
    const last = ev.placements.map((x, i) => ({ x, i })).filter(({ x }) => x.spec.code === "CC").at(-1);
    if (last !== undefined) {
      const row = placementRow(last.x, ev.school.nextUpn(), freshMisId());
      const entry = last.x.entryScore ?? 95;
      row[7] = String(last.x.spec.sessionsPlanned - 2);
      row[12] = String(entry - 6);
      row[14] = String(entry - 4);
      row[16] = String(entry - 1);
      intRows.splice(last.i + 1, 0, row);
      expected.push({ file: FILES.interventions.name, line: last.i + 3, column: intHeader[0] ?? "", severity: "error", code: "unknown-pupil" });
    }
  }
  writeCsv(join(dir, FILES.interventions.name), intHeader, intRows, FILES.interventions.format);

  // --- attendance (SIMS, UTF-16LE with BOM, CRLF) ---
  const attFields = ["upn", "misId", "academicYear", "term", "possibleSessions", "attendedSessions"];
  const attHeader = headers("attendance", "sims", attFields);
  const att = ev.attendance.slice().sort((a, b) => a.term.index - b.term.index || byPupil(a.pupil, b.pupil));
  const attRows = att.map((a) => [a.pupil.upn, a.pupil.misId, a.term.academicYear, termWord(a.term.term),
    String(a.possible), String(a.attended)]);
  if (problems) {
    // 6. attended more sessions than were possible
    const i = Math.floor(attRows.length * 0.6);
    const row = attRows[i];
    const a = att[i];
    if (row !== undefined && a !== undefined) {
      row[5] = String(a.possible + 3);
      expected.push({ file: FILES.attendance.name, line: i + 2, column: attHeader[5] ?? "", severity: "error", code: "attended-exceeds-possible" });
    }
  }
  writeCsv(join(dir, FILES.attendance.name), attHeader, attRows, FILES.attendance.format);

  // --- suspensions (Arbor, UTF-8, LF) ---
  const susHeader = headers("suspensions", "arbor", ["upn", "misId", "startDate", "days", "suspensionType", "reason"]);
  writeCsv(join(dir, FILES.suspensions.name), susHeader, ev.suspensions.map((s) => [
    s.pupil.upn, s.pupil.misId, isoDate(s.start), s.permanent ? "" : String(s.days),
    s.permanent ? "Permanent Exclusion" : "Suspension", s.reason,
  ]), FILES.suspensions.format);

  // --- targets (generic, UTF-8, LF) ---
  const tgtHeader = headers("targets", "generic", ["upn", "subject", "measure", "target", "targetDate"]);
  const targets = ev.targets.slice().sort((a, b) => byPupil(a.pupil, b.pupil) || cmp(a.subject, b.subject));
  writeCsv(join(dir, FILES.targets.name), tgtHeader, targets.map((t) => [
    t.pupil.upn, word(SUBJECT_WORDS, t.subject), word(MEASURE_WORDS, t.measure), t.target, isoDate(t.date),
  ]), FILES.targets.format);

  // --- EHC needs assessment requests (SIMS-style captions, UK dates, UTF-8 with BOM, CRLF) ---
  const ehcHeader = headers("ehcRequests", "sims", ["upn", "requestDate", "decision", "decisionDate", "outcome", "outcomeDate"]);
  const ehcWords = { agreed: "Agreed", refused: "Refused", pending: "" } as const;
  const ehcOutcomes = { issued: "Final plan issued", notIssued: "Refused to issue" } as const;
  const ehcRequests = ev.ehcRequests.slice().sort((a, b) => byPupil(a.pupil, b.pupil) || a.requested - b.requested);
  writeCsv(join(dir, FILES.ehcRequests.name), ehcHeader, ehcRequests.map((r) => [
    r.pupil.upn, ukDate(r.requested), ehcWords[r.decision], r.decided === null ? "" : ukDate(r.decided),
    r.outcome === null ? "" : ehcOutcomes[r.outcome], r.outcomeDate === null ? "" : ukDate(r.outcomeDate),
  ]), FILES.ehcRequests.format);

  const written: string[] = Object.values(FILES).map((f) => f.name);
  if (problems) {
    expected.sort((a, b) => cmp(a.file, b.file) || a.line - b.line);
    writeFileSync(join(dir, EXPECTED_PROBLEMS_FILE), JSON.stringify(expected, null, 2) + "\n");
    written.push(EXPECTED_PROBLEMS_FILE);
  }
  return { files: written, expected };
}

/**
 * A pupil's registration class in the sample: two classes per year group ("3A", "3B"; Reception "RA", "RB"),
 * chosen by a hash of the pupil's index (seeded, and drawn from no stream, so no other figure of the sample
 * changes). A leaver's is the Year 6 class they left from.
 * @example
 * ["3A", "3B"].includes(registrationClass(3, 17)) // => true
 */
export function registrationClass(yearGroup: number, index: number): string {
  const letter = (hashKeys([index, 0x18c1a55]) & 1) === 0 ? "A" : "B";
  return `${yearGroup === 0 ? "R" : String(yearGroup)}${letter}`;
}
