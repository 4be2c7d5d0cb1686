/**
 * The belt-and-braces guard against pupil identifiers leaving the SENCO's machine: field names that hold
 * identifiers, a UPN look-alike test, and a scan that throws if an identifier is still present.
 */
import { InvalidArgumentError } from "../errors.js";

/**
 * Field names that hold a pupil identifier (compared without case, spaces, `_` or `-`). Disclosure control
 * removes fields with these names from anything that is not for the SENCO.
 */
export const PUPIL_IDENTIFIER_FIELDS = [
  "pupilId", "upn", "misId", "forename", "surname", "dateOfBirth", "name",
  "fullName", "legalForename", "legalSurname", "preferredForename", "preferredSurname", "dob", "uln",
] as const;

const IDENTIFIER_KEYS = new Set(PUPIL_IDENTIFIER_FIELDS.map(normaliseKey));

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[\s_-]/g, "");
}

/**
 * Whether a field name is one of `PUPIL_IDENTIFIER_FIELDS` (ignoring case, spaces, `_` and `-`).
 * @example
 * isPupilIdentifierField("Date_of_birth") // => true
 * isPupilIdentifierField("schoolName") // => false
 */
export function isPupilIdentifierField(key: string): boolean {
  let known = KEY_VERDICTS.get(key);
  if (known === undefined) {
    known = IDENTIFIER_KEYS.has(normaliseKey(key));
    if (KEY_VERDICTS.size < MAX_KEY_VERDICTS) KEY_VERDICTS.set(key, known);
  }
  return known;
}

/** Field names already judged: a large result repeats a few dozen names ~10M times. Bounded, for odd inputs. */
const KEY_VERDICTS = new Map<string, boolean>();
const MAX_KEY_VERDICTS = 10_000;

// DfE UPN format: a letter, 11 digits, then a digit or (temporary UPN) a letter. Matched as a whole token,
// whatever the check letter, so that invalid UPNs are caught as well as valid ones.
const UPN_TOKEN = /(?<![A-Za-z0-9])[A-Za-z]\d{11}[A-Za-z0-9](?![A-Za-z0-9])/;

/**
 * Whether a string holds something shaped like a UPN (13 characters: a letter, 11 digits and a digit or
 * letter, DfE UPN guidance), on its own or inside a longer text. The check letter is not verified: an invalid
 * UPN identifies a pupil just as well.
 * @example
 * looksLikeUpn("X201300125001") // => true
 * looksLikeUpn("see pupil X201300125001") // => true
 * looksLikeUpn("Comprehension") // => false
 */
export function looksLikeUpn(value: string): boolean {
  return UPN_TOKEN.test(value);
}

/** The identifiers of the pupils whose data a result was computed from, for `findPupilIdentifiers`. */
export interface KnownPupil {
  upn?: string | null;
  misId?: string | null;
  forename?: string | null;
  surname?: string | null;
  dateOfBirth?: string | null;
}

/** One identifier found by `findPupilIdentifiers`: where (a JSON path) and what kind (never the value). */
export interface IdentifierFinding {
  path: string;
  kind: "identifier field" | "UPN" | "MIS id" | "name" | "date of birth";
}

function dateForms(iso: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return [iso];
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const dn = String(Number(d));
  const mn = String(Number(mo));
  return [iso, `${d}/${mo}/${y}`, `${dn}/${mn}/${y}`, `${d}-${mo}-${y}`, `${d}.${mo}.${y}`, `${y}/${mo}/${d}`, `${mo}/${d}/${y}`];
}

interface Needles {
  /** Identifiers looked for inside strings (upper case), by text. */
  substrings: Map<string, IdentifierFinding["kind"]>;
  /** Their distinct lengths, shortest first. */
  lengths: number[];
  exact: Map<string, IdentifierFinding["kind"]>;
}

/**
 * Where a pupil's identifier could match in the strings of a result: the first 1 to 4 characters (upper case)
 * at each word start, and each string trimmed. Needles that cannot match are not kept, so that a trust of
 * 100,000 pupils does not build a map of ~1M needles to look up a few thousand strings.
 */
