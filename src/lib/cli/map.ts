/**
 * `sendscope map <folder>`: write a draft `sendscope.mapping.json` for the files sendscope could not read
 * fully, so a SENCO edits a mapping rather than writes one. For each such file the draft holds:
 *
 * - `values` it needs (a test's subject or assessment point, an attendance summary's period), filled with
 *   sendscope's guess where it has one and left `""` where it has none (an empty value is not used);
 * - for a file it did not recognise, its `kind` and `columns` guessed from headers close to a known field, by
 *   the rule `validate` names a column not read by (`nearField`);
 * - a `"_why"` for the file and a `"_why <key>"` beside each guess (keys starting with `_` are comments: the
 *   mapping schema accepts and ignores them).
 *
 * An existing mapping file is never overwritten without `--force`.
 */
import { access, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ImportError } from "../errors.js";
import { openFormatted } from "../import/formats/index.js";
import type { OpenedExport } from "../import/import-file.js";
import { MAPPING_FILE_NAME, planFolder, readPlannedSchool } from "../import/import-folder.js";
import { FIELDS, knownHeadersOf, normaliseHeader } from "../import/layouts.js";
import { nearField } from "../import/unread-columns.js";
import { ColumnMapping } from "../import/mapping.js";
import { FILE_KINDS, type FileKind } from "../schema/report.js";
import type { CommandIo } from "./io.js";

/** Options of `map`. */
export interface MapOptions {
  /** Replace an existing mapping file. */
  force?: boolean;
  /** Where to write the draft; default `sendscope.mapping.json` in the folder. */
  out?: string;
}

/** The problems that say a whole file was not read for want of what a mapping can say. */
const FILE_CODES = new Set(["unknown-export", "attendance-period-unknown", "test-subject-unknown", "test-point-unknown", "test-subjects-mixed"]);

/** One file's entry in a draft mapping (plain JSON, with comment keys). */
export type DraftEntry = Record<string, unknown>;

/** A header's field of one kind: the field it names, or the one it is most like. */
export interface FieldGuess {
  field: string;
  /** The known header it names or resembles. */
  alias: string;
  /** True when the header is one sendscope knows for the field (as headers compare); false for a guess. */
  known: boolean;
}

/** The fields of a kind that headers name (as headers compare; the first header to name one), by header. */
function knownFields(headers: readonly string[], kind: FileKind): Map<string, FieldGuess> {
  const found = new Map<string, FieldGuess>();
  const taken = new Set<string>();
  for (const header of headers) {
    const key = normaliseHeader(header);
    if (key === "") continue;
    for (const spec of FIELDS[kind]) {
      const alias = taken.has(spec.field) ? undefined : knownHeadersOf(spec).find((h) => normaliseHeader(h) === key);
      if (alias !== undefined) {
        found.set(header, { field: spec.field, alias, known: true });
        taken.add(spec.field);
        break;
      }
    }
  }
  return found;
}

/**
 * The field of a kind for each header of a row: the field a header names, else the field `validate` would say
 * it may be (`nearField`, among the fields no other header names), else none. One rule with `validate`, so the
 * two never name different fields for one column.
 * @example
 * guessFields(["Pupil UPN No", "Intervention Name", "Date Started"], "interventions").get("Date Started")
 * // => { field: "startDate", alias: "start_date", known: false }
 */
export function guessFields(headers: readonly string[], kind: FileKind): Map<string, FieldGuess> {
  const guesses = knownFields(headers, kind);
  const read = new Set([...guesses.values()].map((g) => g.field));
  for (const header of headers) {
    if (guesses.has(header) || header.trim() === "") continue;
    const near = nearField(kind, header, read);
    if (near !== null) guesses.set(header, { ...near, known: false });
  }
  return guesses;
}

/**
 * The kind a header row most resembles: the most headers that name or are like one of its fields (then the most
 * that name one), pupil keys left out.
 */
function likeliestKind(header: readonly string[]): FileKind | undefined {
  let best: { kind: FileKind; like: number; known: number } | undefined;
  for (const kind of FILE_KINDS) {
    const guesses = [...guessFields(header, kind).values()].filter((g) => g.field !== "upn" && g.field !== "misId");
    const like = guesses.length;
    const known = guesses.filter((g) => g.known).length;
    if (like > 0 && (best === undefined || like > best.like || (like === best.like && known > best.known))) best = { kind, like, known };
  }
  return best?.kind;
}

