/**
 * Link every file's rows into one `SchoolData`: find duplicate and conflicting pupils, tie every record to a
 * pupil on the pupil list (by UPN, else MIS id with leading zeros ignored), and reject rows that name no known
 * pupil. Nothing is merged silently: a rejected row gets an error naming the row it clashes with. One pupil
 * list is the roster (`rosterOf`); names and dates of birth elsewhere (a second list, a results file's name
 * columns) are checked against it, and a disagreement is a warning, never a rejection of the roster's rows.
 */
import type { Pupil, SenRecord } from "../schema/records.js";
import type { FileKind, Problem } from "../schema/report.js";
import type { SchoolData } from "../schema/school-data.js";
import { academicYearOf } from "./codes.js";
import { fileReport, identityOf, missingColumnProblem, readRows, takeRows, type AcceptedRow, type FileImport, type OpenedExport, type RowTaker } from "./import-file.js";
import { missingNeeded, settleClassColumns } from "./unread-columns.js";
import { parseDateInOrder } from "./values.js";
import type { PupilKey } from "./row-reader.js";
import type { Draft } from "./rows/draft.js";

/** Options for linking. */
export interface LinkOptions {
  /**
   * The academic year the pupil list's year groups refer to (pupils without a leaving date). Default: the
   * latest academic year found in the data.
   */
  academicYear?: string;
}

const PUPIL_FIELDS_COMPARED = ["forename", "surname", "dateOfBirth", "gender", "yearGroup", "misId"] as const;
const FIELD_WORDS: Record<string, string> = {
  forename: "forename", surname: "surname", dateOfBirth: "date of birth", gender: "gender", yearGroup: "year group",
  misId: "MIS id", school: "school",
};

/**
 * An MIS id as the pupil list is searched by: leading zeros dropped, since a spreadsheet re-save turns
 * admission number `001234` into `1234` in one file and not in another.
 * @example
 * misIdKey("001234") // => "1234"
 * misIdKey("0") // => "0"
 */
export function misIdKey(misId: string): string {
  let zeros = 0;
  while (zeros < misId.length - 1 && misId.charCodeAt(zeros) === 48) zeros += 1;
  return zeros === 0 ? misId : misId.slice(zeros);
}

/**
 * The roster among a school's pupil lists: the one with the most pupil fields (columns read) among those
 * with rows, then the most rows, then the first by name, so the choice never depends on which file is read first. Its rows are
 * the pupil list; the rows of any other pupil list are checked against it (see `linkPupils`).
 * @example
 * // Two pupil lists of the same pupil: the second has more pupil fields (date of birth and gender too).
 * const read = (file, text) => readRows(openExport(file, new TextEncoder().encode(text)));
 * const contacts = read("contacts.csv", "UPN,Surname,Forename\nX201300125001,Lee,Ada\n");
 * const simsPupils = read("sims-pupils.csv", "UPN,Surname,Forename,DOB,Gender\nX201300125001,Lee,Ada,28/02/2017,F\n");
 * rosterOf([contacts, simsPupils])?.file // => "sims-pupils.csv"
 */
export function rosterOf(files: readonly FileImport[]): FileImport | undefined {
  let roster: FileImport | undefined;
  for (const file of files) {
    if (file.kind !== "pupils") continue;
    if (roster === undefined
      || (file.rows > 0 && roster.rows === 0)
      || ((file.rows > 0) === (roster.rows > 0) && file.headers.size > roster.headers.size)
      || (file.headers.size === roster.headers.size && (file.rows > roster.rows || (file.rows === roster.rows && file.file < roster.file)))) {
      roster = file;
    }
  }
  return roster;
}

/** Rows of a second pupil list that name a pupil of an earlier list: checked against it, not added. */
const checkedRows = new WeakSet<AcceptedRow>();

const rejectedRows = new WeakSet<AcceptedRow>();
/** Files with a row in `rejectedRows` (most files have none, and need no second look). */
const filesWithRejected = new WeakSet<FileImport>();

function problem(file: FileImport, line: number, details: Omit<Problem, "file" | "line" | "severity">): void {
  file.problems.push({ file: file.file, line, severity: "error", ...details });
}

function markRejected(file: FileImport, row: AcceptedRow): void {
  rejectedRows.add(row);
  filesWithRejected.add(file);
}

