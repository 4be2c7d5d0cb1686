/**
 * `importFolder`: a folder of MIS and assessment exports → one `SchoolData`, with every row accounted for.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { ImportError } from "../errors.js";
import type { SchoolData } from "../schema/school-data.js";
import { importFile } from "./import-file.js";
import { linkFiles } from "./link.js";
import { ColumnMapping, mappingForFile } from "./mapping.js";

/** Options for `importFolder`. */
export interface ImportOptions {
  /** A column mapping; default: `sendscope.mapping.json` in the folder, if there is one. */
  mapping?: ColumnMapping;
  /** The academic year the pupil list's year groups refer to; default: the latest in the data. */
  academicYear?: string;
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
 * @throws {ImportError} when the folder cannot be read, holds no CSV files, or none of them is a
 *   recognisable export.
 * @example
 * const data = await importFolder("fixtures/sample-school");
 * data.files.map((f) => f.kind) // => ["interventions", "assessments", …]
 */
export async function importFolder(folder: string, options: ImportOptions = {}): Promise<SchoolData> {
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
  const imports = [];
  for (const file of files) {
    const bytes = await readFile(join(folder, file));
    imports.push(importFile(file, bytes, mappingForFile(mapping, file)));
  }
  if (imports.every((i) => i.kind === null)) {
    const reasons = imports.flatMap((i) => i.problems.slice(0, 1).map((p) => `${p.file}: ${p.message}`));
    throw new ImportError(folder, `none of its ${files.length} CSV files is a recognisable export:\n  ${reasons.join("\n  ")}`);
  }
  const linkOptions = options.academicYear === undefined ? {} : { academicYear: options.academicYear };
  const groups = groupBySchool(imports);
  if (groups.size === 1) {
    const [name, files] = [...groups][0]!;
    return withSchool(linkFiles(files, linkOptions), name);
  }
  return mergeSchoolData([...groups].map(([name, files]) => withSchool(linkFiles(files, linkOptions), name)));
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
    groups.set(school, [...(groups.get(school) ?? []), item]);
  }
  return groups;
}

function withSchool(data: SchoolData, school: string | null): SchoolData {
  if (school !== null) for (const pupil of data.pupils) if (pupil.school === null) pupil.school = school;
  return data;
}

/**
 * Concatenate several schools' data (each linked on its own, so MIS ids need only be unique within a school).
 * @example
 * mergeSchoolData([a, b]).pupils.length // => a.pupils.length + b.pupils.length
 */
export function mergeSchoolData(parts: SchoolData[]): SchoolData {
  const merged: SchoolData = {
    pupils: [], senRegister: [], assessments: [], interventions: [], attendance: [], suspensions: [], targets: [],
    files: [], problems: [],
  };
  for (const part of parts) {
    for (const key of Object.keys(merged) as Array<keyof SchoolData>) {
      const target = merged[key] as unknown[];
      for (const item of part[key] as unknown[]) target.push(item);
    }
  }
  merged.files.sort((a, b) => a.file.localeCompare(b.file));
  merged.problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return merged;
}
