/**
 * Privacy by construction: build the governors' site from the sample school and scan every file it wrote
 * (HTML, data files, scripts, styles) for every UPN, forename, surname and date of birth (dd/mm/yyyy and ISO)
 * in the input CSVs. UPNs and dates of birth must appear nowhere. A name may appear only inside a vendored
 * library bundle (`_node/<package>@<version>/…`, copied from node_modules, independent of the data), and then
 * when the installed package's own source already contains the word (e.g. the forename "Jack" in
 * vega-embed's) or when every occurrence is a minified JavaScript identifier (e.g. `class Li extends`,
 * `Li("quarter",e)`): then it came from the library or its minifier, not from a pupil.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, withBuildLock } from "../../src/report-build/sites.js";
import { REPO_ROOT, SAMPLE_SCHOOL } from "../../src/report-build/data-source.js";
import { identifiersIn, listFiles, scanForIdentifiers, type Finding, type InputIdentifiers } from "./identifiers.js";

const OUT = resolve(REPO_ROOT, "tests", "__output__", "privacy");
let site = "";
let ids: InputIdentifiers;

const packageSource = new Map<string, string>();
function sourceOf(pkg: string): string {
  const cached = packageSource.get(pkg);
  if (cached !== undefined) return cached;
  const folder = join(REPO_ROOT, "node_modules", pkg);
  const text = existsSync(folder) ? listFiles(folder).filter((f) => /\.(m?js|cjs)$/.test(f)).map((f) => readFileSync(f, "utf8")).join("\n") : "";
  packageSource.set(pkg, text);
  return text;
}

const escapeRe = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Whether every occurrence of `name` in `code` is a JavaScript identifier token (a minifier's variable name
 * such as `class Li extends`, `headless:Li,`, `Li("quarter",e)`), never text: code punctuation on both sides,
 * or a keyword after a space, and no quote next to it.
 */
function onlyAsIdentifier(code: string, name: string): boolean {
  const re = new RegExp(`(.)${escapeRe(name)}(?![\\p{L}\\p{N}_$])(.{0,11})`, "gsu");
  let seen = 0;
  for (const m of code.matchAll(re)) {
    const before = m[1]!, after = m[2]!;
    if (/[\p{L}\p{N}_$]/u.test(before)) continue; // part of a longer word: not this name
    seen += 1;
    const codeBefore = /^[\s,;(){}[\]=:!&|?+\-*/<>.%^~]$/.test(before) || /class $|let $|const $|var $|function $|new $|return $/.test(code.slice(Math.max(0, (m.index ?? 0) - 8), (m.index ?? 0) + 1));
    const codeAfter = /^[,;(){}[\]=:!&|?+\-*/<>.%^~]/.test(after) || /^ (as|extends|in|of|instanceof|=|&&|\|\||\?)[\s(]/.test(after);
    if (!codeBefore || !codeAfter || /^["'`]/.test(after)) return false;
  }
  return seen > 0;
}

/**
 * A name found in a vendored library bundle (`_node/<package>@<version>/…`) that comes from the library:
 * the installed package's own source has the same word, or every occurrence is a minified identifier.
 */
function fromLibrary(f: Finding): boolean {
  if (f.kind !== "forename" && f.kind !== "surname") return false;
  const file = f.file.replace(/\\/g, "/");
  const m = /^_node\/((?:@[^/]+\/)?[^/@]+)@[^/]+\//.exec(file);
  if (!m) return false;
  const word = new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRe(f.value)}(?![\\p{L}\\p{N}_])`, "u");
  return word.test(sourceOf(m[1]!)) || onlyAsIdentifier(readFileSync(join(site, file), "utf8"), f.value);
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  ids = identifiersIn(SAMPLE_SCHOOL);
  site = (await withBuildLock(() => buildSite("governors", { dist: OUT, data: SAMPLE_SCHOOL }))).output;
}, 600_000);

describe("the governors' build holds no pupil identifier", () => {
  it("reads the identifiers of the sample school's exports", () => {
    // The sample school: about 420 pupils on roll plus leavers (README of fixtures/sample-school); every
    // pupil has a UPN, names and a date of birth, so the sets cannot be small.
    expect(ids.upns.size).toBeGreaterThan(400);
    expect(ids.forenames.size).toBeGreaterThan(20);
    expect(ids.surnames.size).toBeGreaterThan(20);
    expect(ids.birthDates.size).toBeGreaterThan(400);
    expect([...ids.birthDates].some((d) => /^\d{2}\/\d{2}\/\d{4}$/.test(d))).toBe(true);
    expect([...ids.birthDates].some((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
  });

  it("built the report page and its data file", () => {
    const files = listFiles(site).map((f) => f.slice(site.length + 1).replace(/\\/g, "/"));
    expect(files).toContain("index.html");
    expect(files.some((f) => /^_file\/data\/governors\.[0-9a-f]+\.json$/.test(f))).toBe(true);
    // only the governors' page: no SENCO page was built into this site
    expect(files.filter((f) => f.endsWith(".html"))).toEqual(["index.html"]);
  });

  it("the scan finds an identifier when one is there (the check can fail)", () => {
    const upn = [...ids.upns][0]!;
    const name = [...ids.surnames].find((s) => s.length > 4)!;
    const probe = resolve(OUT, "probe");
    mkdirSync(probe, { recursive: true });
    writeFileSync(join(probe, "x.json"), JSON.stringify({ note: `${upn} ${name}` }));
    const kinds = scanForIdentifiers(probe, ids).map((f) => f.kind).sort();
    expect(kinds).toContain("UPN");
    expect(kinds).toContain("surname");
  });

  it("a name inside a string in a bundle is not excused as an identifier", () => {
    expect(onlyAsIdentifier('class Li extends Mt{} headless:Li, Li as SVG', "Li")).toBe(true);
    expect(onlyAsIdentifier('const who = "Li";', "Li")).toBe(false);
    expect(onlyAsIdentifier("label: Li Wei was here", "Li")).toBe(false);
  });

  it("no UPN, name or date of birth in any built file", () => {
    const findings = scanForIdentifiers(site, ids);
    const leaks = findings.filter((f) => !fromLibrary(f));
    expect(leaks).toEqual([]);
    // and nothing at all outside vendored library bundles
    expect(findings.filter((f) => !f.file.replace(/\\/g, "/").startsWith("_node/"))).toEqual([]);
  });
});