function reject(file: FileImport, row: AcceptedRow, details: Omit<Problem, "file" | "line" | "severity">): void {
  problem(file, row.line, details);
  markRejected(file, row);
}

/** Drop the rows `reject` marked (once per file: splicing each one out is quadratic on large files). */
function dropRejected(files: FileImport[]): void {
  for (const file of files) {
    if (!filesWithRejected.has(file)) continue;
    file.accepted = file.accepted.filter((row) => !rejectedRows.has(row));
    filesWithRejected.delete(file);
  }
}

/** A school's pupil list by UPN and by MIS id (see `linkPupilLists`). */
interface PupilDirectory {
  byUpn: Map<string, Pupil>;
  byMisId: Map<string, Pupil>;
  /** Whether the files hold a pupil list at all (without one, records keep their provisional pupil ids). */
  any: boolean;
}

/** Fold a name for comparison: case, spaces and apostrophe styles. */
function foldName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, " ").replace(/[’`]/g, "'");
}

/** The fields on which a pupil row of one file disagrees with the pupil listed from another. */
function disagreements(listed: Pupil, pupil: Pupil): Array<(typeof PUPIL_FIELDS_COMPARED)[number]> {
  return PUPIL_FIELDS_COMPARED.filter((field) => {
    const a = listed[field];
    const b = pupil[field];
    if (a === null || b === null) return false;
    if (field === "forename" || field === "surname") return foldName(a as string) !== foldName(b as string);
    if (field === "gender") return a !== "U" && b !== "U" && a !== b;
    if (field === "misId") return misIdKey(a as string) !== misIdKey(b as string);
    return a !== b;
  });
}

/** Where a listed pupil comes from, for messages. */
function listedAt(listed: Pupil, file: string): string {
  return `line ${listed.source.line}${listed.source.file === file ? "" : ` of ${listed.source.file}`}`;
}

/** The warning for a row whose details disagree with the roster's (the roster's are kept). */
function rosterMismatch(file: FileImport, line: number, listed: Pupil, differing: Array<{ field: string; roster: string; here: string }>): void {
  const first = differing[0]!;
  const what = differing.map((d) => `${FIELD_WORDS[d.field] ?? d.field} '${d.here}' (the roster has '${d.roster}')`).join(", ");
  file.problems.push({
    file: file.file, line, column: file.headers.get(first.field) ?? columnOfIdentity(file, first.field), severity: "warning", code: "roster-mismatch",
    message: `${listed.upn ?? listed.misId} is on the roster at ${listedAt(listed, file.file)}, but this row has ${what}; the roster's details are kept: check which is right in the MIS`,
  });
}

function columnOfIdentity(file: FileImport, field: string): string | null {
  return file.identity.has(field) ? (file.headers.get(`identity:${field}`) ?? null) : null;
}

function linkPupils(files: FileImport[]): PupilDirectory {
  const byUpn = new Map<string, Pupil>();
  const byMisId = new Map<string, Pupil>();
  let any = false;
  // The roster first, so its rows are the list whatever the files are called; then the others in order.
  const roster = rosterOf(files);
  const ordered = roster === undefined ? files : [roster, ...files.filter((f) => f !== roster)];
  for (const file of ordered) {
    let checked = 0;
    for (const row of file.accepted) {
      const draft = row.records.pupils?.[0];
      if (draft === undefined) continue;
      any = true;
      const pupil = draft.record;
      const first = (pupil.upn !== null ? byUpn.get(pupil.upn) : undefined)
        ?? (pupil.misId !== null ? byMisId.get(misIdKey(pupil.misId)) : undefined);
      if (first !== undefined) {
        if (first.source.file !== file.file) {
          // Another pupil list naming a pupil already listed: checked against the list, never replacing it.
          checkedRows.add(row);
          checked += 1;
          const differing = disagreements(first, pupil);
          if (differing.length > 0) {
            rosterMismatch(file, row.line, first, differing.map((field) => ({ field, roster: String(first[field]), here: String(pupil[field]) })));
          }
          continue;
        }
        const where = listedAt(first, file.file);
        const differing = PUPIL_FIELDS_COMPARED.find((field) => first[field] !== pupil[field]);
        const school = pupil.school !== first.school;
        if (differing === undefined && !school) {
          reject(file, row, { column: file.headers.get("upn") ?? null, code: "duplicate-row", message: `this pupil row repeats ${where}; only the first is kept` });
        } else {
          const field = differing ?? "school";
          reject(file, row, {
            column: file.headers.get(field) ?? null,
            code: "duplicate-pupil",
            message: `${pupil.upn ?? pupil.misId} is already on the pupil list at ${where} with a different ${FIELD_WORDS[field] ?? field} ('${String(first[field])}' there, '${String(pupil[field])}' here); this row is rejected, not merged: correct the MIS record`,
          });
        }
        continue;
      }
      if (pupil.upn !== null) byUpn.set(pupil.upn, pupil);
      if (pupil.misId !== null) byMisId.set(misIdKey(pupil.misId), pupil);
    }
    if (checked > 0 && roster !== undefined) warnFieldsNotOnRoster(file, roster, checked);
  }
  return { byUpn, byMisId, any };
}