interface Openings {
  starts: Set<string>;
  trimmed: Set<string>;
}

const OPENING = 4;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function openingsOf(strings: Iterable<string>): Openings {
  const starts = new Set<string>();
  const trimmed = new Set<string>();
  for (const text of strings) {
    trimmed.add(text.trim());
    const up = text.toUpperCase();
    for (let i = 0; i < up.length; i += 1) {
      if (i > 0 && WORD_CHAR.test(up[i - 1] ?? "")) continue;
      for (let length = 1; length <= OPENING && i + length <= up.length; length += 1) starts.add(up.slice(i, i + length));
    }
  }
  return { starts, trimmed };
}

function needlesFor(pupils: readonly KnownPupil[], openings: Openings): Needles {
  const substrings: Needles["substrings"] = new Map();
  const exact: Needles["exact"] = new Map();
  const add = (text: string, kind: IdentifierFinding["kind"]): void => {
    if (!openings.starts.has(text.slice(0, OPENING))) return;
    if (!substrings.has(text)) substrings.set(text, kind);
  };
  const setExact = (text: string, kind: IdentifierFinding["kind"]): void => {
    if (openings.trimmed.has(text)) exact.set(text, kind);
  };
  for (const p of pupils) {
    const upn = p.upn?.trim();
    if (upn) add(upn.toUpperCase(), "UPN");
    const misId = p.misId?.trim();
    if (misId && misId.length >= 4) setExact(misId, "MIS id");
    const fore = p.forename?.trim() ?? "";
    const sur = p.surname?.trim() ?? "";
    if (fore && sur) {
      add(`${fore} ${sur}`.toUpperCase(), "name");
      add(`${sur}, ${fore}`.toUpperCase(), "name");
      add(`${sur} ${fore}`.toUpperCase(), "name");
    }
    if (fore.length >= 2) setExact(fore, "name");
    if (sur.length >= 2) setExact(sur, "name");
    if (p.dateOfBirth) for (const form of dateForms(p.dateOfBirth)) add(form, "date of birth");
  }
  const lengths = [...new Set([...substrings.keys()].map((t) => t.length))].sort((a, b) => a - b);
  return { substrings, lengths, exact };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * The kind of the first identifier that starts a word inside `text` (case ignored), or null. Looks up each
 * word start and each needle length in a hash map, so the cost grows with the text, not with the number of
 * pupils.
 */
function findInside(text: string, needles: Needles): IdentifierFinding["kind"] | null {
  if (needles.lengths.length === 0) return null;
  const up = text.toUpperCase();
  for (let i = 0; i < up.length; i += 1) {
    if (i > 0 && WORD_CHAR.test(up[i - 1] ?? "")) continue;
    for (const length of needles.lengths) {
      if (i + length > up.length) break;
      const kind = needles.substrings.get(up.slice(i, i + length));
      if (kind !== undefined) return kind;
    }
  }
  return null;
}

/**
 * Every place in a JSON-like value where a pupil identifier is present: a field named as in
 * `PUPIL_IDENTIFIER_FIELDS` with a non-empty value, a string shaped like a UPN, and, when `pupils` is given,
 * any of their UPNs, full names (either order) or dates of birth (ISO, dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy,
 * dd.mm.yyyy, yyyy/mm/dd, mm/dd/yyyy) starting a word inside a string (not a string that is only an ISO date:
 * that is one of the report's own dates, and a trust's pupils were born on most days of their birth years), or a forename, surname or MIS id (4+ characters) as a
 * whole string value, with case (whole values only, so that a label such as "Summer-born" or "summer" does
 * not match a pupil named Summer). Case is ignored for UPNs and full names. Findings name the path, never the identifier itself.
 * @param value the result to scan
 * @param pupils the pupils the result was computed from (optional)
 * @example
 * findPupilIdentifiers({ rows: [{ upn: "X201300125001" }] })
 * // => [{ path: "$.rows[0].upn", kind: "identifier field" }, { path: "$.rows[0].upn", kind: "UPN" }]
 */
export function findPupilIdentifiers(value: unknown, pupils: readonly KnownPupil[] = []): IdentifierFinding[] {
  const strings = new Set<string>();
  const identifierFields = collectStrings(value, strings);
  const needles = needlesFor(pupils, pupils.length === 0 ? { starts: new Set(), trimmed: new Set() } : openingsOf(strings));
  // What each distinct string holds, worked out once: a large result repeats a few thousand strings.
  const kinds = new Map<string, Array<IdentifierFinding["kind"]>>();
  for (const text of strings) {
    const found: Array<IdentifierFinding["kind"]> = [];
    if (looksLikeUpn(text)) found.push("UPN");
    const exactKind = needles.exact.get(text.trim());
    if (exactKind) found.push(exactKind);
    // A value that is a bare ISO date is one of the report's own dates (an as-of date, the span of the data, an
    // intervention's start): in a trust of a few thousand pupils most days of their birth years are someone's
    // birthday, so it is not taken for a date of birth (a date inside any other text still is).
    const inside = ISO_DATE.test(text) ? null : findInside(text, needles);
    if (inside !== null) found.push(inside);
    if (found.length > 0) kinds.set(text, found);
  }
  // Nothing to report (the usual case): no need to walk again for paths.
  if (kinds.size === 0 && !identifierFields) return [];
  const findings: IdentifierFinding[] = [];
  // The path is kept as segments and written out only for a finding.
  const segments: Array<string | number> = [];
  const pathNow = (): string => `$${segments.map((s) => (typeof s === "number" ? `[${s}]` : `.${s}`)).join("")}`;
  const visit = (node: unknown): void => {
    if (typeof node === "string") {
      const found = kinds.get(node);
      if (found !== undefined) for (const kind of found) findings.push({ path: pathNow(), kind });
      return;
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i += 1) {
        segments.push(i);
        visit(node[i]);
        segments.pop();
      }
      return;
    }
    if (node !== null && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) {
        segments.push(key);
        if (isPupilIdentifierField(key) && child !== null && child !== undefined && child !== "") {
          findings.push({ path: pathNow(), kind: "identifier field" });
        }
        visit(child);
        segments.pop();
      }
    }
  };
  visit(value);
  return findings;
}

