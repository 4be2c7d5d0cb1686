/**
 * `importFolder`: a folder of MIS and assessment exports → one `SchoolData`, with every row accounted for.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { ImportError } from "../errors.js";
import type { SchoolData } from "../schema/school-data.js";
import { openExport, type OpenedExport } from "./import-file.js";
import { linkOpened } from "./link.js";
import { ColumnMapping, mappingForFile } from "./mapping.js";

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
}

/** The name of the mapping file `importFolder` looks for in a folder. */
export const MAPPING_FILE_NAME = "sendscope.mapping.json";

async function listCsvFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(csv|txt)$/i.test(e.name))
    .map((e) => relative(folder, join(e.parentPath, e.name)).split("\\").join("/"))
    .sort();
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
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ImportError(path, `the column mapping file cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  return parseMappingText(text, path);
}

/**
 * Parse and check a column-mapping file's text.
 * @throws {ImportError} when the text is not JSON or not a valid mapping (the message names the file).
 * @example
 * parseMappingText('{"columns": {"Pupil Ref": "upn"}}', "map.json").columns // => { "Pupil Ref": "upn" }
 */
export function parseMappingText(text: string, path: string): ColumnMapping {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ImportError(path, `the column mapping is not valid JSON (${(error as Error).message})`);
  }
  const parsed = ColumnMapping.safeParse(json);
  if (!parsed.success) {
    throw new ImportError(path, `the column mapping is not valid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}

/**
 * Import every CSV export in a folder (and its sub-folders) into one `SchoolData`. Row problems never
 * throw: they are in `problems`, and every file's `rows === imported + rejected`.
 * Each sub-folder is one school (see `mergeSchoolData`); schools are read and linked one at a time
 * (see `importSchools`).
 * @param folder the folder of exports
 * @param options `mapping`, `academicYear`, `onProgress` (see `ImportOptions`)
 * @throws {ImportError} when the folder cannot be read, holds no CSV files, or none of them is a
 *   recognisable export.
 * @example
 * const data = await importFolder("fixtures/sample-school");
 * data.files.map((f) => f.kind) // => ["interventions", "assessments", …]
 */
export async function importFolder(folder: string, options: ImportOptions = {}): Promise<SchoolData> {
  const parts: SchoolData[] = [];
  const firstReasons: string[] = [];
  let recognised = false;
  let files = 0;
  let last: ImportProgress | null = null;
  const onProgress = options.onProgress;
  const tracked: ImportOptions = onProgress === undefined ? options : { ...options, onProgress: (p) => onProgress((last = p)) };
  for await (const school of importSchools(folder, tracked)) {
    parts.push(school.data);
    files += school.files;
    if (school.recognised) recognised = true;
    else firstReasons.push(...school.firstReasons);
  }
  if (!recognised) {
    throw new ImportError(folder, `none of its ${files} CSV files is a recognisable export:\n  ${firstReasons.join("\n  ")}`);
  }
  const data = parts.length === 1 ? parts[0]! : mergeSchoolData(parts);
  if (last !== null) onProgress?.({ ...(last as ImportProgress), file: null });
  return data;
}

/** One school's share of a folder, read and linked on its own (see `importSchools`). */
export interface ImportedSchool {
  /** The sub-folder the school's files are in; null for the files at the top of the folder. */
  school: string | null;
  /** The school's data: its pupils have `school` set (see `importSchools`), files and problems are its own. */
  data: SchoolData;
  /** How many CSV files the school has. */
  files: number;
  /** Whether any of its files is a recognisable export. */
  recognised: boolean;
  /** When none is: the first problem of each file, as `file: message`. */
  firstReasons: string[];
}

/**
 * The schools of a folder one at a time, each read and linked as `importFolder` does (which concatenates
 * them): files at the top of the folder form one school, each sub-folder another. When the folder holds
 * several, a pupil with no school on the pupil list gets the sub-folder's name, and a pupil known only by MIS
 * id gets the id `mis:<school>/<MIS id>` (MIS ids are unique only within a school; UPNs are national).
 * Only one school's rows are held at a time, so a worker can go through a trust school by school.
 * @param folder the folder of exports
 * @param options as for `importFolder`
 * @throws {ImportError} when the folder cannot be read or holds no CSV files
 * @example
 * for await (const { school, data } of importSchools("trust")) console.log(school, data.pupils.length);
 * // Ash Primary 212
 * // Birch Primary 187
 */