/**
 * When a second pupil list has columns the roster lacks, say that for its pupils on the roster (whose
 * details are the roster's) those columns are not read: nothing is merged in silently, nor lost silently.
 */
function warnFieldsNotOnRoster(file: FileImport, roster: FileImport, checked: number): void {
  const extra = [...file.headers].filter(([field]) => !roster.headers.has(field)).map(([, header]) => `'${header}'`);
  if (extra.length === 0) return;
  file.problems.push({
    file: file.file, line: file.headerLine, column: null, severity: "warning", code: "not-on-roster",
    message: `${checked} of this list's pupils are on the roster (${roster.file}), whose details are kept; for them this list's ${extra.length === 1 ? "column" : "columns"} ${extra.join(", ")} ${extra.length === 1 ? "is" : "are"} not read, as the roster has no such column: add ${extra.length === 1 ? "it" : "them"} to the roster's export`,
  });
}

/**
 * Check a row's names and date of birth (a results file's 'Surname', 'Forename', 'DOB', the date read in the
 * file's own order: see `FileImport.dateOrder`) against the pupil its key names on the roster: a disagreement is
 * a warning, and the roster's details are kept. Each pupil
 * is checked once per file (`checked` holds those done).
 */
function checkIdentity(file: FileImport, line: number, identity: ReadonlyMap<string, string>, listed: Pupil, checked: Set<string>): void {
  if (checked.has(listed.pupilId)) return;
  checked.add(listed.pupilId);
  const differing: Array<{ field: string; roster: string; here: string }> = [];
  for (const [field, value] of identity) {
    if (field === "forename" || field === "surname") {
      if (foldName(value) !== foldName(listed[field])) differing.push({ field, roster: listed[field], here: value });
    } else if (field === "dateOfBirth" && listed.dateOfBirth !== null) {
      const parsed = parseDateInOrder(value, file.dateOrder ?? "dmy");
      if (parsed.ok && parsed.value !== listed.dateOfBirth) differing.push({ field, roster: listed.dateOfBirth, here: value });
    }
  }
  if (differing.length > 0) rosterMismatch(file, line, listed, differing);
}

/** Per file, the pupils whose identity cells have been checked (see `checkIdentity`). */
const identityChecked = new WeakMap<FileImport, Set<string>>();

function checkedSet(file: FileImport): Set<string> {
  let set = identityChecked.get(file);
  if (set === undefined) {
    set = new Set();
    identityChecked.set(file, set);
  }
  return set;
}

/**
 * The pupil on the list that a row's key names, or undefined when the key names a pupil not on the list, or a
 * UPN and an MIS id of different pupils (the problem, at `line`, is then in `file.problems`).
 */
function listedPupil(file: FileImport, line: number, key: PupilKey, directory: PupilDirectory): Pupil | undefined {
  const viaUpn = key.upn !== null ? directory.byUpn.get(key.upn) : undefined;
  const viaMis = key.misId !== null ? directory.byMisId.get(misIdKey(key.misId)) : undefined;
  if (viaUpn !== undefined && viaMis !== undefined && viaUpn !== viaMis) {
    problem(file, line, { column: file.headers.get("misId") ?? null, code: "pupil-key-conflict", message: `UPN ${key.upn} and MIS id ${key.misId} belong to different pupils on the pupil list` });
    return undefined;
  }
  const pupil = viaUpn ?? (key.upn === null ? viaMis : undefined);
  if (pupil === undefined) {
    const column = key.upn !== null ? file.headers.get("upn") : file.headers.get("misId");
    problem(file, line, {
      column: column ?? null,
      code: "unknown-pupil",
      message: key.upn !== null
        ? `UPN ${key.upn} is not on the pupil list, so this row cannot be linked to a pupil`
        : `MIS id ${key.misId} is not on the pupil list, so this row cannot be linked to a pupil`,
    });
  }
  return pupil;
}

