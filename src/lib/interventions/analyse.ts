/**
 * `analyseInterventions`: the intervention-effectiveness report (issue 4) from imported school data.
 */
import { InvalidArgumentError } from "../errors.js";
import type { MeasureKind, Subject } from "../schema/primitives.js";
import type { InterventionRecord } from "../schema/records.js";
import type { SchoolData } from "../schema/school-data.js";
import { type AnalysisInput, analysisDate, contextOf } from "../cohort/context.js";
import { pupilRecordLookup } from "../cohort/groups.js";
import { comparisonIndex, findComparisonIn, inferSubjectIn, numberRecords, type ComparisonPupil, type RunComparison } from "./comparison.js";
import { summariseImpact } from "./impact.js";
import { describePeriod, narrate } from "./narrative.js";
import { isAgeMeasure, placementOutcome, type PlacementOutcome } from "./outcomes.js";
import { rankCostEffectiveness } from "./ranking.js";
import { DEFAULT_RELIABILITY } from "./regression-to-mean.js";
import { describeCost, describeDelivery, describeExitTarget, groupRuns } from "./runs.js";
import type {
  InterventionRun, InterventionSummary, InterventionsReport, NonResponderRow, NotMeasuredRow,
} from "./schema.js";

/** Options for {@link analyseInterventions}. */
export interface AnalyseInterventionsOptions {
  /**
   * The analysis date `yyyy-mm-dd`: places starting later are ignored; runs ending later are "running".
   * Default: the context's (`analysisDate`: its `asOf`, or for plain data `defaultAsOf`).
   */
  asOf?: string;
  /** Two-sided confidence level of every interval; default 0.95. */
  confidence?: number;
  /** Test–retest reliability by measure for the reliability method; default {@link DEFAULT_RELIABILITY}. */
  reliability?: Partial<Record<MeasureKind, number>>;
  /** Comparison pupils matched to each group pupil; default 5. */
  comparisonsPerPupil?: number;
  /** Interventions with fewer pupils are never ranked; default 5. */
  minPupilsToRank?: number;
  /** The subject of an intervention's measure, by intervention name, where it should not be inferred. */
  subjects?: Record<string, Subject>;
}

interface Analysed {
  outcomes: PlacementOutcome[];
  comparisons: Array<{ run: string; found: RunComparison }>;
}

/** Pupils with no more than typical progress: ratio gain ≤ 1 for ages, a change ≤ 0 otherwise. */
function isNonResponder(o: PlacementOutcome): boolean {
  if (o.excluded !== null || o.value === null) return false;
  return isAgeMeasure(o.record.measure) ? o.value <= 1 : o.value <= 0;
}

function joinDistinct(values: readonly string[]): string {
  return [...new Set(values)].join("; ");
}

/**
 * Analyses every intervention in the provision map: for each intervention and each of its runs (a group
 * over a period), delivery (pupils, placements, dosage, staff, leavers), cost (total, per pupil, per
 * pupil-hour), the share meeting the exit target (Wilson interval), and impact (see `summariseImpact`): raw
 * progress and Brooks's ratio gain, progress of matched comparison pupils from the termly assessments (see
 * `findComparison`), regression to the mean by the comparison or by reliability (the method is stated),
 * net impact with its interval, Hedges' g and EEF months; then cost-effectiveness rankings per unit (see
 * `rankCostEffectiveness`), a narrative per intervention and run, and two pupil-level lists for the SENCO:
 * pupils who made no more than typical progress (ratio gain ≤ 1, or a score change ≤ 0) and placements
 * that could not be measured.
 *
 * Decisions: an intervention whose records use more than one measure is split into one entry per measure
 * ("Name (measure)"); pupils in any intervention in the same subject over the period are left out of the
 * comparison pool; a pooled intervention's comparison is the union of its runs' comparisons.
 * @param input imported school data, or its analysis context (`prepareAnalysis`)
 * @param options `asOf` (default the context's, see `analysisDate`) and optional settings
 * @throws {InvalidArgumentError} when asOf is not `yyyy-mm-dd` or confidence is not in (0, 1)
 * @example
 * const report = analyseInterventions(await importFolder("fixtures/sample-school"), { asOf: "2026-07-17" });
 * report.interventions.map((i) => [i.intervention, i.impact.verdict]);
 * // => [["Comprehension club", "no-clear-evidence"], ["ELSA (emotional literacy support)", "too-few"],
 * //     ["Maths booster club", "no-clear-evidence"], ["Maths catch-up (small group)", "clear-impact"],
 * //     ["Precision teaching", "clear-impact"], ["Reading recovery-style 1:1", "clear-impact"]]
 */
