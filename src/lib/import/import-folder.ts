/**
 * `importFolder`: a folder of MIS and assessment exports → one `SchoolData`, with every row accounted for.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { ImportError } from "../errors.js";
import { parseJsonText, readJsonFile } from "../json-file.js";
import type { SchoolData } from "../schema/school-data.js";
import { openFormatted } from "./formats/index.js";
import type { OpenedExport } from "./import-file.js";
import { linkOpened } from "./link.js";
import { defaultImportThreads, forEachClaimedSchool, newSchoolCounter, startImportWorker } from "./parallel-import.js";
import { ColumnMapping, mappingForFile } from "./mapping.js";
import { isIgnoredFile, isReadableFile, READABLE_EXTENSIONS, unreadReason } from "./readable.js";
import type { UnreadFile } from "../schema/report.js";
import type { FolderPlan, ImportedSchool } from "./folder-plan.js";

export type { FolderPlan, ImportedSchool } from "./folder-plan.js";

/** How far `importFolder` has got: called after each file is read, and once more when the data is linked. */
export interface ImportProgress {
  /** Files read so far. */
  filesDone: number;
  /** Files in the folder. */
  filesTotal: number;
  /** Bytes read so far. */
  bytesDone: number;
  /** Bytes in all the files. */
  bytesTotal: number;
  /** The file just read (relative to the folder); null for the last call, when everything is linked. */
  file: string | null;
}

/** Options for `importFolder`. */
export interface ImportOptions {
  /** A column mapping; default: `sendscope.mapping.json` in the folder, if there is one. */
  mapping?: ColumnMapping;
  /** The academic year the pupil list's year groups refer to; default: the latest in the data. */
  academicYear?: string;
  /** Called as the import goes (for a progress bar on large folders); default none. */
  onProgress?: (progress: ImportProgress) => void;
  /**
   * How many threads read a folder of several schools, each taking the next school not yet taken (the data is
   * the same whatever the number). Default: 2 for a folder of two or more schools and at least 16 MB, on a
   * machine with two or more cores; else 1 (what a second thread saves: `src/bench/README.md`).
   */
  threads?: number;
  /**
   * Called with each file's bytes (path relative to the folder, `/`-separated) as this thread reads it, for a
   * caller that needs the bytes too (`sendscope report`'s input fingerprint), so it need not read them again.
   * Files a worker thread reads (see `threads`) are not passed. Default none.
   */
  onFileBytes?: (file: string, bytes: Uint8Array) => void;
}

/** The name of the mapping file `importFolder` looks for in a folder. */
export const MAPPING_FILE_NAME = "sendscope.mapping.json";

/**
 * A folder's files (paths relative to it, sorted): those the import reads (see `READABLE_EXTENSIONS`), and
 * every other, with why it is not read (hidden and system files, and the mapping file, are neither).
 */
async function listFiles(folder: string): Promise<{ readable: string[]; unread: UnreadFile[] }> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => relative(folder, join(e.parentPath, e.name)).split("\\").join("/"))
    .filter((file) => !file.split("/").some((part) => part.startsWith(".")))
    .sort();
  const readable: string[] = [];
  const unread: UnreadFile[] = [];
  for (const file of files) {
    if (isReadableFile(file)) readable.push(file);
    else if (!isIgnoredFile(file)) unread.push({ file, reason: unreadReason(file) });
  }
  return { readable, unread };
}

/** What to say when a folder has no file the import reads. */
function noReadableFiles(unread: readonly UnreadFile[]): string {
  const kinds = [...READABLE_EXTENSIONS].map((e) => `.${e}`).join(" or ");
  if (unread.length === 0) return `the folder holds no CSV files (sendscope reads ${kinds} exports)`;
  const listed = unread.slice(0, 5).map((u) => `\n  ${u.file}: ${u.reason}`).join("");
  return `the folder holds no CSV files (sendscope reads ${kinds} exports), only ${unread.length} file${unread.length === 1 ? "" : "s"} it does not read:${listed}${unread.length > 5 ? `\n  … and ${unread.length - 5} more` : ""}`;
}

async function loadMapping(folder: string, given: ColumnMapping | undefined): Promise<ColumnMapping | undefined> {
  if (given !== undefined) return given;
  const path = join(folder, MAPPING_FILE_NAME);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return undefined;
  }
  return parseMappingText(text, path);
}

/**
 * Read and check a column-mapping file (as `--mapping <file>` gives).
 * @throws {ImportError} when the file cannot be read, is not JSON or is not a valid mapping (the message names the file).
 * @example
 * (await loadMappingFile("my-mis.mapping.json")).columns // => { "Pupil Ref": "upn" }
 */
