/**
 * The SENCO's documents carry the name `sendscope report` gives the same folder (`reportName`): `--school-name`,
 * else the pupils' `school` column, else the folder's name made readable. The sample school's exports have no
 * `school` column, so its documents read "Sample school", as its reports' pages, PDF and stamp do
 * (tests/cli/report.test.ts); before, the SEN information report and the profiles carried no name at all.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/lib/cli/main.js";

const io = { stdout: () => undefined, stderr: () => undefined };

describe("the documents' school name", () => {
  it("is the folder's name made readable when neither --school-name nor a school column gives one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sendscope-doc-names-"));
    try {
      expect(await main(["sen-report", "fixtures/sample-school", "--out", dir, "--no-pdf", "--prepared-on", "2026-07-01"], io)).toBe(0);
      expect(readFileSync(join(dir, "sen-information-report-2026-06-22.md"), "utf8").split("\n").slice(0, 3))
        .toEqual(["# SEN information report 2025/26: the figures", "", "Sample school"]);
      expect(await main(["profile", "fixtures/sample-school", "--pupil", "E873210123045", "--out", dir, "--no-pdf", "--prepared-on", "2026-07-01"], io)).toBe(0);
      expect(readFileSync(join(dir, "pupil-profile-Nguyen-Ibrahim-2026-06-22.md"), "utf8")).toContain("# Pupil profile: Ibrahim Nguyen\n\nSample school\n");
      expect(await main(["profile", "fixtures/sample-school", "--pupil", "E873210123045", "--parents", "--out", dir, "--no-pdf", "--prepared-on", "2026-07-01", "--school-name", "Oak Primary"], io)).toBe(0);
      expect(readFileSync(join(dir, "report-for-parents-Ibrahim-Nguyen-2026-06-22.md"), "utf8")).toContain("\n\nOak Primary\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