/**
 * Tie one row's records to their pupil on the list (setting `pupilId`), or reject the row: false when it names
 * a pupil not on the list, or a UPN and an MIS id of different pupils (the problem is then in `file.problems`).
 * Rows of a pupil list (pupils, and SEN spells from its SEN columns) are the list itself: always true.
 */
function linkRow(file: FileImport, row: AcceptedRow, directory: PupilDirectory): boolean {
  const kind = file.kind;
  // A file's rows hold records of the file's kind only.
  if (kind === null || kind === "pupils") return true;
  const drafts = row.records[kind] as Draft<{ pupilId: string }>[] | undefined;
  if (drafts === undefined || drafts.length === 0) return true;
  const pupil = listedPupil(file, row.line, drafts[0]!.key, directory);
  if (pupil === undefined) return false;
  for (const draft of drafts) draft.record.pupilId = pupil.pupilId;
  if (row.identity !== undefined && row.identity.size > 0) checkIdentity(file, row.line, row.identity, pupil, checkedSet(file));
  return true;
}

function resolvePupils(files: FileImport[], directory: PupilDirectory): void {
  for (const file of files) {
    for (const row of file.accepted) if (!linkRow(file, row, directory)) markRejected(file, row);
  }
}

/**
 * Read the pupil lists among `files` (pupil rows already read): reject duplicate and conflicting pupil rows
 * and index the pupils kept.
 */
function linkPupilLists(files: FileImport[]): PupilDirectory {
  const directory = linkPupils(files);
  dropRejected(files);
  return directory;
}

/** The later of two academic years (`2024/25` labels compare as text), either of which may be missing. */
function laterYear(latest: string | null, year: string | null): string | null {
  // Most records share the latest year's string: `===` on the same string is quicker than `>`.
  return year === null || year === latest || (latest !== null && latest > year) ? latest : year;
}

/**
 * The latest academic year of a school's records. `ofResults`, when given, is the latest year of its
 * assessments and attendance, found as they were gathered (see `linkAndGather`), so those millions of
 * records need no second look.
 */
function latestAcademicYear(data: Omit<SchoolData, "files" | "problems">, ofResults?: string | null): string | null {
  let latest: string | null = null;
  const consider = (year: string | null) => {
    latest = laterYear(latest, year);
  };
  if (ofResults !== undefined) consider(ofResults);
  else {
    for (const a of data.assessments) consider(a.academicYear);
    for (const a of data.attendance) consider(a.academicYear);
  }
  for (const s of data.senRegister) if (s.startDate !== null) consider(academicYearOf(s.startDate));
  for (const i of data.interventions) consider(academicYearOf(i.startDate));
  return latest;
}

function warnOverlappingSpells(senRegister: SenRecord[], problems: Problem[], headers: Map<string, Map<string, string>>): void {
  const byPupil = new Map<string, SenRecord[]>();
  for (const spell of senRegister) {
    const list = byPupil.get(spell.pupilId) ?? [];
    list.push(spell);
    byPupil.set(spell.pupilId, list);
  }
  for (const spells of byPupil.values()) {
    const sorted = [...spells].sort((a, b) => (a.startDate ?? "").localeCompare(b.startDate ?? ""));
    for (let i = 1; i < sorted.length; i += 1) {
      const previous = sorted[i - 1]!;
      const spell = sorted[i]!;
      if (spell.startDate !== null && (previous.endDate === null || previous.endDate >= spell.startDate)) {
        problems.push({
          file: spell.source.file, line: spell.source.line, column: headers.get(spell.source.file)?.get("startDate") ?? null,
          severity: "warning", code: "sen-overlap",
          message: `this SEN spell starts (${spell.startDate}) before the spell on line ${previous.source.line} ends (${previous.endDate ?? "still open"}); the later spell is taken from its start date`,
        });
      }
    }
  }
}

