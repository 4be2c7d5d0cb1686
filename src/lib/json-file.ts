/**
 * How sendscope reads a JSON file a user gives it (a costs file, national figures, a column mapping): the text
 * parsed (a byte order mark allowed) and checked against a zod schema, every failure an `ImportError` naming
 * the file and, for a bad value, each field's place in it. Beside `errors.ts`, beneath every layer that reads one.
 */
import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { ImportError } from "./errors.js";

/**
 * The text of a JSON file checked against `schema`.
 * @param text the file's text
 * @param file the file's path, named in every message
 * @param what what the file is, for the messages ("costs file")
 * @param schema the zod schema its value must match
 * @throws {ImportError} `<file>: the <what> is not valid JSON (…)`, or `<file>: the <what> does not match the
 *   expected shape: <field>: <problem>; …` (`(top level)` for the whole value)
 * @example
 * parseJsonText('\uFEFF{"a": 1}', "x.json", "settings file", z.object({ a: z.number() })) // => { a: 1 }
 * let caught; try { parseJsonText('{"a": "1"}', "x.json", "settings file", z.object({ a: z.number() })); } catch (e) { caught = e.message; }
 * caught // => "x.json: the settings file does not match the expected shape: a: Invalid input: expected number, received string"
 */
export function parseJsonText<S extends z.ZodType>(text: string, file: string, what: string, schema: S): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new ImportError(file, `the ${what} is not valid JSON (${(e as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.length > 0 ? i.path.join(".") : "(top level)"}: ${i.message}`)
      .join("; ");
    throw new ImportError(file, `the ${what} does not match the expected shape: ${problems}`);
  }
  return parsed.data;
}

/**
 * Reads a JSON file and checks it (see `parseJsonText`).
 * @param path the file
 * @param what what the file is, for the messages ("national figures file")
 * @param schema the zod schema its value must match
 * @throws {ImportError} `<path>: cannot read the <what> (…)`, or as `parseJsonText`
 * @example
 * (await readJsonFile("national-2026.json", "national figures file", NationalFigures)).figures.length // => 40
 */
export async function readJsonFile<S extends z.ZodType>(path: string, what: string, schema: S): Promise<z.output<S>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new ImportError(path, `cannot read the ${what} (${(e as Error).message})`);
  }
  return parseJsonText(text, path, what, schema);
}
