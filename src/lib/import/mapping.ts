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
 * (by its name relative to the folder) and may force its kind, and say `"dateOrder": "mdy"` when all of the
 * file's numeric dates are month-first (a US export; sendscope never guesses it). Field names are those of `FIELDS` in
 * `layouts.ts` (the generic layout's headers in camelCase: `dateOfBirth`, `sessionsAttended` …).
 */
import { z } from "zod";
import { FileKind } from "../schema/report.js";

/**
 * The schema of a column mapping.
 * @example
 * ColumnMapping.parse({ columns: { "Pupil Ref": "upn" } }) // => { columns: { "Pupil Ref": "upn" }, files: {} }
 */
export const ColumnMapping = z.object({
  columns: z.record(z.string(), z.string()).default({}),
  files: z
    .record(z.string(), z.object({
      kind: FileKind.optional(),
      columns: z.record(z.string(), z.string()).default({}),
      // The order of day and month in all of the file's numeric dates: "mdy" for a US (month-first) export.
      dateOrder: z.enum(["dmy", "mdy"]).optional(),
    }))
    .default({}),
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
): { kind: FileKind | undefined; columns: Record<string, string>; dateOrder?: "dmy" | "mdy" } {
  if (mapping === undefined) return { kind: undefined, columns: {} };
  const own = mapping.files[file] ?? mapping.files[file.split("/").pop() ?? file];
  const columns = { ...mapping.columns, ...(own?.columns ?? {}) };
  return own?.dateOrder === undefined ? { kind: own?.kind, columns } : { kind: own.kind, columns, dateOrder: own.dateOrder };
}
