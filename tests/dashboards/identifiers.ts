/**
 * Test helper: every pupil identifier in a folder of raw exports (UPNs, forenames, surnames, dates of birth
 * in dd/mm/yyyy and ISO forms), read straight from the CSVs with csv-parse (not through sendscope's import),
 * and a scan of a folder of files for them.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "csv-parse/sync";
import { decodeExport, isDecodeFailure } from "../../src/lib/import/decode.js";

/** The identifiers found in the exports. */
export interface InputIdentifiers {
  upns: Set<string>;
  forenames: Set<string>;
  surnames: Set<string>;
  /** Dates of birth, each in dd/mm/yyyy and yyyy-mm-dd. */
  birthDates: Set<string>;
}

const UPN = /\b[A-Z]\d{11}[0-9A-Z]\b/g;

function toBothForms(value: string): string[] {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (uk) {
    const dd = uk[1]!.padStart(2, "0"), mm = uk[2]!.padStart(2, "0"), yyyy = uk[3]!;
    return [`${dd}/${mm}/${yyyy}`, `${yyyy}-${mm}-${dd}`];
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso) return [`${iso[3]}/${iso[2]}/${iso[1]}`, value];
  return value === "" ? [] : [value];
}

/** Every identifier in the CSV files of `folder` (and its sub-folders). */
export function identifiersIn(folder: string): InputIdentifiers {
  const out: InputIdentifiers = { upns: new Set(), forenames: new Set(), surnames: new Set(), birthDates: new Set() };
  for (const file of listFiles(folder).filter((f) => f.toLowerCase().endsWith(".csv"))) {
    const decoded = decodeExport(readFileSync(file));
    if (isDecodeFailure(decoded)) continue;
    for (const m of decoded.text.matchAll(UPN)) out.upns.add(m[0]);
    const rows = parse(decoded.text, { relax_column_count: true, skip_empty_lines: true, relax_quotes: true }) as string[][];
    const header = (rows[0] ?? []).map((h) => h.replace(/\s+/g, " ").trim().toLowerCase());
    const cols = (re: RegExp) => header.flatMap((h, i) => (re.test(h) ? [i] : []));
    const upnCols = cols(/^u ?p ?n$|unique pupil/);
    const foreCols = cols(/forename|first ?name|given name|preferred name/);
    const surCols = cols(/surname|last ?name|family name/);
    const dobCols = cols(/^dob$|birth/);
    for (const row of rows.slice(1)) {
      const at = (i: number) => (row[i] ?? "").trim();
      for (const i of upnCols) if (at(i) !== "") out.upns.add(at(i));
      for (const i of foreCols) if (at(i) !== "") out.forenames.add(at(i));
      for (const i of surCols) if (at(i) !== "") out.surnames.add(at(i));
      for (const i of dobCols) for (const d of toBothForms(at(i))) out.birthDates.add(d);
    }
  }
  return out;
}

/** Every file under `folder`. */
export function listFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** One identifier found in one output file. */
export interface Finding {
  file: string;
  kind: "UPN" | "forename" | "surname" | "date of birth";
  value: string;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Scan every file under `folder` for the identifiers: UPNs and dates anywhere; names as whole words,
 * case-sensitive (also in their JSON-escaped form, e.g. "Jos\u00e9").
 */
export function scanForIdentifiers(folder: string, ids: InputIdentifiers): Finding[] {
  const findings: Finding[] = [];
  const nameRegex = (names: Set<string>) => {
    const forms = [...names].flatMap((n) => [n, JSON.stringify(n).slice(1, -1).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)]);
    return new RegExp(`(?<![\\p{L}\\p{N}_])(${[...new Set(forms)].map(escape).join("|")})(?![\\p{L}\\p{N}_])`, "gu");
  };
  const fore = nameRegex(ids.forenames), sur = nameRegex(ids.surnames);
  for (const file of listFiles(folder)) {
    const text = readFileSync(file, "latin1") + "\n" + readFileSync(file, "utf8");
    const rel = relative(folder, file);
    for (const upn of ids.upns) if (text.includes(upn)) findings.push({ file: rel, kind: "UPN", value: upn });
    for (const d of ids.birthDates) if (text.includes(d)) findings.push({ file: rel, kind: "date of birth", value: d });
    for (const m of text.matchAll(fore)) findings.push({ file: rel, kind: "forename", value: m[0] });
    for (const m of text.matchAll(sur)) findings.push({ file: rel, kind: "surname", value: m[0] });
  }
  return findings;
}
