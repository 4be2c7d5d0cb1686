// `sendscope report` imports the folder once and hands the data to the dashboards' data loaders
// (writeImported, env SENDSCOPE_IMPORTED): the loaders' reports must be exactly those of a fresh import, and a
// hand-over of another folder is not used.
import { existsSync, statSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { IMPORTED_ENV, writeImported } from "../../src/lib/cli/report.js";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { importedData, loadDashboardReport, SAMPLE_SCHOOL } from "../../src/report-build/data-source.js";

afterEach(() => {
  delete process.env[IMPORTED_ENV];
});

describe("the imported data handed to the data loaders", () => {
  it("gives the same reports as importing the folder, for both audiences", async () => {
    const fresh = { senco: await loadDashboardReport("senco", SAMPLE_SCHOOL), governors: await loadDashboardReport("governors", SAMPLE_SCHOOL) };
    const handover = await writeImported(SAMPLE_SCHOOL, await importFolder(SAMPLE_SCHOOL));
    expect(handover).not.toBeNull();
    try {
      expect(statSync(handover!.file).mode & 0o077).toBe(0); // pupil-level data: this user only
      process.env[IMPORTED_ENV] = handover!.file;
      expect(await importedData(SAMPLE_SCHOOL)).not.toBeNull();
      expect(await importedData("/some/other/folder")).toBeNull();
      expect(await loadDashboardReport("senco", SAMPLE_SCHOOL)).toEqual(fresh.senco);
      expect(await loadDashboardReport("governors", SAMPLE_SCHOOL)).toEqual(fresh.governors);
    } finally {
      handover!.remove();
    }
    expect(existsSync(handover!.file)).toBe(false);
    expect(await importedData(SAMPLE_SCHOOL)).toBeNull(); // the file is gone: the loaders import the folder
  }, 60_000);
});
