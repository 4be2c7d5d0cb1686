/**
 * A user's own column mapping, for exports whose headers sendscope does not know. A mapping file
 * (`sendscope.mapping.json` in the folder, or passed as `--mapping file.json`) looks like:
 *
 * ```json
 * {
 *   "columns": { "Pupil Ref": "upn", "Family name": "surname" },
 *   "files": { "provision-2025.csv": { "kind": "interventions", "columns": { "Programme": "intervention" } } }
 * }
 * ```
 *
 * `columns` apply to every file (header → field, for whichever kind has that field); `files` name a file
 * (by its name relative to the folder; a workbook's sheet as `file.xlsx#Sheet`, or the workbook for all its
 * sheets) and may force its kind, and say `"dateOrder": "mdy"` when all of the file's numeric dates are
 * month-first (a US export, or one re-saved by Excel on US settings; sendscope never guesses it): then its rows'
 * dates, the dates of birth checked against the roster, session marks' dates, a period in its title line or name,
 * and the dates its entry's `values` give are all read month-first. Field names are those of `FIELDS` in `layouts.ts` (the generic layout's
 * headers in camelCase: `dateOfBirth`, `sessionsAttended` …).
 *
 * A file's entry can also say what its columns cannot (see `formats/shape.ts`): `values`, one value for every
 * row (`subject`, `measure`, `assessmentPoint` or `date`, `academicYear`, `term`, and an attendance summary's
 * `periodStart` and `periodEnd`); `measures`, which column holds which measure (`{"SAS": "standardised"}`);
 * `ignore`, columns to leave out without reporting them. JSON has no comments: any key starting with `_`
 * (`"_comment"`, `"_why"`) is allowed anywhere and ignored, so `sendscope map` can explain each guess.
 */
import { z } from "zod";
import { FileKind } from "../schema/report.js";

/** An object without its comment keys (those starting with `_`); anything else unchanged. */
function withoutComments(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith("_")));
}

/**
 * The schema of a column mapping.
 * @example
 * ColumnMapping.parse({ columns: { "Pupil Ref": "upn" } }) // => { columns: { "Pupil Ref": "upn" }, files: {} }
 */
export const ColumnMapping = z.object({
  columns: z.preprocess(withoutComments, z.record(z.string(), z.string())).default({}),
  files: z.preprocess(withoutComments, z.record(z.string(), z.object({
    kind: FileKind.optional(),
    columns: z.preprocess(withoutComments, z.record(z.string(), z.string())).default({}),
    values: z.preprocess(withoutComments, z.object({
      subject: z.string().optional(),
      measure: z.string().optional(),
      assessmentPoint: z.string().optional(),
      date: z.string().optional(),
      academicYear: z.string().optional(),
      term: z.string().optional(),
      periodStart: z.string().optional(),
      periodEnd: z.string().optional(),
    }).strict()).optional(),
    measures: z.preprocess(withoutComments, z.record(z.string(), z.string())).optional(),
    ignore: z.array(z.string()).optional(),
    // The order of day and month in all of the file's numeric dates: "mdy" for a US (month-first) export.
    dateOrder: z.enum(["dmy", "mdy"]).optional(),
  }))).default({}),
  // Names for governors and the public, by the provision map's intervention name ("1:1 with Mrs Patel" →
  // "Reading 1:1"): a name that could identify a pupil or member of staff is otherwise published as
  // "Intervention A". Checked like any published name.
  interventionNames: z.preprocess(withoutComments, z.record(z.string(), z.string())).optional(),
});
/** A user's column mapping. */
export type ColumnMapping = z.infer<typeof ColumnMapping>;

/**
 * The mapping that applies to one file: the global columns overlaid with the file's own, and its forced kind.
 * @example
 * mappingForFile({ columns: { A: "upn" }, files: { "x.csv": { kind: "pupils", columns: { B: "surname" } } } }, "x.csv")
 * // => { kind: "pupils", columns: { A: "upn", B: "surname" } }
 */
export function mappingForFile(
  mapping: ColumnMapping | undefined,
  file: string,
): FileMapping {
  if (mapping === undefined) return { kind: undefined, columns: {} };
  const base = file.split("/").pop() ?? file;
  const workbook = (name: string) => name.replace(/#[^#]*$/, "");
  const own = mapping.files[file] ?? mapping.files[base] ?? mapping.files[workbook(file)] ?? mapping.files[workbook(base)];
  const found: FileMapping = { kind: own?.kind, columns: { ...mapping.columns, ...(own?.columns ?? {}) } };
  if (own?.values !== undefined) found.values = own.values;
  if (own?.measures !== undefined) found.measures = own.measures;
  if (own?.ignore !== undefined) found.ignore = own.ignore;
  if (own?.dateOrder !== undefined) found.dateOrder = own.dateOrder;
  return found;
}

/** One file's entry of a mapping (see `ColumnMapping`). */
type FileEntry = ColumnMapping["files"][string];

/**
 * The mapping that applies to one file: its forced kind and columns, and what its columns cannot say (fixed
 * `values`, `measures` by column, columns to `ignore`), when the mapping has them.
 */
export interface FileMapping {
  kind: FileKind | undefined;
  columns: Record<string, string>;
  values?: NonNullable<FileEntry["values"]>;
  measures?: Record<string, string>;
  ignore?: string[];
  /** The order of day and month in the file's numeric dates (absent: day first). */
  dateOrder?: "dmy" | "mdy";
}
