/**
 * `sendscope report`: the checks before anything is built (one line, exit 2, no stack trace, earlier reports
 * untouched), the name and fingerprint stamped on the outputs, and the README's first command on a machine
 * where no browser can be found (SENDSCOPE_BROWSER pointing nowhere, PATH without chromium): exit 0, both
 * sites built, one line about the PDF.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { type FileHash, hashOf, inputFingerprint, missingForReport, PACKAGE_ROOT, refusalToReplace, STAMP_FILE } from "../../src/lib/cli/report.js";
import { nameFromFolder } from "../../src/lib/report/report-name.js";
import { reportName } from "../../src/lib/report/report-name.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SAMPLE = join(ROOT, "fixtures", "sample-school");
const work = mkdtempSync(join(tmpdir(), "sendscope-report-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Run the built CLI (`bin/sendscope.js`, as `npx sendscope` does). */
function cli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "sendscope.js"), ...args], { cwd: work, env, encoding: "utf8", timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("inputFingerprint", () => {
  it("is sha256 over each file's relative path, length and sha256 in path order (value from Python's hashlib)", async () => {
    const folder = join(work, "fp");
    mkdirSync(join(folder, "sub"), { recursive: true });
    writeFileSync(join(folder, "sub", "b.csv"), "hello\n");
    writeFileSync(join(folder, "a.csv"), "x,y\n1,2\n");
    writeFileSync(join(folder, ".DS_Store"), "hidden: left out");
    const { fingerprint, files } = await inputFingerprint(folder);
    // python3: h=sha256(); for p,b in [("a.csv",b"x,y\n1,2\n"),("sub/b.csv",b"hello\n")]: h.update(f"{p}\0{len(b)}\0{sha256(b).hexdigest()}\n".encode())
    expect(fingerprint).toBe("7f081504c0be611419f29971770e5e58e8fb4d5000f364cbe8e385938dd7b252");
    // Files whose bytes the import already read are not read again: their hashes are taken as given.
    const given = new Map([["a.csv", { sha256: "f".repeat(64), bytes: 8 }]]);
    expect((await inputFingerprint(folder, given)).files[0]).toEqual({ file: "a.csv", sha256: "f".repeat(64), bytes: 8 });
    expect(files.map((f) => f.file)).toEqual(["a.csv", "sub/b.csv"]);
    expect(files[1]!.sha256).toBe("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"); // sha256sum of "hello\n"
    writeFileSync(join(folder, "a.csv"), "x,y\n1,3\n");
    expect((await inputFingerprint(folder)).fingerprint).not.toBe(fingerprint);
  });
});

describe("the input read once", () => {
  it("the import passes on the bytes it read, which give the same fingerprint as reading the files", async () => {
    const read = new Map<string, FileHash>();
    await importFolder("fixtures/sample-school", { onFileBytes: (file, bytes) => read.set(file, hashOf(bytes)) });
    const all = await inputFingerprint("fixtures/sample-school");
    // Every CSV export was passed on; only the files the import does not read (README.md, …) are read again.
    expect([...read.keys()].sort()).toEqual(all.files.map((f) => f.file).filter((f) => f.endsWith(".csv")));
    expect(await inputFingerprint("fixtures/sample-school", read)).toEqual(all);
  });
});

describe("the name on the reports", () => {
  it("--school-name, else the pupils' school column (one school), else the trust's name, else the folder's name", () => {
    const elm = { pupils: [{ school: "Elm Primary" }, { school: "Elm Primary" }] };
    const trust = { pupils: [{ school: "Elm Primary" }, { school: "Oak Primary" }] };
    expect(reportName({ given: " Oak Academy ", data: elm, folder: "/x/y" })).toBe("Oak Academy");
    expect(reportName({ given: undefined, data: elm, folder: "/x/y" })).toBe("Elm Primary");
    expect(reportName({ given: undefined, data: trust, folder: "/x/oak-learning-trust" })).toBe("Oak learning trust");
    expect(reportName({ data: trust, trustName: " Oak Learning Trust ", folder: "/x/y" })).toBe("Oak Learning Trust");
    expect(reportName({ data: elm, trustName: "Oak Learning Trust" })).toBe("Elm Primary"); // a trust's name names a trust only
    expect(reportName({ data: trust })).toBeNull(); // buildReport without a trust's name: no name, never a school's
    expect(reportName({ given: "", data: { pupils: [] }, folder: "/x/sample-school" })).toBe("Sample school");
    expect(nameFromFolder("/d/St Mary's CE Primary")).toBe("St Mary's CE Primary");
    expect(nameFromFolder("/d/elm_primary")).toBe("Elm primary");
  });
});

describe("checks before building", () => {
  it("an installation without the dashboards or Framework (the published package) is told what it lacks", () => {
    expect(missingForReport(PACKAGE_ROOT)).toBeNull();
    expect(missingForReport(work)).toBe("the dashboards' sources (dashboards/), the build pipeline (src/report-build/), Observable Framework (a development dependency), tsx (a development dependency)");
  });

  it("a mistyped folder: one line, exit 2, no stack trace, earlier reports left as they were", () => {
    const out = join(work, "kept");
    mkdirSync(out);
    writeFileSync(join(out, STAMP_FILE), "{}");
    writeFileSync(join(out, "governors-report-2026-06-22-aaaaaaaa.pdf"), "an earlier school's PDF");
    const started = Date.now();
    const r = cli(["report", join(work, "no-such-folder"), "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([`sendscope report: ${join(work, "no-such-folder")} does not exist`]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(readdirSync(out).sort()).toEqual(["governors-report-2026-06-22-aaaaaaaa.pdf", STAMP_FILE].sort());
  });

  it("a folder with no export in it: one line, exit 2", () => {
    const empty = join(work, "empty");
    mkdirSync(empty);
    writeFileSync(join(empty, "notes.txt"), "not an export");
    const r = cli(["report", empty, "--out", join(work, "never")]);
    expect(r.code).toBe(2);
    // the progress line of step 1, then the one-line error
    const lines = r.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/^sendscope report: \[1\/5\] checking /);
    expect(lines.slice(1)).toHaveLength(1);
    expect(lines[1]).toMatch(/^sendscope report: .*empty/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(work, "never"))).toBe(false);
  });

  it("an --out folder that sendscope did not write is never replaced", async () => {
    const mine = join(work, "documents");
    mkdirSync(mine);
    writeFileSync(join(mine, "letter.docx"), "someone's document");
    expect(await refusalToReplace(mine)).toMatch(/did not write/);
    expect(await refusalToReplace(join(work, "does-not-exist"))).toBeNull();
    const r = cli(["report", SAMPLE, "--out", mine]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(readFileSync(join(mine, "letter.docx"), "utf8")).toBe("someone's document");
  });
});

describe("sendscope serve", () => {
  it("a folder that does not exist: one line, exit 2", () => {
    const r = cli(["serve", join(work, "no-reports")]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([`sendscope serve: ${join(work, "no-reports")} is not a folder (build the reports first: sendscope report <folder of exports>)`]);
  });
});

describe("npm run report where no browser can be found", () => {
  it("exits 0, builds both sites, stamps them, and says in one line how to get the PDF", () => {
    const out = join(work, "reports");
    mkdirSync(out);
    writeFileSync(join(out, STAMP_FILE), "{}");
    writeFileSync(join(out, "governors-report-2020-01-01-bbbbbbbb.pdf"), "another school's PDF");
    // The README's first command after npm install, as npm runs it, on a PATH that holds node alone.
    const bin = join(work, "bin");
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, "node"));
    const env = { ...process.env, PATH: bin, SENDSCOPE_BROWSER: join(work, "no-browser-here") };
    const r = spawnSync(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), join(ROOT, "src", "report-build", "npm-report.ts"), "--out", out], { cwd: ROOT, env, encoding: "utf8", timeout: 600_000 });
    const all = `${r.stdout}\n${r.stderr}`;
    expect(r.status, all).toBe(0);
    expect(all.split("\n").filter((l) => /PDF/.test(l))).toHaveLength(1);
    expect(all).toMatch(/No PDF: SENDSCOPE_BROWSER=.* is not a file; install Google Chrome, Microsoft Edge or Chromium/);
    for (const n of [1, 2, 3, 4, 5]) expect(r.stderr).toContain(`[${n}/5]`);
    expect(existsSync(join(out, "senco", "index.html"))).toBe(true);
    expect(existsSync(join(out, "senco", "interventions.html"))).toBe(true);
    expect(existsSync(join(out, "governors", "index.html"))).toBe(true);
    // the page at the top (what `sendscope serve` shows at its address): a link to each site, and no PDF link
    const landing = readFileSync(join(out, "index.html"), "utf8");
    expect(landing).toContain('href="senco/index.html"');
    expect(landing).toContain('href="governors/index.html"');
    expect(landing).not.toContain(".pdf");
    // the old school's PDF went with the old folder: outputs from different data never sit side by side
    expect(readdirSync(out).filter((f) => f.endsWith(".pdf"))).toEqual([]);
    const stamp = JSON.parse(readFileSync(join(out, STAMP_FILE), "utf8")) as { school: string; figuresAsAt: string; inputFingerprint: string; inputFiles: unknown[] };
    expect(stamp.school).toBe("Sample school");
    expect(stamp.figuresAsAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(stamp.inputFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(stamp.inputFiles.length).toBe(readdirSync(SAMPLE).length);
    const governors = readFileSync(join(out, "governors", "index.html"), "utf8");
    expect(governors).toContain(`input fingerprint ${stamp.inputFingerprint.slice(0, 12)}`);
    expect(readFileSync(join(out, "senco", "index.html"), "utf8")).toContain(`input fingerprint ${stamp.inputFingerprint.slice(0, 12)}`);
    // links end in .html, so any static server finds the pages
    expect(readFileSync(join(out, "senco", "index.html"), "utf8")).toMatch(/href="\.\/interventions\.html"/);
    expect(readdirSync(dirname(out)).filter((f) => f.includes(".incomplete-") || f.includes(".old-"))).toEqual([]);
  }, 600_000);
});
