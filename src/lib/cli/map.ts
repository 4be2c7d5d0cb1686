/**
 * `sendscope map <folder>`: write a draft `sendscope.mapping.json` for the files sendscope could not read
 * fully, so a SENCO edits a mapping rather than writes one. For each such file the draft holds:
 *
 * - `values` it needs (a test's subject or assessment point, an attendance summary's period), filled with
 *   sendscope's guess where it has one and left `""` where it has none (an empty value is not used);
 * - for a file it did not recognise, `columns` guessed from headers close to a known field, and its `kind`;
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
import { FIELDS, normaliseHeader } from "../import/layouts.js";
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

const stem = (word: string): string => word.replace(/(ing|ed|es|s)$/, "");
const words = (header: string): string[] => normaliseHeader(header).split(" ").filter((w) => w !== "").map(stem);

/** How alike two headers are: 1 when equal (as headers compare), 0.9 when one holds the other, else 0.8 × the share of (stemmed) words in common. */
function likeness(a: string, b: string): number {
  const x = normaliseHeader(a);
  const y = normaliseHeader(b);
  if (x === "" || y === "") return 0;
  if (x === y) return 1;
  if ((x.length >= 3 && ` ${y} `.includes(` ${x} `)) || (y.length >= 3 && ` ${x} `.includes(` ${y} `))) return 0.9;
  const wa = new Set(words(a));
  const wb = new Set(words(b));
  const common = [...wa].filter((w) => wb.has(w)).length;
  return (0.8 * common) / Math.max(wa.size, wb.size);
}

/** A header's closest field of one kind. */
export interface FieldGuess {
  field: string;
  /** The known header it resembles. */
  alias: string;
  /** 1 for a known header; at least 0.4 for a guess. */
  likeness: number;
}

/**
 * The closest field of a kind for a header: the field whose known header is most like it (1 when it is one;
 * otherwise at least half its words in common, or one holding the other), or null.
 * @example
 * guessField("Pupil UPN No", "interventions") // => { field: "upn", alias: "upn", likeness: 0.9 }
 * guessField("Date Started", "interventions") // => { field: "startDate", alias: "start_date", likeness: 0.8 }
 * guessField("Favourite colour", "pupils") // => null
 */
export function guessField(header: string, kind: FileKind): FieldGuess | null {
  let best: FieldGuess | null = null;
  for (const spec of FIELDS[kind]) {
    for (const alias of [...Object.values(spec.headers).flat(), ...(spec.other ?? [])]) {
      const score = likeness(header, alias);
      if (score >= 0.4 && (best === null || score > best.likeness)) best = { field: spec.field, alias, likeness: score };
    }
  }
  return best;
}

/** The kind a header row most resembles: the most likeness summed over its headers, pupil keys left out. */
function likeliestKind(header: readonly string[]): FileKind | undefined {
  let best: { kind: FileKind; score: number } | undefined;
  for (const kind of FILE_KINDS) {
    let score = 0;
    for (const h of header) {
      const guess = guessField(h, kind);
      if (guess !== null && guess.field !== "upn" && guess.field !== "misId") score += guess.likeness;
    }
    if (score > 0 && (best === undefined || score > best.score)) best = { kind, score };
  }
  return best?.kind;
}

/**
 * A draft mapping entry for one opened file, or null when the file was read fully (or cannot be helped by a
 * mapping: empty, not text, a damaged workbook).
 * @example
 * draftEntry(openFormatted("GL PTE 9 summer 2025.csv", bytes, none)[0])
 * // => { _why: "…", values: { subject: "", "_why subject": "PTE (Progress Test in English) has no one sendscope subject" } }
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
    for (const header of result.header) {
      const guess = guessField(header, kind);
      if (guess === null) {
        if (header.trim() !== "") unmatched.push(header);
      } else if (guess.likeness < 1) {
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
