/**
 * The plain data a folder's import passes around: the folder's plan (`planFolder`) and one school's share of
 * it (`importSchools`). Their own module, so that `import-folder.ts` (which starts the workers) and
 * `parallel-import.ts` (the workers' side) both use them without importing each other.
 */
import type { SchoolData } from "../schema/school-data.js";
import type { UnreadFile } from "../schema/report.js";
import type { LinkOptions } from "./link.js";
import type { ColumnMapping } from "./mapping.js";

/** A folder's exports grouped by school, as the import reads them (see `planFolder`). Plain data, so a worker thread can be given it. */
export interface FolderPlan {
  /** The folder. */
  folder: string;
  /** The column mapping in force (given, or the folder's mapping file), if any. */
  mapping: ColumnMapping | undefined;
  /** How to link each school's rows (`academicYear`). */
  link: LinkOptions;
  /** The schools in the order they are imported: the files at the top of the folder, then one per sub-folder. */
  schools: Array<{ school: string | null; files: Array<{ file: string; size: number }> }>;
  /** How many CSV files the folder holds. */
  filesTotal: number;
  /** The folder's other files, not read, with why (see `readable.ts`). */
  unread: UnreadFile[];
  /** Their size in bytes. */
  bytesTotal: number;
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