/**
 * Warn when the roster lacks a field the analyses need (see `NEEDED_FIELDS`), and when the school has no
 * SEN information at all (no SEN register, no SEN status on the roster): every pupil would count as no SEN.
 */
function missingFieldProblems(files: readonly FileImport[]): Problem[] {
  const roster = rosterOf(files);
  if (roster === undefined) return [];
  const read = new Set(roster.headers.keys());
  const problems = missingNeeded("pupils", read).map((need) => missingColumnProblem(roster, need));
  if (!read.has("senStatus") && !files.some((f) => f.kind === "senRegister")) {
    problems.push(missingColumnProblem(roster, {
      fields: "senStatus",
      without: "with no SEN register in the folder either, every pupil will count as having no SEN",
    }));
  }
  return problems;
}

/**
 * Link imported files into one `SchoolData`.
 * @example
 * const data = linkFiles([importFile("pupils.csv", bytes)]);
 * data.files[0].imported // => 1
 */
export function linkFiles(files: FileImport[], options: LinkOptions = {}): SchoolData {
  const directory = linkPupilLists(files);
  if (directory.any) resolvePupils(files, directory);
  dropRejected(files);
  return assemble(files, options);
}

type Records = Omit<SchoolData, "files" | "problems">;

/** What `linkOpened` gathers as it reads a school's rows. */
interface Gathered {
  data: Records;
  /** Rows kept, by file, for files whose rows are not kept as rows (see `takeRows`). */
  imported: Map<FileImport, number>;
  /** The latest academic year of the assessments and attendance gathered. */
  latestYearOfResults: string | null;
}

const emptyRecords = (): Records => ({
  pupils: [], senRegister: [], assessments: [], interventions: [], attendance: [], suspensions: [], targets: [],
  ehcRequests: [],
});

/**
 * Add one kept row's records to `data`. A pupil list's SEN spells are kept only when the folder has no SEN
 * register (`hasRegister` false); every other file gives records of its own kind.
 */
function collectRow(data: Records, kind: FileKind, row: AcceptedRow, hasRegister: boolean): void {
  if (kind === "pupils") {
    if (checkedRows.has(row)) return;
    for (const d of row.records.pupils ?? []) data.pupils.push(d.record);
    if (!hasRegister) for (const d of row.records.senRegister ?? []) data.senRegister.push(d.record);
    return;
  }
  const drafts = row.records[kind] as Draft<{ pupilId: string }>[] | undefined;
  if (drafts === undefined) return;
  const target = data[kind] as Array<{ pupilId: string }>;
  for (const d of drafts) target.push(d.record);
}

/**
 * The last step of `linkFiles`: gather the records (unless given, already gathered), set the pupils'
 * year-group academic year, add the overlapping-spell warnings, and sort the problems.
 */
function assemble(files: FileImport[], options: LinkOptions, gathered?: Gathered): SchoolData {
  let data = gathered?.data;
  if (data === undefined) {
    data = emptyRecords();
    const hasRegister = files.some((f) => f.kind === "senRegister");
    for (const file of files) {
      const kind = file.kind;
      if (kind !== null) for (const row of file.accepted) collectRow(data, kind, row, hasRegister);
    }
  }
  const currentYear = options.academicYear ?? latestAcademicYear(data, gathered?.latestYearOfResults);
  for (const pupil of data.pupils) {
    pupil.yearGroupAcademicYear = pupil.yearGroup === null ? null
      : pupil.leavingDate !== null ? academicYearOf(pupil.leavingDate) : currentYear;
  }
  const problems = settleClassColumns(files.flatMap((f) => f.problems), data.pupils);
  problems.push(...missingFieldProblems(files));
  warnOverlappingSpells(data.senRegister, problems, new Map(files.map((f) => [f.file, f.headers])));
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const reports = files.map((file) => fileReport(file, gathered?.imported.get(file) ?? file.accepted.length));
  return { ...data, files: reports, problems };
}

