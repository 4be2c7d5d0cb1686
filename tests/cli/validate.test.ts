import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { ValidateJson } from "../../src/lib/cli/validate.js";
import { runMain } from "../helpers/capture.js";

const SAMPLE = "fixtures/sample-school";

const run = runMain;

describe("sendscope validate on the committed sample school", () => {
  it("--json finds exactly the deliberate problems listed by the generator, and exits 1", async () => {
    const { code, stdout } = await run(["validate", SAMPLE, "--json"]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as ValidateJson;
    const expected = JSON.parse(await readFile(`${SAMPLE}/expected-problems.json`, "utf8")) as unknown[];
    const found = report.problems.map(({ file, line, column, severity, code: c }) => ({ file, line, column, severity, code: c }));
    expect(found).toEqual(expected);
    for (const file of report.files) expect(file.imported + file.rejected).toBe(file.rows);
    // 420 pupils on roll + 120 leavers, less the two rejected pupil rows (bad check letter, conflicting duplicate).
    expect(report.pupils).toBe(540);
    expect(report.files.map((f) => f.kind).sort()).toEqual([
      "assessments", "assessments", "attendance", "ehcRequests", "interventions", "pupils", "senRegister", "suspensions", "targets",
    ]);
    const rejected = report.files.reduce((s, f) => s + f.rejected, 0);
    expect(rejected).toBe(expected.filter((p) => (p as { severity: string }).severity === "error").length);
  });

  it("prints a readable report grouped by reason", async () => {
    const { code, stdout } = await run(["validate", SAMPLE]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^sendscope validate: fixtures\/sample-school/);
    expect(stdout).toMatch(/Pupils: 540 distinct/);
    expect(stdout).toMatch(/ERROR: UPN with the wrong check letter \(1\)\n {4}sims-pupils\.csv line \d+, column 'UPN'/);
    expect(stdout).toMatch(/warning: legacy SEN code/);
  });

  it("exits 2 with a one-line message when the folder cannot be read", async () => {
    const { code, stdout, stderr } = await run(["validate", "no/such/folder"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/no\/such\/folder: the folder cannot be read/);
  });

  it("exits 2 on a usage error", async () => {
    const { code } = await run(["validate"]);
    expect(code).toBe(2);
  });

  it("works as the installed `sendscope` command (bin/sendscope.js, built by npm install)", async () => {
    const exec = promisify(execFile);
    const result = await exec(process.execPath, ["bin/sendscope.js", "validate", SAMPLE, "--json"]).catch((e: { code: number; stdout: string }) => e);
    expect("code" in result ? result.code : 0).toBe(1);
    expect((JSON.parse(result.stdout) as ValidateJson).pupils).toBe(540);
  });
});
