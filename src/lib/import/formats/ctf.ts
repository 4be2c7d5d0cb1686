/**
 * The DfE Common Transfer File (CTF, XML), which every MIS exports, read with the streaming parser `saxes`
 * one `<Pupil>` at a time into four tables in the generic layout (`file.xml#Pupils`, `#SEN`, `#Attendance`,
 * `#StageAssessments`), which the row readers then read and check like any export. Each row's line is the line
 * of its element in the XML.
 *
 * Element names follow the DfE CTF specification as public code that writes and reads CTFs uses them:
 * `CTfile/Header/SourceSchool/{LEA, Estab}`, `CTFpupilData/Pupil/{UPN, Surname, Forename, DOB, Sex|Gender,
 * BasicDetails/NCyearActual, FSMhistory/FSMinstance/{FSMstartDate, FSMendDate}, LookedAfter/InCare,
 * SENhistory/{SEN/{StartDate, SENprovision}, SENneeds/SENneed/{SENtypeRank, SENtype}},
 * Attendance/YearData/{Year, SessionsPossible, SessionsAttended, SessionsAuthorised, SessionsUnauthorised,
 * AttendanceStartDate, AttendanceMarks}, StageAssessments/KeyStage/{Stage, StageAssessment/{Locale, Year,
 * Subject, Method, Component, ResultStatus, ResultQualifier, Result, ResultDate}}, SchoolHistory/School}`
 * (sources in `fixtures/exports/ctf-xml/NOTE.md`).
 *
 * What is read: the pupil's identity, year group, FSM, looked-after status and admission date; each SEN spell,
 * with the needs ranked 1 and 2 as primary and secondary (a need ranked 3 or lower is reported, as the SEN
 * register holds two); attendance per year, split into terms by the session marks where the file has them,
 * else by the rule of `attendance-period.ts`; stage assessments sendscope has a measure for (`CTF_RESULTS`).
 * Everything else under `<Pupil>` is reported as not read, with how many pupils had it.
 */
import { createRequire } from "node:module";
import type { SaxesParser as SaxesParserType } from "saxes";

/** saxes, loaded the first time an XML file is read (so that a folder of CSV files never pays for it). */
let saxes: { SaxesParser: typeof SaxesParserType } | undefined;
function saxesParser(): typeof SaxesParserType {
  return (saxes ??= createRequire(import.meta.url)("saxes") as { SaxesParser: typeof SaxesParserType }).SaxesParser;
}
import { attendanceCode, countMark } from "../../../data/attendance-codes.js";
import type { MeasureKind, Subject } from "../../schema/primitives.js";
import type { Problem } from "../../schema/report.js";
import { academicYearLabel, academicYearOf, termOf } from "../codes.js";
import type { CsvRows } from "../csv.js";
import { splitSessions, termShares } from "./attendance-period.js";
import { tableRows, type TableRow } from "./table.js";

/** One table of a CTF, in the generic layout. */
export interface CtfTable {
  /** `file.xml#Pupils`, `#SEN`, `#Attendance` or `#StageAssessments`. */
  name: string;
  kind: "pupils" | "senRegister" | "attendance" | "assessments";
  rows: CsvRows;
  /** Notes on this table (what was not read, how attendance was split). */
  problems: Problem[];
}

/** Why a CTF could not be read. */
export interface CtfFailure {
  reason: string;
  line: number;
}

/** An element of a pupil's subtree. */
interface Node {
  name: string;
  line: number;
  text: string;
  children: Node[];
}

const child = (node: Node | undefined, name: string): Node | undefined => node?.children.find((c) => c.name === name);
const children = (node: Node | undefined, name: string): Node[] => node?.children.filter((c) => c.name === name) ?? [];
const text = (node: Node | undefined, name: string): string => child(node, name)?.text.trim() ?? "";

/**
 * The stage assessments sendscope reads, by `Stage/Subject/Method/Component/ResultQualifier`. The MTC line is
 * the one the DfE's own MTC service writes (DFE-Digital/mtc: KS2, MAT, TT, MTC, MT); the KS2 test scaled
 * scores and writing teacher assessment follow the CTF specification's KS2 codes and should be checked against
 * a school's real CTF. Any other stage assessment is reported as not read, with its count.
 * @example
 * CTF_RESULTS["KS2/MAT/TT/MTC/MT"] // => { subject: "mtc", measure: "mtcScore" }
 */
