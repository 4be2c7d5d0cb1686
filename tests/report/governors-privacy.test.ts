// End to end on the generated sample school: the governors' report holds no pupil identifier, no shown
// group of 1–5 pupils, and no hidden cell that can be worked out from a total. The checks walk the JSON
// themselves (tests/report/privacy-checks.ts), not through the disclosure code.
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { buildReport } from "../../src/lib/report/build-report.js";
import { leakedIdentifiers, recoverableCells, smallShownCells, suppressedCount } from "./privacy-checks.js";

const FOLDER = "fixtures/sample-school";

describe.runIf(existsSync(FOLDER))("governors' report of the sample school", async () => {
  const data = await importFolder(FOLDER);
  const senco = buildReport(data, { audience: "senco" });
  const governors = buildReport(data, { audience: "governors" });

  it("was built from real pupils, and the SENCO's report does hold identifiers (so the scan can fail)", () => {
    expect(data.pupils.length).toBeGreaterThan(50);
    expect(leakedIdentifiers(senco, data).length).toBeGreaterThan(0);
  });

  it("holds no UPN, MIS id, forename, surname or date of birth (any format) from the input", () => {
    expect(leakedIdentifiers(governors, data)).toEqual([]);
    expect(JSON.stringify(governors)).not.toMatch(/[A-Z]\d{11}[0-9A-Z]/);
  });

  it("shows no group of 1–5 pupils; suppressed cells are null, never 0", () => {
    expect(smallShownCells(senco, 6).length).toBeGreaterThan(0);
    expect(smallShownCells(governors, 6)).toEqual([]);
    expect(suppressedCount(governors)).toBeGreaterThan(0);
  });

  it("has no hidden cell recoverable from a total (0 or at least 2 hidden per partition)", () => {
    expect(recoverableCells(governors, senco)).toEqual([]);
  });

  it("hides a gap wherever the attainment cell of its group or of the no-SEN group is hidden", () => {
    let checked = 0;
    for (const gap of governors.gaps.attainment) {
      const dimension = gap.group === "SEN" ? "senAny" : "senStatus";
      const cellOf = (group: string) => governors.attainment.cells.find((c) => c.subject === gap.subject && c.measure === gap.measure &&
        c.point === gap.point && c.yearGroup === gap.yearGroup && c.dimension === dimension && c.group === group && !c.isTotal);
      const hidden = cellOf(gap.group)?.suppressed === true || cellOf("N")?.suppressed === true;
      for (const figure of [gap.expected, gap.higher, gap.mean]) {
        if (figure === null || !hidden) continue;
        checked += 1;
        expect(figure.suppressed).toBe(true);
        expect(figure.n).toBeNull();
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("removes pupil-level lists and problem messages", () => {
    expect(governors.meta.import.problems.rows).toEqual([]);
    if (governors.progress) expect(governors.progress.stalled.rows).toEqual([]);
    expect(governors.targets.offTrack.rows).toEqual([]);
    expect(governors.reviews.due.rows).toEqual([]);
    expect(governors.meta.import.problemCounts.errors).toBe(data.problems.filter((p) => p.severity === "error").length);
  });

  it("applies a higher threshold when asked", () => {
    const strict = buildReport(data, { audience: "governors", threshold: 11 });
    expect(smallShownCells(strict, 11)).toEqual([]);
    expect(recoverableCells(strict, senco)).toEqual([]);
  });
});