/**
 * `linkFiles` for opened files whose rows are not read yet (see `openExport`), in one pass over the rows: the
 * pupil lists are read first, then every other file's rows are linked to their pupil and gathered as they are
 * read, while each row is still fresh in memory. Gives exactly what `linkFiles(opened.map((o) => readRows(o)))`
 * gives (the same records in the same order, the same problems).
 * @param opened a school's files, in the order `linkFiles` would take them
 * @param options `academicYear` (see `LinkOptions`)
 * @example
 * const pupilBytes = new TextEncoder().encode("UPN,Surname,Forename\nX201300125001,Lee,Ada\n");
 * const senBytes = new TextEncoder().encode("UPN,SEN Status,Primary Need\nX201300125001,SEN Support,SLCN\n");
 * const data = linkOpened([openExport("pupils.csv", pupilBytes), openExport("sen.csv", senBytes)]);
 * data.senRegister[0].pupilId // => "X201300125001"
 * [data.pupils.length, data.senRegister[0].status] // => [1, "K"]
 */
export function linkOpened(opened: OpenedExport[], options: LinkOptions = {}): SchoolData {
  const directory = linkPupilLists(opened.filter((o) => o.result.kind === "pupils").map((o) => readRows(o)));
  const hasRegister = opened.some((o) => o.result.kind === "senRegister");
  // Rows of files other than pupil lists are not kept as rows: only their count, for the file's report.
  const gathered: Gathered = { data: emptyRecords(), imported: new Map(), latestYearOfResults: null };
  const files: FileImport[] = [];
  for (const open of opened) {
    const kind = open.result.kind;
    files.push(open.result);
    if (kind === "pupils") {
      // Read above (pupil rows may have been rejected as duplicates since); gathered here, in file order.
      for (const row of open.result.accepted) collectRow(gathered.data, kind, row, hasRegister);
    } else if (kind !== null) {
      gathered.imported.set(open.result, takeRows(open, linkAndGather(gathered, kind, directory)));
    }
  }
  return assemble(files, options, gathered);
}

/**
 * A `RowTaker` for a file of `kind` (not a pupil list): link each row's records to their pupil (when there is
 * a pupil list) and add them to `gathered.data`, noting the latest academic year of assessments and attendance.
 */
function linkAndGather(gathered: Gathered, kind: Exclude<FileKind, "pupils">, directory: PupilDirectory): RowTaker {
  const target = gathered.data[kind] as Array<{ pupilId: string; academicYear?: string }>;
  const hasYear = kind === "assessments" || kind === "attendance";
  // A file's reader gives one key object per UPN (see RowReader.pupilKey), so each is looked up on the list
  // once (the same key on the next row, as often, is quicker still). A key that names no listed pupil is not
  // remembered: it is looked up, and reported, again on each of its rows. (A key with no UPN is new on
  // every row: not remembered either.)
  const pupilsByKey = new Map<PupilKey, Pupil>();
  let lastKey: PupilKey | null = null;
  let lastPupil: Pupil | undefined;
  // Pupils whose names this file's rows have been checked against the roster for (files with name columns).
  let identityChecked: Set<string> | null = null;
  return (file, line, out, fields) => {
    // A file's rows hold records of the file's kind only.
    const records = out[kind] as Array<{ pupilId: string; academicYear?: string }>;
    if (records.length === 0) return true;
    if (directory.any) {
      const key = out.key!;
      if (key !== lastKey) {
        lastPupil = pupilsByKey.get(key);
        if (lastPupil === undefined) {
          lastPupil = listedPupil(file, line, key, directory);
          if (lastPupil !== undefined && key.upn !== null) pupilsByKey.set(key, lastPupil);
        }
        lastKey = lastPupil === undefined ? null : key;
      }
      if (lastPupil === undefined) return false;
      for (let i = 0; i < records.length; i += 1) records[i]!.pupilId = lastPupil.pupilId;
      if (file.identity.size > 0) {
        identityChecked ??= checkedSet(file);
        if (!identityChecked.has(lastPupil.pupilId)) checkIdentity(file, line, identityOf(file.identity, fields), lastPupil, identityChecked);
      }
    }
    for (let i = 0; i < records.length; i += 1) {
      const record = records[i]!;
      target.push(record);
      if (hasYear) gathered.latestYearOfResults = laterYear(gathered.latestYearOfResults, record.academicYear ?? null);
    }
    return true;
  };
}

