/**
 * The import report: what each file was, how many of its rows were imported, and every problem found.
 */
import { z } from "zod";

/** The kinds of export sendscope recognises from a file's headers. */
export const FILE_KINDS = [
  "pupils", "senRegister", "assessments", "interventions", "attendance", "suspensions", "targets",
  "ehcRequests",
] as const;
/** Zod enum of file kinds. @example FileKind.parse("pupils") // => "pupils" */
export const FileKind = z.enum(FILE_KINDS);
/** A kind of export. */
export type FileKind = z.infer<typeof FileKind>;

/** The header layouts sendscope knows (`custom` = a user-supplied column mapping). */
export const LAYOUTS = ["sims", "arbor", "bromcom", "scholarpack", "generic", "custom"] as const;
/** Zod enum of header layouts. @example Layout.parse("arbor") // => "arbor" */
export const Layout = z.enum(LAYOUTS);
/** A header layout. */
export type Layout = z.infer<typeof Layout>;

/**
 * A problem found in an export. `error` means the row was rejected; `warning` means the row was imported but
 * something looks wrong. `line` is the 1-based line in the file (the header is line 1); `line: 0` means the
 * file as a whole (unreadable, unrecognised). `code` is a stable key for grouping problems of one reason.
 * @example
 * Problem.parse({ file: "pupils.csv", line: 7, column: "UPN", severity: "error", code: "upn-check-letter",
 *   message: "UPN 'A12345678901B' has the wrong check letter (expected 'K')" })
 */
export const Problem = z.object({
  file: z.string(),
  line: z.number().int().nonnegative(),
  column: z.string().nullable(),
  severity: z.enum(["error", "warning"]),
  code: z.string(),
  message: z.string(),
});
/** A problem found in an export. */
export type Problem = z.infer<typeof Problem>;

/**
 * What happened to one file. `rows` data rows were read below the header; `imported + rejected + skipped
 * === rows` always (`skipped`, 0 when absent, counts summary rows such as 'Total' and blank rows: neither
 * imported nor rejected; `skippedRows` says which and why). `ignoredColumns` names the columns read for
 * nothing (absent when none). `kind` is null when the file could not be recognised or read (its problems
 * say why).
 * @example
 * FileReport.parse({ file: "pupils.csv", kind: "pupils", layout: "sims", encoding: "utf-8",
 *   rows: 420, imported: 418, rejected: 2 })
 */
export const FileReport = z.object({
  file: z.string(),
  kind: FileKind.nullable(),
  layout: Layout.nullable(),
  encoding: z.string().nullable(),
  rows: z.number().int().nonnegative(),
  imported: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative().optional(),
  skippedRows: z.array(z.object({ line: z.number().int().positive(), reason: z.string() })).optional(),
  ignoredColumns: z.array(z.string()).optional(),
});
/** What happened to one file. */
export type FileReport = z.infer<typeof FileReport>;

/**
 * A file in an imported folder that was not read (a workbook, a PDF, a CTF …): why, and what to do.
 * @example
 * UnreadFile.parse({ file: "marks.xlsx", reason: "a spreadsheet workbook, which sendscope does not read: …" })
 */
export const UnreadFile = z.object({ file: z.string(), reason: z.string() });
/** A file not read. */
export type UnreadFile = z.infer<typeof UnreadFile>;
