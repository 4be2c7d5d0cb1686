/**
 * Reading a published document's figures out of the one report they come from: each `Figure` keeps the JSON
 * path it was read from, so a test (or a reader) can find it again in the disclosed report.
 */
import type { Figure } from "./document.js";

/** A path into a JSON value: property names and array indexes. */
export type JsonPath = ReadonlyArray<string | number>;

/**
 * The value at `path` in `root` (undefined when the path leads nowhere).
 * @example
 * valueAt({ a: [{ n: 5 }] }, ["a", 0, "n"]) // => 5
 * valueAt({ a: [] }, ["a", 3, "n"]) // => undefined
 */
export function valueAt(root: unknown, path: JsonPath): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/**
 * A path written as text, as `Figure.path` holds it.
 * @example
 * pathText(["identification", "senStatus", 2, "count"]) // => "identification.senStatus[2].count"
 */
export function pathText(path: JsonPath): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
}

/**
 * A path read back from its text (the inverse of `pathText`).
 * @example
 * parsePath("identification.senStatus[2].count") // => ["identification", "senStatus", 2, "count"]
 */
export function parsePath(text: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/**
 * The words printed for a figure that is hidden to protect privacy.
 * @example
 * HIDDEN_TEXT // => "hidden"
 */
export const HIDDEN_TEXT = "hidden";

/**
 * The words printed for a figure that does not exist (no pupils, or no data).
 * @example
 * NO_DATA_TEXT // => "–"
 */
export const NO_DATA_TEXT = "–";

/**
 * A figure read from `root` at `path` and printed by `format`; a null value prints `HIDDEN_TEXT` when the
 * object holding it (or one holding that) is marked `suppressed`, or lists the field in `suppressedFields`
 * (a shown cell with one count hidden), else `NO_DATA_TEXT`.
 * @example
 * figureAt({ c: { n: 60, rate: 0.25 } }, ["c", "rate"], percentText).text // => "25.0%"
 * figureAt({ c: { n: null, rate: null, suppressed: true } }, ["c", "rate"], percentText).text // => "hidden"
 * figureAt({ c: { n: 60, severeCount: null, suppressedFields: ["severeCount"] } }, ["c", "severeCount"]).text // => "hidden"
 */
export function figureAt(root: unknown, path: JsonPath, format: (v: number) => string = countText): Figure {
  const value = valueAt(root, path);
  if (typeof value === "number") return { figure: true, path: pathText(path), value, text: format(value) };
  let hidden = false;
  for (let i = path.length - 1; i >= 0 && !hidden; i -= 1) {
    const holder = valueAt(root, path.slice(0, i));
    if (holder === null || typeof holder !== "object") continue;
    const { suppressed, suppressedFields } = holder as { suppressed?: unknown; suppressedFields?: unknown };
    // Hidden whole (`suppressed`), or only this field of a shown cell (`suppressedFields`, the numerator rule).
    if (suppressed === true || (Array.isArray(suppressedFields) && suppressedFields.includes(path[i]))) hidden = true;
  }
  return { figure: true, path: pathText(path), value: null, text: hidden ? HIDDEN_TEXT : NO_DATA_TEXT };
}

/**
 * A text of the report (a source, a verdict, a sentence) as a figure, printed as it is or through `format`.
 * @example
 * textAt({ a: { source: "DfE 2025" } }, ["a", "source"]).text // => "DfE 2025"
 */
export function textAt(root: unknown, path: JsonPath, format: (v: string) => string = (v) => v): Figure {
  const value = valueAt(root, path);
  if (typeof value === "string") return { figure: true, path: pathText(path), value, text: format(value) };
  return { figure: true, path: pathText(path), value: null, text: NO_DATA_TEXT };
}

/**
 * A count as printed: a whole number with thousands separated.
 * @example
 * countText(1234) // => "1,234"
 */
export function countText(value: number): string {
  return value.toLocaleString("en-GB");
}

/**
 * A share (0–1) as a percentage to one decimal place.
 * @example
 * percentText(0.142857) // => "14.3%"
 */
export function percentText(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