/**
 * A draft mapping entry for one opened file, or null when the file was read fully (or cannot be helped by a
 * mapping: empty, not text, a damaged workbook).
 * @example
 * const none = () => ({ kind: undefined, columns: {} });
 * // A GL PTE export: sendscope does not guess a subject for PTE, so the draft asks for one, left empty.
 * const pte = new TextEncoder().encode("UPN,Surname,Forename,Raw score,Standardised score\nA1,Lee,Sam,30,98\n");
 * draftEntry(openFormatted("GL PTE 9 summer 2025.csv", pte, none)[0])?.values?.subject // => ""
 */
export function draftEntry(opened: OpenedExport): DraftEntry | null {
  const { result } = opened;
  const needs = result.needs ?? [];
  const fileError = result.problems.find((p) => p.severity === "error" && FILE_CODES.has(p.code));
  if (needs.length > 0) {
    const values: Record<string, string> = {};
    for (const need of needs) {
      if (need.key === "measures") continue;
      values[need.key] = need.guess ?? "";
      values[`_why ${need.key}`] = `${need.why}${need.guess === undefined ? "; fill this in" : "; a guess: check it"}`;
    }
    return { _why: fileError?.message ?? "sendscope could not read this file fully", values };
  }
  if (result.kind === null && result.header !== undefined && fileError?.code === "unknown-export") {
    const kind = likeliestKind(result.header);
    const entry: DraftEntry = { _why: fileError.message };
    if (kind === undefined) {
      entry["_not matched"] = "no header is like a field sendscope knows: set \"kind\" and map each column to a field (see README, \"Your own column mapping\")";
      return entry;
    }
    entry.kind = kind;
    entry["_why kind"] = `most of its headers are like ${kind} fields; a guess: check it`;
    const columns: Record<string, string> = {};
    const unmatched: string[] = [];
    const guesses = guessFields(result.header, kind);
    for (const header of result.header) {
      const guess = guesses.get(header);
      if (guess === undefined) {
        if (header.trim() !== "") unmatched.push(header);
      } else if (!guess.known) {
        columns[header] = guess.field;
        columns[`_why ${header}`] = `looks like '${guess.alias}' (${guess.field}); a guess: check it`;
      }
    }
    entry.columns = columns;
    if (unmatched.length > 0) {
      entry["_not matched"] = `${unmatched.map((h) => `'${h}'`).join(", ")}: map each to a field (see README, "Your own column mapping"), or list it under "ignore" if it is not needed`;
    }
    return entry;
  }
  return null;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Run `sendscope map`: read every file of a folder (without any mapping), and write a draft mapping for those
 * not read fully. Exit status 0 (draft written, or nothing to map), 2 (the folder cannot be read, or a mapping
 * file is already there and `--force` was not given).
 * @example
 * await runMap("exports", {}, io) // => 0 (writes exports/sendscope.mapping.json)
 */
export async function runMap(folder: string, options: MapOptions, io: CommandIo): Promise<number> {
  const out = options.out ?? join(folder, MAPPING_FILE_NAME);
  if (options.force !== true && await exists(out)) {
    io.stderr(`sendscope map: ${out} already exists; edit it, or run with --force to replace it with a new draft\n`);
    return 2;
  }
  let plan;
  try {
    plan = await planFolder(folder, { mapping: { columns: {}, files: {} } });
  } catch (error) {
    if (error instanceof ImportError) {
      io.stderr(`sendscope map: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const files: Record<string, DraftEntry> = {};
  const none = () => ({ kind: undefined, columns: {} });
  for (let index = 0; index < plan.schools.length; index += 1) {
    const contents = await readPlannedSchool(plan, index);
    plan.schools[index]!.files.forEach(({ file }, at) => {
      for (const opened of openFormatted(file, contents[at] ?? new Uint8Array(0), none)) {
        const entry = draftEntry(opened);
        if (entry !== null) files[opened.result.file] = entry;
      }
    });
  }
  const names = Object.keys(files);
  if (names.length === 0) {
    io.stdout(`Every file in ${folder} was recognised and needs nothing a mapping would say; no mapping written.\n`);
    return 0;
  }
  const draft = {
    _comment: "Draft written by sendscope map. Fill in each empty value, check each guess (the \"_why\" beside it), then run sendscope validate. Keys starting with _ are comments and are ignored.",
    columns: {},
    files,
  };
  ColumnMapping.parse(draft);
  await writeFile(out, `${JSON.stringify(draft, null, 2)}\n`);
  io.stdout(`Wrote a draft mapping for ${names.length} file${names.length === 1 ? "" : "s"} to ${out}:\n${names.map((n) => `  ${n}: ${String(files[n]!._why)}\n`).join("")}` +
    "Fill in the empty values, check each guess, then run sendscope validate.\n");
  return 0;
}
