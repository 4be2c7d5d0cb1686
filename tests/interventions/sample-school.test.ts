// The intervention-effectiveness report on the generated sample school, whose true effects are documented in
// src/generator/interventions.ts and fixtures/sample-school/README.md: Precision teaching, Reading
// recovery-style 1:1 (reading age) and Maths catch-up (standardised maths) work; Maths booster club (pupils
// chosen for the lowest observed maths scores, so its raw gain is regression to the mean) and Comprehension
// club (random pupils) have no effect; ELSA has no attainment measure.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { analyseInterventions } from "../../src/lib/interventions/analyse.js";
import { InterventionsReport } from "../../src/lib/interventions/schema.js";

const DIR = join(import.meta.dirname, "../../fixtures/sample-school");
let report: InterventionsReport;
const byName = (name: string) => {
  const found = report.interventions.find((i) => i.intervention === name);
  if (found === undefined) throw new Error(`no intervention ${name}`);
  return found;
};
const EFFECTIVE = ["Precision teaching", "Reading recovery-style 1:1", "Maths catch-up (small group)"];
const INEFFECTIVE = ["Maths booster club", "Comprehension club"];

beforeAll(async () => {
  report = analyseInterventions(await importFolder(DIR), { asOf: "2026-07-17" });
});

describe("interventions on the sample school", () => {
  it("matches its schema and finds every intervention, each subject inferred", () => {
    expect(InterventionsReport.parse(report)).toEqual(report);
    expect(report.interventions.map((i) => [i.intervention, i.impact.subject, i.impact.measure])).toEqual([
      // EHC plan support (issue #15, src/generator/support.ts): no measure of its own
      ["Additional adult support (EHC plan)", null, null],
      ["Comprehension club", "reading", "standardised"],
      ["ELSA (emotional literacy support)", null, null],
      ["Maths booster club", "maths", "standardised"],
      ["Maths catch-up (small group)", "maths", "standardised"],
      ["Precision teaching", "reading", "readingAge"],
      ["Reading recovery-style 1:1", "reading", "readingAge"],
    ]);
  });

  it("reports the effective interventions as clearly effective against similar pupils", () => {
    for (const name of EFFECTIVE) {
      const i = byName(name);
      expect(i.impact.net.method, name).toBe("comparison");
      expect(i.impact.verdict, name).toBe("clear-impact");
      expect(i.narrative, name).toMatch(/: clear evidence of impact\./);
    }
    // Brooks's ratio gains of the reading-age interventions are "useful" (true ratio gain about 2.5)
    expect(byName("Precision teaching").impact.raw.band).toBe("useful");
    expect(byName("Reading recovery-style 1:1").impact.raw.band).toBe("useful");
  });

  it("does not report the low-entry-selected booster club as effective, though its raw gain is positive", () => {
    const booster = byName("Maths booster club");
    expect(booster.impact.raw.mean).toBeGreaterThan(0); // regression to the mean alone
    expect(booster.impact.regressionToMean.method).toBe("comparison");
    expect(booster.impact.regressionToMean.mean).toBeGreaterThan(0);
    expect(booster.impact.net.lower).toBeLessThan(0);
    expect(booster.impact.net.upper).toBeGreaterThan(0);
    expect(booster.narrative).toMatch(/no clear evidence of impact beyond what similar pupils made/);
    expect(byName("Comprehension club").impact.verdict).toBe("no-clear-evidence");
  });

  it("ranks the effective interventions above the ineffective ones, within each unit", () => {
    const points = report.rankings.find((r) => r.unit === "points");
    const order = points?.entries.map((e) => e.intervention) ?? [];
    for (const good of EFFECTIVE.filter((n) => n.startsWith("Maths"))) {
      for (const bad of INEFFECTIVE) expect(order.indexOf(good), `${good} above ${bad}`).toBeLessThan(order.indexOf(bad));
    }
    const catchUp = points?.entries.find((e) => e.intervention === "Maths catch-up (small group)");
    const booster = points?.entries.find((e) => e.intervention === "Maths booster club");
    expect(catchUp?.rank).toBe(1);
    // No clear evidence of impact: listed beneath the ranked ones, never ranked (issue 17).
    expect(booster?.rank).toBeNull();
    expect(booster?.reason).toMatch(/^no clear evidence of impact/);
    // ELSA has no measure: listed, never ranked
    expect(points?.entries.find((e) => e.intervention.startsWith("ELSA"))?.rank ?? null).toBeNull();
    for (const e of points?.entries ?? []) if (e.n < 5) expect(e.rank).toBeNull();
    expect(byName("ELSA (emotional literacy support)").narrative).toMatch(/no entry or exit measure is recorded/);
  });

  it("gives every figure object a pupil count and keeps pupil lists pupil-level", () => {
    for (const i of report.interventions) {
      for (const cell of [i, i.delivery, i.cost, i.exitTarget, i.impact, i.impact.raw, i.impact.net, ...i.runs]) {
        expect(Number.isInteger(cell.n)).toBe(true);
      }
    }
    expect(report.nonResponders.pupilLevel).toBe(true);
    expect(report.notMeasured.pupilLevel).toBe(true);
  });
});