export async function loadMappingFile(path: string): Promise<ColumnMapping> {
  return readJsonFile(path, "column mapping", ColumnMapping);
}

/**
 * Parse and check a column-mapping file's text.
 * @throws {ImportError} when the text is not JSON or not a valid mapping (the message names the file).
 * @example
 * parseMappingText('{"columns": {"Pupil Ref": "upn"}}', "map.json").columns // => { "Pupil Ref": "upn" }
 */
export function parseMappingText(text: string, path: string): ColumnMapping {
  return parseJsonText(text, path, "column mapping", ColumnMapping);
}

/**
 * Import every CSV export in a folder (and its sub-folders) into one `SchoolData`. Row problems never
 * throw: they are in `problems`, and every file's `rows === imported + rejected + skipped` (summary and
 * blank rows are skipped). Every other file in the folder is listed in `unreadFiles` with why it was not
 * read (see `readable.ts`).
 * Each sub-folder is one school (see `mergeSchoolData`); each school is read and linked on its own (see
 * `importSchools`). A large folder of several schools is read by two threads at once (see `threads`): the
 * data is the same either way.
 * @param folder the folder of exports
 * @param options `mapping`, `academicYear`, `onProgress`, `threads` (see `ImportOptions`)
 * @throws {ImportError} when the folder cannot be read, holds no CSV files, or none of them is a
 *   recognisable export.
 * @example
 * const data = await importFolder("fixtures/sample-school");
 * data.files.map((f) => f.kind) // => ["assessments", "interventions", "suspensions", …] (files in name order)
 */
export async function importFolder(folder: string, options: ImportOptions = {}): Promise<SchoolData> {
  const plan = await planFolder(folder, options);
  const { progress, onFile } = progressOf(plan, options.onProgress);
  const threads = options.threads ?? defaultImportThreads(plan);
  const { schools } = await importPlanned(plan, threads, onFile, options.onFileBytes);
  const firstReasons: string[] = [];
  let recognised = false;
  for (const school of schools) {
    if (school.recognised) recognised = true;
    else firstReasons.push(...school.firstReasons);
  }
  if (!recognised) {
    throw new ImportError(folder, `none of its ${plan.filesTotal} CSV files is a recognisable export:\n  ${firstReasons.join("\n  ")}`);
  }
  const data = schools.length === 1 ? schools[0]!.data : mergeSchoolData(schools.map((school) => school.data));
  if (plan.unread.length > 0) data.unreadFiles = plan.unread.map((u) => ({ ...u }));
  if (plan.mapping?.interventionNames !== undefined) data.interventionNames = { ...plan.mapping.interventionNames };
  if (progress.filesDone > 0) options.onProgress?.({ ...progress, file: null });
  return data;
}

/** The progress of reading a planned folder, and what to call as each file is read (none without `onProgress`). */
function progressOf(plan: FolderPlan, onProgress: ImportOptions["onProgress"]): { progress: ImportProgress; onFile?: (file: string, size: number) => void } {
  const progress: ImportProgress = { filesDone: 0, filesTotal: plan.filesTotal, bytesDone: 0, bytesTotal: plan.bytesTotal, file: null };
  if (onProgress === undefined) return { progress };
  return {
    progress,
    onFile: (file, size) => {
      progress.filesDone += 1;
      progress.bytesDone += size;
      progress.file = file;
      onProgress({ ...progress });
    },
  };
}

/**
 * Every school of a planned folder, in the plan's order, read on `threads` threads: this one and `threads − 1`
 * workers, each taking the next school not yet taken (see `forEachClaimedSchool`). A school a worker took but
 * did not send (it could not start, or failed) is read here afterwards, so the schools are always all there
 * and the same as one thread would read.
 * @returns the schools, and how many of them workers read
 * @example
 * (await importPlanned(await planFolder("trust"), 2)).schools.length // => 200
 */