export const CTF_RESULTS: Readonly<Record<string, { subject: Subject; measure: MeasureKind }>> = {
  "KS2/MAT/TT/MTC/MT": { subject: "mtc", measure: "mtcScore" },
  "KS2/ENG/TT/READ/SS": { subject: "reading", measure: "scaled" },
  "KS2/ENG/TT/GPS/SS": { subject: "gps", measure: "scaled" },
  "KS2/MAT/TT/MAT/SS": { subject: "maths", measure: "scaled" },
  "KS2/MAT/TT//SS": { subject: "maths", measure: "scaled" },
  "KS2/ENG/TA/WRIT/TA": { subject: "writing", measure: "teacherAssessment" },
  "KS2/ENG/TA/READ/TA": { subject: "reading", measure: "teacherAssessment" },
  "KS2/MAT/TA//TA": { subject: "maths", measure: "teacherAssessment" },
  "KS1/PHO/TT/PHO/MK": { subject: "phonics", measure: "phonicsMark" },
};

/**
 * The elements read, by their parent's path below `<Pupil>`: any other child of one of these parents is
 * reported as not read (with how many pupils had it). Elements below a parent not listed here are read whole.
 */
const READ_TREE: Readonly<Record<string, ReadonlySet<string>>> = {
  "": new Set(["UPN", "Surname", "Forename", "DOB", "Sex", "Gender", "BasicDetails", "FSMhistory", "LookedAfter", "SENhistory", "Attendance", "StageAssessments", "SchoolHistory"]),
  "BasicDetails": new Set(["NCyearActual"]),
  "FSMhistory": new Set(["FSMinstance"]),
  "FSMhistory/FSMinstance": new Set(["FSMstartDate", "FSMendDate"]),
  "LookedAfter": new Set(["InCare"]),
  "SENhistory": new Set(["SEN", "SENneeds"]),
  "SENhistory/SEN": new Set(["StartDate", "SENprovision"]),
  "SENhistory/SENneeds": new Set(["SENneed"]),
  "SENhistory/SENneeds/SENneed": new Set(["SENtypeRank", "SENtype"]),
  "Attendance": new Set(["YearData"]),
  "Attendance/YearData": new Set(["Year", "SessionsPossible", "SessionsAttended", "SessionsAuthorised", "SessionsUnauthorised", "AttendanceStartDate", "AttendanceMarks"]),
  "StageAssessments": new Set(["KeyStage"]),
  "StageAssessments/KeyStage": new Set(["Stage", "StageAssessment"]),
  "SchoolHistory": new Set(["School"]),
  "SchoolHistory/School": new Set(["Estab", "EntryDate"]),
};

/** Count, in `collector`, every element below `node` that `READ_TREE` does not read. Stage assessments are counted where they are read. */
function countUnread(node: Node, path: string, collector: Collector): void {
  const allowed = READ_TREE[path];
  if (allowed === undefined) return;
  for (const c of node.children) {
    const childPath = path === "" ? c.name : `${path}/${c.name}`;
    if (!allowed.has(c.name)) countNotRead(collector, `<${childPath.split("/").join("><")}>`, c.line);
    else if (childPath !== "StageAssessments/KeyStage/StageAssessment") countUnread(c, childPath, collector);
  }
}

const DAY = 86_400_000;

/** Sessions per term from a year's session marks (two a weekday from the start date), or why they cannot be used. */
function termsFromMarks(marks: string, start: string): Map<string, { possible: number; attended: number }> | string {
  const sums = new Map<string, { possible: number; attended: number }>();
  let t = Date.parse(`${start}T00:00:00Z`);
  if (Number.isNaN(t)) return `the attendance start date '${start}' is not a date`;
  const compact = marks.replace(/\s+/g, "");
  for (let i = 0; i < compact.length; i += 2) {
    while ([0, 6].includes(new Date(t).getUTCDay())) t += DAY;
    const iso = new Date(t).toISOString().slice(0, 10);
    const key = `${academicYearOf(iso)}|${termOf(iso)}`;
    const sum = sums.get(key) ?? { possible: 0, attended: 0 };
    for (const mark of compact.slice(i, i + 2)) {
      const code = attendanceCode(mark);
      if (code === undefined) return `the session mark '${mark}' is not a DfE attendance code`;
      countMark(sum, code);
    }
    sums.set(key, sum);
    t += DAY;
  }
  return sums;
}

