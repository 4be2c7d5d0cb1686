/**
 * Shared strings for the values an export repeats on row after row (pupil ids, dates, grades, names).
 *
 * Every CSV cell is a fresh string, and a cell of 13 characters or more (a UPN, a staff name) is, in V8, a
 * slice that keeps the whole file's text alive for as long as the cell is held. Interning gives each distinct
 * value one string of its own (not a slice), shared by every record that holds it: on the 100,000-pupil
 * benchmark, 2.5 million results share some 200,000 pupil ids, and no file's text outlives its import.
 */
import { InvalidArgumentError } from "../errors.js";

/**
 * A copy of a string that shares no memory with the string it came from (so holding it does not keep a
 * larger text alive).
 * @example
 * detachedCopy("X201300125001") // => "X201300125001"
 */
export function detachedCopy(text: string): string {
  // V8 copies substrings shorter than 13 characters (only longer ones are views), so a short string holds no text.
  if (text.length < 13) return text;
  // JSON.parse builds a new flat string; a plain `slice` or `toUpperCase` can return a view of the original.
  return JSON.parse(JSON.stringify(text)) as string;
}

/**
 * The engine's one shared copy of a text, as it keeps for property names (V8's "internalized" strings): two
 * internalized strings are equal only when they are the same string, so comparing two that differ is one
 * pointer comparison rather than a look at their characters. Worth it for the few values that millions of
 * records hold and the analyses compare over and over (assessment points, dates, academic years): profiling
 * the results takes less time (figures in `src/bench/README.md`). Use it on short codes and labels made
 * by sendscope (not on cells cut from a file: see `detachedCopy`).
 * @example
 * internalized(`${"2024/25"} ${"autumn"}`) === "2024/25 autumn" // => true
 */
export function internalized(text: string): string {
  // A property name is internalized: the key of a one-property object is the shared copy.
  const holder: Record<string, true> = { [text]: true };
  for (const key in holder) return key;
  return text;
}

/**
 * A table of shared strings: `intern(text)` returns the one string the table holds for that value.
 * When the table reaches `limit` distinct values it starts again empty (values still equal, only less shared),
 * so a table never grows without bound.
 * @example
 * const table = new StringTable();
 * const a = table.intern("2024-09-03");
 * table.intern("2024-09-03") === a // => true
 * table.size // => 1
 */
export class StringTable {
  private readonly strings = new Map<string, string>();

  /**
   * @param limit the most distinct values held at once; default 500,000
   * @throws {InvalidArgumentError} when `limit` is not a positive whole number
   */
  constructor(private readonly limit = 500_000) {
    if (!Number.isInteger(limit) || limit < 1) throw new InvalidArgumentError("StringTable", `limit must be a positive whole number, not ${limit}`);
  }

  /** The number of distinct values held. */
  get size(): number {
    return this.strings.size;
  }

  /** The shared string equal to `text` (a detached copy of `text` the first time it is seen). */
  intern(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    if (this.strings.size >= this.limit) this.strings.clear();
    const own = detachedCopy(text);
    this.strings.set(own, own);
    return own;
  }

  /** `intern(text)`, or null for null. */
  internOrNull(text: string | null): string | null {
    return text === null ? null : this.intern(text);
  }
}

/**
 * A text parser that remembers its answers: an export repeats the same few hundred values (dates, codes,
 * marks) on millions of rows, so each distinct text is parsed once and every row gets the same (shared,
 * never modified) answer. `parse` must depend on the text alone. At `limit` distinct texts the memory starts
 * again empty.
 * @param parse the parser to remember (e.g. `parseDate`)
 * @param limit the most texts remembered at once; default 10,000
 * @throws {InvalidArgumentError} when `limit` is not a positive whole number
 * @example
 * const parseDateOnce = memoized(parseDate);
 * parseDateOnce("03/09/2024") // => { ok: true, value: "2024-09-03" }
 * parseDateOnce("03/09/2024") === parseDateOnce("03/09/2024") // => true
 */
export function memoized<T>(parse: (text: string) => T, limit = 10_000): (text: string) => T {
  if (!Number.isInteger(limit) || limit < 1) throw new InvalidArgumentError("memoized", `limit must be a positive whole number, not ${limit}`);
  const answers = new Map<string, T>();
  // Consecutive rows often repeat a value (a term, a year): comparing with the last text is quicker than hashing it.
  let lastText: string | null = null;
  let lastAnswer: T | undefined;
  return (text: string): T => {
    if (text === lastText) return lastAnswer as T;
    // Only a short text is held (a longer one may be a view that keeps a whole file's text alive).
    lastText = text.length < 13 ? text : null;
    lastAnswer = answers.get(text);
    if (lastAnswer !== undefined) return lastAnswer;
    lastAnswer = remember(text);
    return lastAnswer;
  };

  function remember(text: string): T {
    const answer = parse(text);
    if (answers.size >= limit) answers.clear();
    // Keyed by a detached copy, so a remembered text never keeps a file's text alive.
    answers.set(detachedCopy(text), answer);
    return answer;
  }
}
