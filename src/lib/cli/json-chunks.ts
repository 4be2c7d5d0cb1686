/**
 * Pretty-printed JSON in pieces: the same text as `JSON.stringify(value, null, indent)`, produced a section
 * at a time, so a trust's 140 MB report is written without first holding it as one string (and again as
 * one buffer) in memory.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The text of `JSON.stringify(value, null, indent)` in pieces, in order: objects and arrays down to `depth`
 * levels are opened, and each of their members below that is stringified whole (and re-indented to its
 * place). Joined, the pieces equal `JSON.stringify(value, null, indent)` for plain JSON data (objects,
 * arrays, strings, finite numbers, booleans, null; `undefined` members are left out as `JSON.stringify`
 * does). Values with a `toJSON` method are stringified whole.
 * @param value plain JSON data, e.g. a `SendscopeReport`
 * @param indent spaces per level; default 2
 * @param depth how many levels to open before stringifying whole; default 2
 * @example
 * [...jsonChunks({ a: [1, 2], b: "x" }, 2, 1)].join("") === JSON.stringify({ a: [1, 2], b: "x" }, null, 2) // => true
 */
export function* jsonChunks(value: unknown, indent = 2, depth = 2): Generator<string> {
  // As JSON.stringify: a whole number of spaces, at most 10; none means no layout at all.
  const spaces = Math.min(10, Math.max(0, Math.floor(indent)));
  if (spaces === 0) {
    yield JSON.stringify(value) ?? "null";
    return;
  }
  yield* chunksOf(value, spaces, depth, "");
}

/**
 * `JSON.stringify(value, null, indent)` laid out as it is `levels` levels down (every line after the first
 * indented by `levels × indent` spaces): the value is stringified inside `levels` nested arrays, which
 * JSON.stringify indents itself, and the text between their brackets is cut out. This gives the same text as
 * re-indenting the value's own text line by line, without a second pass over it.
 */
function stringifyAt(value: unknown, indent: number, levels: number): string {
  let wrapped: unknown = value;
  for (let i = 0; i < levels; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, indent);
  // Before the value: "[\n" and the level's pad, for each level; after it: "\n", the pad one level up, "]".
  let before = 0;
  let after = 0;
  for (let i = 0; i < levels; i++) {
    before += 2 + (i + 1) * indent;
    after += 2 + i * indent;
  }
  return text.slice(before, text.length - after);
}

function* chunksOf(value: unknown, indent: number, depth: number, pad: string): Generator<string> {
  const open = depth > 0 && value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON !== "function";
  if (!open) {
    yield pad === "" ? JSON.stringify(value, null, indent) ?? "null" : stringifyAt(value, indent, pad.length / indent);
    return;
  }
  const inner = pad + " ".repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield "[]";
      return;
    }
    yield "[";
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? "" : ","}\n${inner}`;
      const item: unknown = value[i];
      yield* chunksOf(item === undefined || typeof item === "function" ? null : item, indent, depth - 1, inner);
    }
    yield `\n${pad}]`;
    return;
  }
  const entries = Object.entries(value as Record<string, Json | undefined>).filter(([, v]) => v !== undefined && typeof v !== "function");
  if (entries.length === 0) {
    yield "{}";
    return;
  }
  yield "{";
  let first = true;
  for (const [key, member] of entries) {
    yield `${first ? "" : ","}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* chunksOf(member, indent, depth - 1, inner);
  }
  yield `\n${pad}}`;
}

/** A piece of `jsonChunks` at least this long is written as it is, not added to the small pieces gathered. */
const WRITTEN_ALONE = 1 << 16;

/**
 * Write `value` as `JSON.stringify(value, null, 2)` and a newline, through `write`, in pieces (`jsonChunks`): a
 * trust's report is 140 MB of text, never held whole. The small pieces (keys, brackets, short values) are
 * gathered into pieces of about a megabyte; a large one (a section's member stringified whole) is written as
 * it is, since appending it to the gathered text would copy it again before it is written. Used by
 * `sendscope analyse --json`.
 * @param value plain JSON data, e.g. a `SendscopeReport`
 * @param write takes each piece in order
 * @example
 * let text = "";
 * writeJsonInPieces({ a: 1 }, (piece) => (text += piece));
 * text // => '{\n  "a": 1\n}\n'
 */
export function writeJsonInPieces(value: unknown, write: (piece: string) => void): void {
  let pending = "";
  for (const piece of jsonChunks(value, 2, 2)) {
    if (piece.length >= WRITTEN_ALONE) {
      if (pending !== "") write(pending);
      pending = "";
      write(piece);
      continue;
    }
    pending += piece;
    if (pending.length >= 1 << 20) {
      write(pending);
      pending = "";
    }
  }
  write(`${pending}\n`);
}