interface Collector {
  pupils: TableRow[];
  sen: TableRow[];
  attendance: TableRow[];
  assessments: TableRow[];
  notRead: Map<string, { count: number; line: number; why: string }>;
  notes: { pupils: Problem[]; sen: Problem[]; attendance: Problem[]; assessments: Problem[] };
}

function countNotRead(collector: Collector, what: string, line: number, why = "sendscope has no field for it"): void {
  const entry = collector.notRead.get(what);
  if (entry === undefined) collector.notRead.set(what, { count: 1, line, why });
  else entry.count += 1;
}

/** The words the long layout's measure column is read with (`parseMeasure`). */
const MEASURE_WORDS: Record<MeasureKind, string> = {
  scaled: "scaled score", standardised: "standardised score", readingAge: "reading age", spellingAge: "spelling age",
  teacherAssessment: "teacher assessment", phonicsMark: "phonics mark", mtcScore: "mtc score", rawScore: "raw score",
};

/** The day before an ISO date. */
function dayBefore(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
}

function readPupil(file: string, pupil: Node, header: { estab: string; date: string }, collector: Collector): void {
  const upn = text(pupil, "UPN");
  countUnread(pupil, "", collector);
  const basic = child(pupil, "BasicDetails");
  const fsmHistory = child(pupil, "FSMhistory");
  const instances = children(fsmHistory, "FSMinstance");
  const fsm = fsmHistory === undefined ? ""
    : instances.some((i) => text(i, "FSMstartDate") <= header.date && (text(i, "FSMendDate") === "" || text(i, "FSMendDate") >= header.date)) ? "Yes" : "No";
  const inCare = text(child(pupil, "LookedAfter"), "InCare");
  const schools = children(child(pupil, "SchoolHistory"), "School");
  const here = schools.find((s) => text(s, "Estab") === header.estab && header.estab !== "");
  collector.pupils.push({
    line: pupil.line,
    fields: [upn, text(pupil, "Surname"), text(pupil, "Forename"), text(pupil, "DOB"), text(pupil, "Sex") || text(pupil, "Gender"),
      text(basic, "NCyearActual"), fsm, inCare === "" ? "" : /^(true|1|y|yes)$/i.test(inCare) ? "Yes" : "No", text(here, "EntryDate")],
  });

  // SEN: each spell, ended the day before the next starts; needs ranked 1 and 2.
  const history = child(pupil, "SENhistory");
  if (history !== undefined) {
    const needs = children(child(history, "SENneeds"), "SENneed")
      .map((n) => ({ rank: Number(text(n, "SENtypeRank")), type: text(n, "SENtype"), line: n.line }))
      .sort((a, b) => a.rank - b.rank);
    for (const need of needs.filter((n) => !(n.rank === 1 || n.rank === 2))) {
      collector.notes.sen.push({
        file: `${file}#SEN`, line: need.line, column: "SENtype", severity: "warning", code: "ctf-need-not-read",
        message: `${upn}'s need ${need.type} ranked ${Number.isNaN(need.rank) ? "(no rank)" : need.rank} is not read: the SEN register holds a primary (rank 1) and a secondary (rank 2) need`,
      });
    }
    const primary = needs.find((n) => n.rank === 1)?.type ?? "";
    const secondary = needs.find((n) => n.rank === 2)?.type ?? "";
    const spells = children(history, "SEN").sort((a, b) => text(a, "StartDate").localeCompare(text(b, "StartDate")));
    spells.forEach((spell, i) => {
      const status = text(spell, "SENprovision");
      const next = spells[i + 1];
      const end = next === undefined || text(next, "StartDate") === "" ? "" : dayBefore(text(next, "StartDate"));
      const withNeeds = status === "K" || status === "E";
      collector.sen.push({ line: spell.line, fields: [upn, status, withNeeds ? primary : "", withNeeds ? secondary : "", text(spell, "StartDate"), end] });
    });
  }

  // Attendance per year: by the session marks where they add up, else split by the period rule.
  for (const year of children(child(pupil, "Attendance"), "YearData")) {
    const start = Number(text(year, "Year"));
    const possible = Number(text(year, "SessionsPossible"));
    const attendedText = text(year, "SessionsAttended");
    const attended = attendedText !== "" ? Number(attendedText)
      : possible - Number(text(year, "SessionsAuthorised") || "0") - Number(text(year, "SessionsUnauthorised") || "0");
    if (!Number.isInteger(start) || start < 1990 || !Number.isInteger(possible) || !Number.isInteger(attended)) {
      collector.notes.attendance.push({
        file: `${file}#Attendance`, line: year.line, column: null, severity: "error", code: "ctf-attendance-unreadable",
        message: `${upn}'s attendance for year '${text(year, "Year")}' has no whole-number Year, SessionsPossible and sessions attended (or authorised and unauthorised); not read`,
      });
      continue;
    }
    const marks = text(year, "AttendanceMarks");
    const fromMarks = marks === "" ? null : termsFromMarks(marks, text(year, "AttendanceStartDate"));
    const marksTotal = fromMarks === null || typeof fromMarks === "string" ? -1 : [...fromMarks.values()].reduce((a, s) => a + s.possible, 0);
    if (fromMarks !== null && typeof fromMarks !== "string" && marksTotal === possible) {
      for (const [key, sum] of fromMarks) {
        if (sum.possible === 0) continue;
        const [academicYear, term] = key.split("|");
        collector.attendance.push({ line: year.line, fields: [upn, academicYear!, term!, String(sum.possible), String(sum.attended)] });
      }
      continue;
    }
    const shares = termShares(`${start}-09-01`, `${start + 1}-07-31`);
    for (const part of splitSessions(shares, possible, attended)) {
      collector.attendance.push({ line: year.line, fields: [upn, part.academicYear, part.term, String(part.possible), String(part.attended)] });
    }
    collector.notes.attendance.push({
      file: `${file}#Attendance`, line: year.line, column: null, severity: "warning", code: "ctf-attendance-split",
      message: `${upn}'s ${academicYearLabel(start)} attendance (${possible} possible, ${attended} attended) was split into terms by their share of weekdays` +
        (fromMarks === null ? " (the file has no session marks)"
          : typeof fromMarks === "string" ? ` (the session marks were not used: ${fromMarks})`
          : ` (the session marks give ${marksTotal} possible sessions, not ${possible})`),
    });
  }

  // Stage assessments sendscope has a measure for.
  for (const keyStage of children(child(pupil, "StageAssessments"), "KeyStage")) {
    const stage = text(keyStage, "Stage");
    for (const result of children(keyStage, "StageAssessment")) {
      const key = [stage, text(result, "Subject"), text(result, "Method"), text(result, "Component"), text(result, "ResultQualifier")].join("/");
      const known = CTF_RESULTS[key];
      if (known === undefined) {
        countNotRead(collector, `<StageAssessment> ${key}`, result.line, "sendscope has no measure for this stage, subject, method, component and qualifier");
        continue;
      }
      collector.assessments.push({
        line: result.line,
        fields: [upn, known.subject, MEASURE_WORDS[known.measure], `Summer ${text(result, "Year")}`, text(result, "ResultDate"), text(result, "Result")],
      });
    }
  }
}

