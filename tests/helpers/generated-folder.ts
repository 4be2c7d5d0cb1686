/** A generated school or trust folder for the tests that read one: made and imported before the tests, deleted after. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { generate } from "../../src/generator/generate.js";
import { importFolder } from "../../src/lib/import/import-folder.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";

/**
 * Generates a folder (`generate`, seeded) in a new temporary folder named `prefix…` before the tests of the
 * calling file or `describe`, imports it, and deletes it after them. Read `dir` and `data` inside tests only.
 * With `name`, the folder is `<temporary folder>/<name>`, for tests that read the folder's name (a trust's report
 * is named after its folder, and mkdtemp's random letters would decide how).
 */
export function generatedFolder(
  prefix: string,
  options: { seed: number; pupils: number; schools: number; name?: string },
  timeout = 60_000,
): { readonly dir: string; readonly data: SchoolData } {
  const made = { root: "", dir: "", data: undefined as SchoolData | undefined };
  const { name, ...generateOptions } = options;
  beforeAll(async () => {
    made.root = mkdtempSync(join(tmpdir(), prefix));
    made.dir = name === undefined ? made.root : join(made.root, name);
    generate({ ...generateOptions, out: made.dir });
    made.data = await importFolder(made.dir);
  }, timeout);
  afterAll(() => {
    if (made.root !== "") rmSync(made.root, { recursive: true, force: true });
  });
  return {
    get dir() { return made.dir; },
    get data() {
      if (made.data === undefined) throw new Error("generatedFolder: read the data inside a test (it is made in beforeAll)");
      return made.data;
    },
  };
}