/** Adds every string in `node` to `strings`; true when a field named as an identifier holds a value. */
function collectStrings(node: unknown, strings: Set<string>): boolean {
  if (typeof node === "string") {
    strings.add(node);
    return false;
  }
  let identifierField = false;
  if (Array.isArray(node)) {
    for (const item of node) if (collectStrings(item, strings)) identifierField = true;
  } else if (node !== null && typeof node === "object") {
    for (const key of Object.keys(node)) {
      const child = (node as Record<string, unknown>)[key];
      if (isPupilIdentifierField(key) && child !== null && child !== undefined && child !== "") identifierField = true;
      if (collectStrings(child, strings)) identifierField = true;
    }
  }
  return identifierField;
}

/**
 * Throws when `findPupilIdentifiers` finds anything: the last check before a result leaves the SENCO.
 * @param value the result to check
 * @param pupils the pupils the result was computed from (optional; see `findPupilIdentifiers`)
 * @param functionName the function to name in the error; default `"assertNoPupilIdentifiers"`
 * @throws {InvalidArgumentError} naming the first few paths and kinds of identifier found (not the values)
 * @example
 * assertNoPupilIdentifiers({ n: 12, rate: 0.5 }) // => undefined (nothing found)
 * let message; try { assertNoPupilIdentifiers({ note: "X201300125001" }); } catch (e) { message = e.message; }
 * message // => "assertNoPupilIdentifiers: pupil identifiers would leak: UPN at $.note"
 */
export function assertNoPupilIdentifiers(
  value: unknown,
  pupils: readonly KnownPupil[] = [],
  functionName = "assertNoPupilIdentifiers",
): void {
  const findings = findPupilIdentifiers(value, pupils);
  if (findings.length === 0) return;
  const shown = findings.slice(0, 5).map((f) => `${f.kind} at ${f.path}`).join("; ");
  const more = findings.length > 5 ? ` and ${findings.length - 5} more` : "";
  throw new InvalidArgumentError(functionName, `pupil identifiers would leak: ${shown}${more}`);
}