export async function* importSchools(folder: string, options: ImportOptions = {}): AsyncGenerator<ImportedSchool> {
  let files: string[];
  try {
    const info = await stat(folder);
    if (!info.isDirectory()) throw new ImportError(folder, "is not a folder; give the folder that holds the CSV exports");
    files = await listCsvFiles(folder);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(folder, `the folder cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (files.length === 0) throw new ImportError(folder, "the folder holds no CSV files");
  const mapping = await loadMapping(folder, options.mapping);
  const sizes = await Promise.all(files.map(async (file) => (await stat(join(folder, file))).size));
  const progress: ImportProgress = {
    filesDone: 0, filesTotal: files.length, bytesDone: 0, bytesTotal: sizes.reduce((a, b) => a + b, 0), file: null,
  };
  const linkOptions = options.academicYear === undefined ? {} : { academicYear: options.academicYear };
  const groups = groupBySchool(files.map((file, index) => ({ file, size: sizes[index] ?? 0 })));
  // One school at a time: its files are read and linked before the next school's are read, so only one
  // school's unlinked rows are held at once (a trust's folder would otherwise hold every row twice).
  // Within a school, every file is opened (decoded, recognised) first, then `linkOpened` reads the rows,
  // the pupil list first, linking each row as it is read (no second pass over millions of rows).
  const schools = [...groups];
  const readSchool = (members: Array<{ file: string }>) => Promise.all(members.map(({ file }) => readFile(join(folder, file))));
  // The next school's files are read (by the file system, off the main thread) while this one is parsed.
  let nextContents = schools.length > 0 ? readSchool(schools[0]![1]) : null;
  for (let s = 0; s < schools.length; s += 1) {
    const [school, members] = schools[s]!;
    const contents = (await nextContents) ?? [];
    nextContents = s + 1 < schools.length ? readSchool(schools[s + 1]![1]) : null;
    const opened: OpenedExport[] = [];
    const firstReasons: string[] = [];
    let recognised = false;
    members.forEach(({ file, size }, index) => {
      const open = openExport(file, contents[index] ?? new Uint8Array(0), mappingForFile(mapping, file));
      if (open.result.kind !== null) recognised = true;
      else firstReasons.push(...open.result.problems.slice(0, 1).map((p) => `${p.file}: ${p.message}`));
      opened.push(open);
      progress.filesDone += 1;
      progress.bytesDone += size;
      progress.file = file;
      options.onProgress?.({ ...progress });
    });
    const data = withSchool(linkOpened(opened, linkOptions), school, groups.size > 1);
    yield { school, data, files: members.length, recognised, firstReasons };
  }
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
    for (const key of ["pupils", "senRegister", "assessments", "interventions", "attendance", "suspensions", "targets"] as const) {
      for (const record of data[key]) rename(record);
    }
  }
  return data;
}

/**
 * Concatenate several schools' data (each linked on its own, so MIS ids need only be unique within a school).
 * @example
 * mergeSchoolData([a, b]).pupils.length // => a.pupils.length + b.pupils.length
 */
export function mergeSchoolData(parts: SchoolData[]): SchoolData {
  // One concat per kind: each merged array is allocated once at its exact length (no growth by push).
  const all = <K extends keyof SchoolData>(key: K): SchoolData[K] =>
    ([] as Array<SchoolData[K][number]>).concat(...parts.map((part) => part[key] as Array<SchoolData[K][number]>)) as SchoolData[K];
  const merged: SchoolData = {
    pupils: all("pupils"), senRegister: all("senRegister"), assessments: all("assessments"),
    interventions: all("interventions"), attendance: all("attendance"), suspensions: all("suspensions"),
    targets: all("targets"), files: all("files"), problems: all("problems"),
  };
  merged.files.sort((a, b) => a.file.localeCompare(b.file));
  merged.problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return merged;
}