export function analyseInterventions(input: AnalysisInput<SchoolData>, options: AnalyseInterventionsOptions = {}): InterventionsReport {
  const ctx = contextOf(input);
  const data = ctx.data;
  const asOf = analysisDate(ctx, options.asOf);
  if (typeof asOf !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    throw new InvalidArgumentError("analyseInterventions", `asOf must be a date as yyyy-mm-dd, got ${String(asOf)}`);
  }
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) {
    throw new InvalidArgumentError("analyseInterventions", `confidence must be between 0 and 1, got ${String(confidence)}`);
  }
  const impactOptions = { confidence, reliability: { ...DEFAULT_RELIABILITY, ...options.reliability } };
  // Pupil records by id from the context's profile index (made once per context, and already made when the
  // report's other analyses ran), rather than a map of every pupil made per call; an id given twice finds the
  // last record, as a map from the pupils would.
  const pupils = { get: pupilRecordLookup(ctx) };
  const nameOf = (id: string): string | null => {
    const p = pupils.get(id);
    return p === undefined ? null : `${p.forename} ${p.surname}`.trim() || null;
  };

  // Split by intervention name, and by measure where one name uses several.
  const current = data.interventions.filter((r) => r.startDate <= asOf);
  const byName = new Map<string, InterventionRecord[]>();
  for (const r of current) {
    const list = byName.get(r.intervention);
    if (list === undefined) byName.set(r.intervention, [r]);
    else list.push(r);
  }
  const entries = new Map<string, InterventionRecord[]>();
  for (const [name, records] of byName) {
    const measures = [...new Set(records.map((r) => r.measure ?? "none"))];
    if (measures.length === 1) entries.set(name, records);
    else for (const m of measures) entries.set(`${name} (${m})`, records.filter((r) => (r.measure ?? "none") === m));
  }
  // Every run's comparison (and each subject inferred) looks in the same assessments: the measures used are
  // indexed once, in one pass, and the index (tens of MB for a trust) is let go when the report is made.
  const indexed = comparisonIndex(data.assessments, pupils, [...entries.values()].flatMap((records) => records[0]?.measure ?? []));
  const subjectOf = new Map<string, Subject | null>();
  for (const [label, records] of entries) {
    const name = records[0]?.intervention ?? label;
    subjectOf.set(label, options.subjects?.[name] ?? options.subjects?.[label] ?? inferSubjectIn(indexed, records));
  }

  // Pupils busy in the same subject are left out of every run's pool: each subject's records numbered once.
  const bySubject = new Map<Subject, InterventionRecord[]>();
  for (const [label, records] of entries) {
    const subject = subjectOf.get(label) ?? null;
    if (subject === null) continue;
    const list = bySubject.get(subject);
    if (list === undefined) bySubject.set(subject, [...records]);
    else list.push(...records);
  }
  const sameSubjectOf = new Map([...bySubject].map(([subject, records]) => [subject, numberRecords(indexed, records)] as const));

  const nonResponders: NonResponderRow[] = [];
  const notMeasured: NotMeasuredRow[] = [];
  const interventions: InterventionSummary[] = [];
  for (const [label, records] of [...entries].sort((a, b) => a[0].localeCompare(b[0]))) {
    const subject = subjectOf.get(label) ?? null;
    const measure = records[0]?.measure ?? null;
    const sameSubject = subject === null ? null : sameSubjectOf.get(subject) ?? null;
    const pooled: Analysed = { outcomes: [], comparisons: [] };
    const runs: InterventionRun[] = [];
    for (const run of groupRuns(records)) {
      const outcomes = run.records.map((r) => placementOutcome(r, pupils.get(r.pupilId), run.endDate, asOf));
      const found = subject !== null && measure !== null && sameSubject !== null
        ? findComparisonIn(indexed, outcomes, subject, measure, run.startDate, run.endDate, sameSubject,
          { asOf, perPupil: options.comparisonsPerPupil ?? 5 })
        : null;
      pooled.outcomes.push(...outcomes);
      if (found !== null) pooled.comparisons.push({ run: run.run, found });
      const impact = summariseImpact(outcomes, found, subject, impactOptions);
      const n = new Set(run.records.map((r) => r.pupilId)).size;
      runs.push({
        intervention: label, run: run.run, n, startDate: run.startDate, endDate: run.endDate,
        status: run.endDate !== null && run.endDate <= asOf ? "finished" : "running",
        delivery: describeDelivery(outcomes), cost: describeCost(run.records),
        exitTarget: describeExitTarget(outcomes, confidence), impact,
        narrative: narrate(`${label}, ${run.run}`, n, describePeriod(run.startDate, run.endDate), impact, confidence),
      });
      // Rows written out whole (not `{ ...row, more }`, which in V8 gives each its own hidden class).
      for (const o of outcomes) {
        const pupilId = o.record.pupilId;
        if (o.excluded !== null) {
          notMeasured.push({
            pupilId, name: nameOf(pupilId), intervention: label, run: run.run, reason: o.excluded, leavingDate: o.leavingDate,
          });
        } else if (isNonResponder(o)) {
          nonResponders.push({
            pupilId, name: nameOf(pupilId), intervention: label, run: run.run,
            measure: o.record.measure, entryScore: o.record.entryScore, exitScore: o.record.exitScore,
            gain: o.gain, ratioGain: isAgeMeasure(o.record.measure) ? o.value : null, metTarget: o.metTarget,
          });
        }
      }
    }
    const comparisonPupils: ComparisonPupil[] = pooled.comparisons.flatMap((c) => c.found.pupils);
    const found = comparisonPupils.length === 0 ? null : {
      pupils: comparisonPupils,
      group: pooled.comparisons.flatMap((c) => c.found.group),
      startPoint: joinDistinct(pooled.comparisons.map((c) => c.found.startPoint)),
      endPoint: joinDistinct(pooled.comparisons.map((c) => c.found.endPoint)),
    };
    const impact = summariseImpact(pooled.outcomes, found, subject, impactOptions);
    const startDate = runs.map((r) => r.startDate).sort()[0] ?? "";
    const endDate = runs.some((r) => r.endDate === null) ? null : runs.map((r) => r.endDate ?? "").sort().at(-1) ?? null;
    const n = new Set(records.map((r) => r.pupilId)).size;
    interventions.push({
      intervention: label, n, startDate, endDate,
      status: runs.every((r) => r.status === "finished") ? "finished" : "running",
      delivery: describeDelivery(pooled.outcomes), cost: describeCost(records),
      exitTarget: describeExitTarget(pooled.outcomes, confidence), impact,
      narrative: narrate(label, n, describePeriod(startDate, endDate), impact, confidence),
      runs,
    });
  }

  const rankings = rankCostEffectiveness(
    interventions.map((i) => ({ intervention: i.intervention, n: i.n, net: i.impact.net, costPerPupil: i.cost.perPupil, verdict: i.impact.verdict })),
    { minPupils: options.minPupilsToRank ?? 5, confidence },
  );
  const level = Math.round(confidence * 100);
  // A trust's data (schools recorded) is matched within each school; single-school wording is unchanged.
  const sameWhat = data.pupils.some((p) => p.school !== null) ? "same school and year group" : "same year group";
  return {
    asOf,
    confidence,
    methods: [
      "Ratio gain (Brooks): months of reading or spelling age gained ÷ months elapsed; 1 is normal progress, 2 or more is good impact.",
      "Standardised scores are age-standardised, so an unchanged score is typical progress; a change is progress beyond typical.",
      `Comparison: each pupil is matched to the ${options.comparisonsPerPupil ?? 5} pupils in the ${sameWhat}, not in an intervention in the same subject, whose termly scores at the assessment point nearest the run's start were closest to the pupil's entry score; their progress to the point nearest the run's end is what similar pupils made anyway. Net impact is the difference (${level}% Welch interval).`,
      "Regression to the mean: from the comparison pupils where found; otherwise from the test's reliability as (1 − r) × (population mean − entry score), with r = 0.9 unless set. Each impact states its method.",
      "Hedges' g compares the group's progress with the comparison pupils' progress; EEF months convert it by the Teaching and Learning Toolkit's bands (an upper guide, as progress varies less than scores).",
      `Rankings: net impact per £100 per placement (the cost per placement, as the provision map states it), per unit, of the interventions with clear evidence of impact only (ranked by the best estimate; entries whose difference is not clear say "cannot be told apart"); those with no clear evidence, fewer than ${options.minPupilsToRank ?? 5} pupils, or no interval or cost are listed beneath, not ranked.`,
    ],
    interventions,
    rankings,
    nonResponders: { pupilLevel: true, rows: nonResponders },
    notMeasured: { pupilLevel: true, rows: notMeasured },
  };
}