/**
 * Read a CTF into tables in the generic layout (see the module comment), with a problem for everything not read.
 * @param file the file's name relative to the folder
 * @param xml the file's text
 * @returns the four tables (empty ones left out), or why the XML cannot be read
 * @example
 * // One pupil with one SEN support spell from 1 September 2024 and SLCN as the need ranked 1; no attendance
 * // or stage assessments, so those tables are left out.
 * const xmlText = "<CTfile><Header><DateTime>2025-07-18T10:00:00</DateTime></Header><CTFpupilData><Pupil>" +
 *   "<UPN>X201300125001</UPN><Surname>Lee</Surname><Forename>Ada</Forename><DOB>2017-02-28</DOB><Sex>F</Sex>" +
 *   "<SENhistory><SEN><StartDate>2024-09-01</StartDate><SENprovision>K</SENprovision></SEN>" +
 *   "<SENneeds><SENneed><SENtypeRank>1</SENtypeRank><SENtype>SLCN</SENtype></SENneed></SENneeds></SENhistory>" +
 *   "</Pupil></CTFpupilData></CTfile>";
 * const tables = readCtf("ctf.xml", xmlText);
 * if (!("reason" in tables)) tables.map((t) => t.name) // => ["ctf.xml#Pupils", "ctf.xml#SEN"]
 * const sen = [];
 * if (!("reason" in tables)) tables[1].rows.forEachRow((line, fields) => sen.push([...fields]));
 * sen // => [["X201300125001", "K", "SLCN", "", "2024-09-01", ""]]
 * "reason" in readCtf("other.xml", "<Other><Pupil/></Other>") // => true (not a CTF)
 */
