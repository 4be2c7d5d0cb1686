/**
 * Link every file's rows into one `SchoolData`: find duplicate and conflicting pupils, tie every record to a
 * pupil on the pupil list (by UPN, else MIS id), and reject rows that name no known pupil. Nothing is merged
 * silently: a rejected row gets an error naming the row it clashes with.
 */
import type { Pupil, SenRecord } from "../schema/records.js";
import type { Problem } from "../schema/report.js";
import type { SchoolData } from "../schema/school-data.js";
import { academicYearOf } from "./codes.js";
import { fileReport, type AcceptedRow, type FileImport, type RowCheck } from "./import-file.js";
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

const rejectedRows = new WeakSet<AcceptedRow>();
/** Files with a row in `rejectedRows` (most files have none, and need no second look). */
const filesWithRejected = new WeakSet<FileImport>();

function problem(file: FileImport, row: AcceptedRow, details: Omit<Problem, "file" | "line" | "severity">): void {
  file.problems.push({ file: file.file, line: row.line, severity: "error", ...details });
}

function markRejected(file: FileImport, row: AcceptedRow): void {
  rejectedRows.add(row);
  filesWithRejected.add(file);
}

function reject(file: FileImport, row: AcceptedRow, details: Omit<Problem, "file" | "line" | "severity">): void {
  problem(file, row, details);
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
export interface PupilDirectory {
  byUpn: Map<string, Pupil>;
  byMisId: Map<string, Pupil>;
  /** Whether the files hold a pupil list at all (without one, records keep their provisional pupil ids). */
  any: boolean;
}

function linkPupils(files: FileImport[]): PupilDirectory {
  const byUpn = new Map<string, Pupil>();
  const byMisId = new Map<string, Pupil>();
  let any = false;
  for (const file of files) {
    for (const row of file.accepted) {
      const draft = row.records.pupils?.[0];
      if (draft === undefined) continue;
      any = true;
      const pupil = draft.record;
      const first = (pupil.upn !== null ? byUpn.get(pupil.upn) : undefined)
        ?? (pupil.misId !== null ? byMisId.get(pupil.misId) : undefined);
      if (first !== undefined) {
        const where = `line ${first.source.line}${first.source.file === file.file ? "" : ` of ${first.source.file}`}`;
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
      if (pupil.misId !== null) byMisId.set(pupil.misId, pupil);
    }
  }
  return { byUpn, byMisId, any };
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
  const key = drafts[0]!.key;
  const viaUpn = key.upn !== null ? directory.byUpn.get(key.upn) : undefined;
  const viaMis = key.misId !== null ? directory.byMisId.get(key.misId) : undefined;
  if (viaUpn !== undefined && viaMis !== undefined && viaUpn !== viaMis) {
    problem(file, row, { column: file.headers.get("misId") ?? null, code: "pupil-key-conflict", message: `UPN ${key.upn} and MIS id ${key.misId} belong to different pupils on the pupil list` });
    return false;
  }
  const pupil = viaUpn ?? (key.upn === null ? viaMis : undefined);
  if (pupil === undefined) {
    const column = key.upn !== null ? file.headers.get("upn") : file.headers.get("misId");
    problem(file, row, {
      column: column ?? null,
      code: "unknown-pupil",
      message: key.upn !== null
        ? `UPN ${key.upn} is not on the pupil list, so this row cannot be linked to a pupil`
        : `MIS id ${key.misId} is not on the pupil list, so this row cannot be linked to a pupil`,
    });
    return false;
  }
  for (const draft of drafts) draft.record.pupilId = pupil.pupilId;
  return true;
}

function resolvePupils(files: FileImport[], directory: PupilDirectory): void {
  for (const file of files) {
    for (const row of file.accepted) if (!linkRow(file, row, directory)) markRejected(file, row);
  }
}

/**
 * Read the pupil lists among `files` (pupil rows already read): reject duplicate and conflicting pupil rows
 * (as `linkFiles` does) and index the pupils kept.
 * @example
 * linkPupilLists([importFile("pupils.csv", bytes)]).byUpn.get("X201300125001")?.forename // => "Ada"
 */
export function linkPupilLists(files: FileImport[]): PupilDirectory {
  const directory = linkPupils(files);
  dropRejected(files);
  return directory;
}

/**
 * A `RowCheck` (for `readRows`) that links each row to the pupil list as it is read, as `linkFiles` would
 * later; undefined when there is no pupil list (records then keep their provisional ids, as in `linkFiles`).
 * @example
 * const check = rowLinker(linkPupilLists([pupils]));
 * readRows(openExport("sen.csv", bytes), check).problems[0]?.code // => "unknown-pupil"
 */
export function rowLinker(directory: PupilDirectory): RowCheck | undefined {
  return directory.any ? (file, row) => linkRow(file, row, directory) : undefined;
}

function latestAcademicYear(data: Omit<SchoolData, "files" | "problems">): string | null {
  let latest: string | null = null;
  const consider = (year: string | null) => {
    if (year !== null && (latest === null || year > latest)) latest = year;
  };
  for (const a of data.assessments) consider(a.academicYear);
  for (const a of data.attendance) consider(a.academicYear);
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
 * Link imported files into one `SchoolData`.
 * @example
 * const data = linkFiles([importFile("pupils.csv", bytes)]);
 * data.files[0].imported // => 1
 */
export function linkFiles(files: FileImport[], options: LinkOptions = {}): SchoolData {
  const directory = linkPupilLists(files);
  if (directory.any) resolvePupils(files, directory);
  dropRejected(files);
  return assembleLinked(files, options);
}

/**
 * The last step of `linkFiles`, for files whose rows are already linked (`linkPupilLists`, then `readRows`
 * with `rowLinker`): gather the records, set the pupils' year-group academic year, add the overlapping-spell
 * warnings, and sort the problems.
 * @example
 * const directory = linkPupilLists([readRows(pupils)]);
 * assembleLinked([pupils.result, readRows(sen, rowLinker(directory))]).senRegister.length // => 1
 */
export function assembleLinked(files: FileImport[], options: LinkOptions = {}): SchoolData {
  const hasRegister = files.some((f) => f.kind === "senRegister");
  const data: Omit<SchoolData, "files" | "problems"> = {
    pupils: [], senRegister: [], assessments: [], interventions: [], attendance: [], suspensions: [], targets: [],
  };
  for (const file of files) {
    const kind = file.kind;
    if (kind === null) continue;
    if (kind === "pupils") {
      for (const row of file.accepted) {
        for (const d of row.records.pupils ?? []) data.pupils.push(d.record);
        if (!hasRegister) for (const d of row.records.senRegister ?? []) data.senRegister.push(d.record);
      }
      continue;
    }
    const target = data[kind] as Array<{ pupilId: string }>;
    for (const row of file.accepted) {
      const drafts = row.records[kind] as Draft<{ pupilId: string }>[] | undefined;
      if (drafts !== undefined) for (const d of drafts) target.push(d.record);
    }
  }
  const currentYear = options.academicYear ?? latestAcademicYear(data);
  for (const pupil of data.pupils) {
    pupil.yearGroupAcademicYear = pupil.yearGroup === null ? null
      : pupil.leavingDate !== null ? academicYearOf(pupil.leavingDate) : currentYear;
  }
  const problems = files.flatMap((f) => f.problems);
  warnOverlappingSpells(data.senRegister, problems, new Map(files.map((f) => [f.file, f.headers])));
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { ...data, files: files.map(fileReport), problems };
}
