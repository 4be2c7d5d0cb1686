/**
 * The one rule for the name a report goes by, used by `buildReport` (`meta.schoolName`), `analyseFolder`,
 * `sendscope report` (the name on every page, the PDF and the stamp) and the dashboards' data loaders.
 */
import { basename, resolve } from "node:path";
import type { SchoolData } from "../schema/school-data.js";

/**
 * A readable name from a folder's name: dashes and underscores become spaces and the first letter a capital;
 * a name that already has capitals or spaces is kept as it is.
 * @example
 * nameFromFolder("/data/sample-school") // => "Sample school"
 * nameFromFolder("Oak Trust exports") // => "Oak Trust exports"
 */
export function nameFromFolder(folder: string): string {
  const base = basename(resolve(folder)).trim();
  if (/[A-Z ]/.test(base)) return base;
  const words = base.replace(/[-_]+/g, " ").replace(/\s+/g, " ").trim();
  return words === "" ? "The school" : `${words[0]!.toUpperCase()}${words.slice(1)}`;
}

/**
 * The schools the pupils' records name (their `school` column), and the one most records give (ties: the
 * first by name); null when no record names one.
 * @example
 * exportsSchool({ pupils: [{ school: "Oak" }, { school: "Elm" }, { school: "Oak" }] }) // => { schools: 2, name: "Oak" }
 */
export function exportsSchool(data: { pupils: ReadonlyArray<Pick<SchoolData["pupils"][number], "school">> }): { schools: number; name: string | null } {
  const counts = new Map<string, number>();
  for (const p of data.pupils) if (p.school) counts.set(p.school, (counts.get(p.school) ?? 0) + 1);
  let best: string | null = null;
  for (const [name, c] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (best === null || c > (counts.get(best) ?? 0)) best = name;
  return { schools: counts.size, name: best };
}

/**
 * The name a report goes by, in this order: `given` (`--school-name`: names any report); for one school, the
 * name its pupils' records give (`exportsSchool`); for several schools (a trust, whose records name each
 * school, never the trust), `trustName` (`--trust-name`); else the folder's name made readable
 * (`nameFromFolder`); else null. Blank names count as not given.
 * @param input `given`, `trustName`, the imported `data` (its pupils' `school`), the `folder` of exports
 * @example
 * reportName({ data: { pupils: [{ school: "Oak Primary" }] }, folder: "/d/exports" }) // => "Oak Primary"
 * reportName({ data: { pupils: [{ school: "Oak" }, { school: "Elm" }] }, folder: "/d/riverside-trust" }) // => "Riverside trust"
 * reportName({ given: " Elm Academy ", data: { pupils: [] } }) // => "Elm Academy"
 */
export function reportName(input: {
  given?: string | undefined;
  trustName?: string | undefined;
  data: { pupils: ReadonlyArray<Pick<SchoolData["pupils"][number], "school">> };
  folder?: string | undefined;
}): string | null {
  const given = input.given?.trim();
  if (given) return given;
  const { schools, name } = exportsSchool(input.data);
  if (schools <= 1 && name !== null) return name;
  const trust = input.trustName?.trim();
  if (schools > 1 && trust) return trust;
  return input.folder === undefined ? null : nameFromFolder(input.folder);
}