export function readCtf(file: string, xml: string): CtfTable[] | CtfFailure {
  const SaxesParser = saxesParser();
  const parser = new SaxesParser({ xmlns: false, position: true });
  const collector: Collector = {
    pupils: [], sen: [], attendance: [], assessments: [], notRead: new Map(),
    notes: { pupils: [], sen: [], attendance: [], assessments: [] },
  };
  const path: string[] = [];
  const header = { estab: "", date: "9999-12-31" };
  let headerText = "";
  let stack: Node[] = [];
  let root = "";
  let pupilsSeen = 0;
  let failure: CtfFailure | null = null;
  parser.on("error", (error) => {
    failure ??= { reason: `the XML is not well formed (${error.message.replace(/^.*?:\d+:\d+: /, "")})`, line: parser.line };
  });
  parser.on("opentag", (tag) => {
    if (path.length === 0) root = tag.name;
    path.push(tag.name);
    const node: Node = { name: tag.name, line: parser.line, text: "", children: [] };
    if (tag.name === "Pupil" && stack.length === 0) {
      stack = [node];
      return;
    }
    if (stack.length > 0) {
      stack[stack.length - 1]!.children.push(node);
      stack.push(node);
    }
    headerText = "";
  });
  parser.on("text", (t) => {
    if (stack.length > 0) stack[stack.length - 1]!.text += t;
    else headerText += t;
  });
  parser.on("closetag", () => {
    const where = path.join("/");
    path.pop();
    if (stack.length > 0) {
      const node = stack.pop()!;
      if (stack.length === 0 && node.name === "Pupil") {
        pupilsSeen += 1;
        readPupil(file, node, header, collector);
      }
      return;
    }
    if (where.endsWith("Header/SourceSchool/Estab")) header.estab = headerText.trim();
    if (where.endsWith("Header/DateTime") && /^\d{4}-\d{2}-\d{2}/.test(headerText.trim())) header.date = headerText.trim().slice(0, 10);
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    failure ??= { reason: `the XML is not well formed (${(error as Error).message.replace(/^.*?:\d+:\d+: /, "")})`, line: parser.line };
  }
  if (failure !== null) return failure;
  if (root !== "CTfile" || pupilsSeen === 0) {
    return { reason: root !== "CTfile" ? `the XML's root element is <${root}>, not <CTfile>: sendscope reads XML only as a DfE Common Transfer File` : "the CTF holds no <Pupil>, so there is nothing to import: if it should hold pupils, make the CTF again in the MIS", line: 1 };
  }
  const pupilNotes = collector.notes.pupils;
  for (const [what, { count, line, why }] of collector.notRead) {
    pupilNotes.push({
      file: `${file}#Pupils`, line, column: null, severity: "warning", code: "ctf-not-read",
      message: `${what}: not read for ${count} pupil${count === 1 ? "" : "s"} (${why}); the first is on this line`,
    });
  }
  const tables: CtfTable[] = [
    { name: `${file}#Pupils`, kind: "pupils", rows: tableRows(["upn", "surname", "forename", "date_of_birth", "gender", "year_group", "fsm", "looked_after", "admission_date"], collector.pupils), problems: pupilNotes },
    { name: `${file}#SEN`, kind: "senRegister", rows: tableRows(["upn", "sen_status", "primary_need", "secondary_need", "start_date", "end_date"], collector.sen), problems: collector.notes.sen },
    { name: `${file}#Attendance`, kind: "attendance", rows: tableRows(["upn", "academic_year", "term", "possible_sessions", "attended_sessions"], collector.attendance), problems: collector.notes.attendance },
    { name: `${file}#StageAssessments`, kind: "assessments", rows: tableRows(["upn", "subject", "measure", "assessment_point", "date", "value"], collector.assessments), problems: collector.notes.assessments },
  ];
  return tables.filter((t) => t.rows.rowCount > 0 || t.problems.length > 0);
}