export async function importPlanned(
  plan: FolderPlan,
  threads: number,
  onFile?: (file: string, size: number) => void,
  onFileBytes?: (file: string, bytes: Uint8Array) => void,
): Promise<{ schools: ImportedSchool[]; byWorkers: number }> {
  // Read as `readPlannedSchool` does (a failed read-ahead is not an unhandled rejection), passing the bytes on.
  const read = (index: number): Promise<Uint8Array[]> => {
    if (onFileBytes === undefined) return readPlannedSchool(plan, index);
    const contents = readPlannedSchool(plan, index).then((bytes) => {
      plan.schools[index]!.files.forEach(({ file }, i) => onFileBytes(file, bytes[i]!));
      return bytes;
    });
    contents.catch(() => undefined);
    return contents;
  };
  const schools = new Array<ImportedSchool | undefined>(plan.schools.length);
  const counter = newSchoolCounter();
  const input = { plan, counter: counter.buffer as SharedArrayBuffer };
  const workers = Array.from({ length: Math.max(0, Math.floor(threads) - 1) }, () => startImportWorker(input, (index, school) => {
    schools[index] = school;
    for (const { file, size } of plan.schools[index]!.files) onFile?.(file, size);
  }));
  try {
    await forEachClaimedSchool(plan, counter, (index) => read(index), (index, contents) => {
      schools[index] = importPlannedSchool(plan, index, contents, onFile);
    });
    await Promise.all(workers.map((worker) => worker.finished));
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
  for (let index = 0; index < schools.length; index += 1) {
    schools[index] ??= importPlannedSchool(plan, index, await read(index), onFile);
  }
  return { schools: schools as ImportedSchool[], byWorkers: workers.reduce((sum, worker) => sum + worker.sent(), 0) };
}

/**
 * The schools of a folder one at a time, each read and linked as `importFolder` does (which concatenates
 * them): files at the top of the folder form one school, each sub-folder another. When the folder holds
 * several, a pupil with no school on the pupil list gets the sub-folder's name, and a pupil known only by MIS
 * id gets the id `mis:<school>/<MIS id>` (MIS ids are unique only within a school; UPNs are national).
 * Only one school's rows are held at a time, so a worker can go through a trust school by school.
 * @param folder the folder of exports
 * @param options as for `importFolder` (but for `threads`: this reads on the calling thread)
 * @throws {ImportError} when the folder cannot be read or holds no CSV files
 * @example
 * for await (const { school, data } of importSchools("trust")) console.log(school, data.pupils.length);
 * // Ash Primary 212
 * // Birch Primary 187
 */
export async function* importSchools(folder: string, options: ImportOptions = {}): AsyncGenerator<ImportedSchool> {
  const plan = await planFolder(folder, options);
  const { onFile } = progressOf(plan, options.onProgress);
  // The next school's files are read (by the file system, off the main thread) while this one is parsed.
  let nextContents = plan.schools.length > 0 ? readPlannedSchool(plan, 0) : null;
  for (let index = 0; index < plan.schools.length; index += 1) {
    const contents = (await nextContents) ?? [];
    nextContents = index + 1 < plan.schools.length ? readPlannedSchool(plan, index + 1) : null;
    yield importPlannedSchool(plan, index, contents, onFile);
  }
}

/**
 * List a folder's CSV exports (paths relative to it, sorted), with their sizes, grouped by school (files at
 * the top form one school; each sub-folder another), and find its column mapping.
 * @param folder the folder of exports
 * @param options `mapping` and `academicYear`, as for `importFolder`
 * @throws {ImportError} when the folder cannot be read or holds no CSV files, or its mapping file is not valid
 * @example
 * (await planFolder("fixtures/sample-school")).schools.length // => 1
 */
export async function planFolder(folder: string, options: Pick<ImportOptions, "mapping" | "academicYear"> = {}): Promise<FolderPlan> {
  let files: string[];
  let unread: UnreadFile[];
  try {
    const info = await stat(folder);
    if (!info.isDirectory()) throw new ImportError(folder, "is not a folder; give the folder that holds the CSV exports");
    ({ readable: files, unread } = await listFiles(folder));
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(folder, `the folder cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (files.length === 0) throw new ImportError(folder, noReadableFiles(unread));
  const mapping = await loadMapping(folder, options.mapping);
  const sizes = await Promise.all(files.map(async (file) => (await stat(join(folder, file))).size));
  const groups = groupBySchool(files.map((file, index) => ({ file, size: sizes[index] ?? 0 })));
  return {
    folder,
    mapping,
    link: options.academicYear === undefined ? {} : { academicYear: options.academicYear },
    schools: [...groups].map(([school, members]) => ({ school, files: members })),
    filesTotal: files.length,
    unread,
    bytesTotal: sizes.reduce((a, b) => a + b, 0),
  };
}

/**
 * The bytes of one planned school's files, in the plan's order. Callers read the next school while they
 * import this one: should they stop first, a failed read is not also reported as an unhandled rejection
 * (awaiting it still throws).
 * @example
 * const contents = await readPlannedSchool(plan, 0);
 */
export function readPlannedSchool(plan: FolderPlan, index: number): Promise<Uint8Array[]> {
  const contents = Promise.all(plan.schools[index]!.files.map(({ file }) => readFile(join(plan.folder, file))));
  contents.catch(() => undefined);
  return contents;
}

/**
 * Import one planned school from its files' bytes: every file is opened (decoded, recognised) first, then
 * `linkOpened` reads the rows, the pupil list first, linking each row as it is read (no second pass over
 * millions of rows). `onFile` is called as each file is opened.
 * @param plan the folder's plan (`planFolder`)
 * @param index which of its schools
 * @param contents the school's files' bytes (`readPlannedSchool`)
 * @example
 * const school = importPlannedSchool(plan, 0, await readPlannedSchool(plan, 0));
 */
export function importPlannedSchool(
  plan: FolderPlan,
  index: number,
  contents: readonly Uint8Array[],
  onFile?: (file: string, size: number) => void,
): ImportedSchool {
  const { school, files } = plan.schools[index]!;
  const opened: OpenedExport[] = [];
  const firstReasons: string[] = [];
  let recognised = false;
  files.forEach(({ file, size }, at) => {
    for (const open of openFormatted(file, contents[at] ?? new Uint8Array(0), (name) => mappingForFile(plan.mapping, name))) {
      if (open.result.kind !== null) recognised = true;
      else firstReasons.push(...open.result.problems.slice(0, 1).map((p) => `${p.file}: ${p.message}`));
      opened.push(open);
    }
    onFile?.(file, size);
  });
  const data = withSchool(linkOpened(opened, plan.link), school, plan.schools.length > 1);
  return { school, data, files: files.length, recognised, firstReasons };
}

/**
 * Group files by school: files at the top of the folder form one school; each sub-folder is another
 * (a trust or local authority export, one folder per school).
 */
function groupBySchool<T extends { file: string }>(imports: T[]): Map<string | null, T[]> {
  const groups = new Map<string | null, T[]>();
  for (const item of imports) {
    const slash = item.file.indexOf("/");
    const school = slash < 0 ? null : item.file.slice(0, slash);
    const members = groups.get(school);
    if (members) members.push(item);
    else groups.set(school, [item]);
  }
  return groups;
}

/**
 * Set `school` on the pupils of one school's data (unless the pupil list gave one). When the folder holds
 * several schools, a pupil known only by MIS id gets the id `mis:<school>/<MIS id>` (and so do their records),
 * because MIS ids are only unique within a school; UPNs are national, so UPN ids are kept.
 */
function withSchool(data: SchoolData, school: string | null, several: boolean): SchoolData {
  if (school === null) return data;
  for (const pupil of data.pupils) if (pupil.school === null) pupil.school = school;
  // With a pupil list, records are linked to its pupils, so when no listed pupil's id is an MIS id, no
  // record's is either: the pass over the school's records is skipped (a trust's 3.5 million, out of cache by now).
  const misIds = data.pupils.length === 0 || data.pupils.some((pupil) => pupil.pupilId.startsWith("mis:"));
  if (several && misIds) {
    const rename = (record: { pupilId: string }) => {
      if (record.pupilId.startsWith("mis:")) record.pupilId = `mis:${school}/${record.pupilId.slice(4)}`;
    };
    for (const key of ["pupils", "senRegister", "assessments", "interventions", "attendance", "suspensions", "targets", "ehcRequests"] as const) {
      for (const record of data[key] ?? []) rename(record);
    }
  }
  return data;
}

/**
 * Concatenate several schools' data (each linked on its own, so MIS ids need only be unique within a school).
 * @example
 * // The sample school's data merged with a copy of itself holds every record twice: its CSVs have 542 pupil
 * // rows and 150 provision-map rows, less the rows its expected-problems.json says are not read (two pupils:
 * // a bad UPN and a duplicate; one placement of an unknown pupil), so 2 × 540 and 2 × 149.
 * const merged = mergeSchoolData([data, data]);
 * [merged.pupils.length, merged.interventions.length] // => [1080, 298]
 * merged.pupils.length === 2 * data.pupils.length // => true
 */
export function mergeSchoolData(parts: SchoolData[]): SchoolData {
  // One concat per kind: each merged array is allocated once at its exact length (no growth by push).
  const all = <K extends Exclude<keyof SchoolData, "unreadFiles" | "interventionNames">>(key: K): NonNullable<SchoolData[K]> =>
    ([] as Array<NonNullable<SchoolData[K]>[number]>).concat(
      ...parts.map((part) => (part[key] ?? []) as Array<NonNullable<SchoolData[K]>[number]>),
    ) as NonNullable<SchoolData[K]>;
  const merged: SchoolData = {
    pupils: all("pupils"), senRegister: all("senRegister"), assessments: all("assessments"),
    interventions: all("interventions"), attendance: all("attendance"), suspensions: all("suspensions"),
    targets: all("targets"), files: all("files"), problems: all("problems"),
  };
  // EHC needs assessment requests: kept absent when no part had them (data made before they were imported).
  if (parts.some((part) => part.ehcRequests !== undefined)) merged.ehcRequests = all("ehcRequests");
  merged.files.sort((a, b) => a.file.localeCompare(b.file));
  merged.problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return merged;
}
