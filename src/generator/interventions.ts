/**
 * The provision map: which interventions the synthetic school ran in 2024/25 and 2025/26, who was in each run,
 * and the TRUE effect each had. True effects are written into the pupils' latent attainment (as `Boost`s),
 * so they show in the intervention's own entry/exit measures AND in the pupils' later termly assessments;
 * a comparison with similar pupils who were not in the intervention over the same period recovers them.
 *
 * True effects (at full attendance; a pupil's effect is scaled by sessions attended ÷ planned):
 * - "Precision teaching" (Y2–Y4, reading age): +2.2 extra months of reading age per month elapsed, i.e. a
 *   ratio gain of about 2.5 (normal progress is 1 month per month, a little less for low attainers, and
 *   the effect scales with attendance). EFFECTIVE.
 * - "Reading recovery-style 1:1" (Y2–Y3, reading age, two terms): +1.9 extra months per month, ratio gain
 *   about 2.4. EFFECTIVE.
 * - "Maths catch-up (small group)" (Y3–Y5, standardised maths): +7 standardised points. EFFECTIVE.
 * Teachers pick the effective interventions' pupils from the last termly standardised score plus their own
 * view (noise SD 4 points; not pupils at the test's floor), and entry/exit are fresh tests at the start and end,
 * so those raw gains carry little regression to the mean; matching on the last termly score removes the rest.
 * - "Maths booster club" (Y5–Y6, standardised maths): NO effect. Pupils are the lowest scorers on the most
 *   recent termly maths standardised score, and that score is the entry score, so the raw entry→exit gain is
 *   positive purely by regression to the mean (about (1 − 0.85) × their shortfall below the mean).
 * - "Comprehension club" (Y4–Y5, standardised reading): NO effect, pupils picked at random (teacher referral
 *   unrelated to attainment), so its raw gain is about zero.
 * - "ELSA (emotional literacy support)" (SEMH pupils): no attainment effect and no entry/exit measure.
 * A reading-age effect of m extra months, at chronological age CA months, is a latent shift of m·96/(12·CA)
 * (the reading-age model is CA + 12·z·CA/96), so it also lifts standardised reading by 15 times that.
 */
import type { MeasureKind, Term } from "../lib/schema/primitives.js";
import { TERMS_INFO, ageMonths, monthsBetween, termOf, weekday, type TermInfo } from "./calendar.js";
import { readingAgeMonths, standardisedScore } from "./measure.js";
import { STAFF } from "./names.js";
import type { Rng } from "./random.js";
import { onRoll, senStatusOn, yearGroupIn, type LatentSubject, type PupilModel } from "./school.js";

/** How an intervention's pupils are chosen. */
export type Selection = "teacher" | "lowestObserved" | "random" | "semh";

/** The true effect of an intervention at full attendance. */
export type TrueEffect =
  | { kind: "readingAgeRate"; extraMonthsPerMonth: number }
  | { kind: "standardisedPoints"; points: number }
  | { kind: "none" };

/** One intervention in the catalogue. */
export interface InterventionSpec {
  readonly name: string;
  readonly code: string;
  readonly subject: LatentSubject | null;
  readonly measure: Extract<MeasureKind, "readingAge" | "standardised"> | null;
  readonly yearGroups: readonly number[];
  readonly groupSize: readonly [number, number];
  /** Terms a run lasts (1 or 2). */
  readonly terms: 1 | 2;
  readonly sessionsPlanned: number;
  readonly minutesPerSession: number;
  /** Staff cost per hour, pounds; 1:1 interventions cost each pupil the whole time. */
  readonly hourlyRate: number;
  readonly oneToOne: boolean;
  readonly selection: Selection;
  readonly effect: TrueEffect;
  /** Start terms of the runs, as (first calendar year of the academic year, term). */
  readonly starts: readonly (readonly [number, Term])[];
  /** Groups per start for a 420-pupil school (scaled by roll). */
  readonly groupsPerStart: number;
}

/** The intervention catalogue with true effects (see the module comment). */
export const INTERVENTIONS: readonly InterventionSpec[] = [
  {
    name: "Precision teaching", code: "PT", subject: "reading", measure: "readingAge", yearGroups: [2, 3, 4],
    groupSize: [4, 6], terms: 1, sessionsPlanned: 30, minutesPerSession: 15, hourlyRate: 16, oneToOne: false,
    selection: "teacher", effect: { kind: "readingAgeRate", extraMonthsPerMonth: 2.2 },
    starts: [[2024, "autumn"], [2024, "spring"], [2025, "autumn"], [2025, "spring"]], groupsPerStart: 2,
  },
  {
    name: "Reading recovery-style 1:1", code: "RR", subject: "reading", measure: "readingAge", yearGroups: [2, 3],
    groupSize: [4, 5], terms: 2, sessionsPlanned: 40, minutesPerSession: 30, hourlyRate: 32, oneToOne: true,
    selection: "teacher", effect: { kind: "readingAgeRate", extraMonthsPerMonth: 1.9 },
    starts: [[2024, "autumn"], [2025, "autumn"]], groupsPerStart: 1,
  },
  {
    name: "Maths catch-up (small group)", code: "MC", subject: "maths", measure: "standardised",
    yearGroups: [3, 4, 5], groupSize: [6, 8], terms: 1, sessionsPlanned: 30, minutesPerSession: 30,
    hourlyRate: 16, oneToOne: false, selection: "teacher", effect: { kind: "standardisedPoints", points: 7 },
    starts: [[2024, "autumn"], [2024, "spring"], [2025, "autumn"], [2025, "spring"]], groupsPerStart: 1,
  },
  {
    name: "Maths booster club", code: "MB", subject: "maths", measure: "standardised", yearGroups: [5, 6],
    groupSize: [10, 12], terms: 1, sessionsPlanned: 24, minutesPerSession: 45, hourlyRate: 32, oneToOne: false,
    selection: "lowestObserved", effect: { kind: "none" }, starts: [[2024, "spring"], [2025, "spring"]],
    groupsPerStart: 1,
  },
  {
    name: "Comprehension club", code: "CC", subject: "reading", measure: "standardised", yearGroups: [4, 5],
    groupSize: [8, 8], terms: 1, sessionsPlanned: 20, minutesPerSession: 30, hourlyRate: 16, oneToOne: false,
    selection: "random", effect: { kind: "none" }, starts: [[2024, "summer"], [2025, "summer"]], groupsPerStart: 1,
  },
  {
    name: "ELSA (emotional literacy support)", code: "ELSA", subject: null, measure: null,
    yearGroups: [1, 2, 3, 4, 5, 6], groupSize: [4, 6], terms: 1, sessionsPlanned: 12, minutesPerSession: 30,
    hourlyRate: 16, oneToOne: true, selection: "semh", effect: { kind: "none" },
    starts: [[2024, "autumn"], [2025, "autumn"]], groupsPerStart: 1,
  },
];

/** One pupil's place in one run. */
export interface Placement {
  pupil: PupilModel;
  spec: InterventionSpec;
  group: string;
  staff: string;
  start: number;
  end: number;
  sessionsAttended: number;
  cost: number;
  entryScore: number | null;
  entryDate: number | null;
  exitScore: number | null;
  exitDate: number | null;
  exitTarget: number | null;
}


const mondayOnOrAfter = (day: number): number => day + ((8 - weekday(day)) % 7);

/**
 * Choose the runs, their pupils and their measures, and record each true effect as a boost on the pupils.
 * Runs are processed in start order, so a selection on observed scores sees every earlier run's effect.
 * @example
 * planInterventions(rng, seed, school.pupils, 420).length // => about 150 placements
 */
export function planInterventions(rng: Rng, seed: number, pupils: readonly PupilModel[], roll: number): Placement[] {
  // occasion keys of intervention tests (distinct from the termly occasions 0–8)
  let occasionBase = 100;
  const runs: { spec: InterventionSpec; first: TermInfo; last: TermInfo; n: number }[] = [];
  for (const spec of INTERVENTIONS) {
    for (const [year, term] of spec.starts) {
      const first = termOf(year, term);
      const last = TERMS_INFO[first.index + spec.terms - 1] ?? first;
      const groups = Math.max(1, Math.round((spec.groupsPerStart * roll) / 420));
      for (let g = 0; g < groups; g++) runs.push({ spec, first, last, n: g });
    }
  }
  runs.sort((a, b) => a.first.index - b.first.index || INTERVENTIONS.indexOf(a.spec) - INTERVENTIONS.indexOf(b.spec) || a.n - b.n);
  const busy = new Set<string>();
  const placements: Placement[] = [];
  const groupCounter = new Map<string, number>();
  for (const run of runs) {
    const { spec, first, last } = run;
    const start = mondayOnOrAfter(first.start + rng.int(7, 12));
    const end = last.assessment - rng.int(3, 7);
    const eligible = pupils.filter((p) => onRoll(p, start) && onRoll(p, end)
      && spec.yearGroups.includes(yearGroupIn(p, first.startYear))
      && !(spec.measure !== null && p.workingBelow)
      && !busy.has(`${p.index}:${first.index}`) && !busy.has(`${p.index}:${last.index}`));
    const size = rng.int(spec.groupSize[0], spec.groupSize[1]);
    let chosen: PupilModel[];
    let entryFromTermly: TermInfo | null = null;
    // the most recent termly standardised score before the run: teachers pick on the data they have
    const recent = TERMS_INFO.filter((t) => t.assessment < start).at(-1);
    const subject = spec.subject ?? "reading";
    const observed = (p: PupilModel): number | null => (recent === undefined || !onRoll(p, recent.assessment)
      ? null : standardisedScore(seed, p, subject, recent.assessment, recent.index));
    if (spec.selection === "teacher") {
      // teacher judgement: the last test score plus the teacher's own view (SD 4 points); a catch-up group is
      // not for pupils at the test's floor
      chosen = eligible
        .map((p) => ({ p, score: observed(p) }))
        .filter((x): x is { p: PupilModel; score: number } => x.score !== null && x.score > 72)
        .map((x) => ({ p: x.p, key: x.score + rng.normal(0, 4) }))
        .sort((a, b) => a.key - b.key)
        .slice(0, size)
        .map((x) => x.p);
    } else if (spec.selection === "lowestObserved") {
      if (recent === undefined) continue;
      entryFromTermly = recent;
      chosen = eligible
        .map((p) => ({ p, score: observed(p) }))
        .filter((x): x is { p: PupilModel; score: number } => x.score !== null)
        .sort((a, b) => a.score - b.score || a.p.index - b.p.index)
        .slice(0, size)
        .map((x) => x.p);
    } else if (spec.selection === "semh") {
      const semh = eligible.filter((p) => senStatusOn(p, start) !== "N"
        && (p.primaryNeed === "SEMH" || p.secondaryNeed === "SEMH"));
      const others = rng.shuffle(eligible.filter((p) => senStatusOn(p, start) !== "N" && !semh.includes(p)));
      chosen = [...rng.shuffle(semh), ...others].slice(0, size);
    } else {
      chosen = rng.shuffle(eligible).slice(0, size);
    }
    if (chosen.length === 0) continue;
    const counterKey = `${spec.code}-${first.startYear}`;
    const letter = String.fromCharCode(65 + (groupCounter.get(counterKey) ?? 0));
    groupCounter.set(counterKey, (groupCounter.get(counterKey) ?? 0) + 1);
    const group = `${spec.code}-${first.academicYear.replace("/", "")}-${letter}`;
    const staff = spec.oneToOne && spec.hourlyRate > 20 ? "Ms Zoë Clarke (Teacher)" : rng.pick(STAFF);
    const hours = (spec.sessionsPlanned * spec.minutesPerSession) / 60;
    const cost = Math.round((hours * spec.hourlyRate) / (spec.oneToOne ? 1 : chosen.length));
    const entryOccasion = occasionBase++;
    const exitOccasion = occasionBase++;
    for (const p of chosen) {
      busy.add(`${p.index}:${first.index}`);
      busy.add(`${p.index}:${last.index}`);
      const dose = Math.min(1, Math.max(0.45, 1 - Math.abs(rng.normal(0.06, 0.1)) - p.absence));
      const attended = Math.round(spec.sessionsPlanned * dose);
      const doseShare = attended / spec.sessionsPlanned;
      let entryScore: number | null = null;
      let entryDate: number | null = null;
      let exitTarget: number | null = null;
      if (spec.measure === "readingAge") {
        entryDate = start;
        entryScore = readingAgeMonths(seed, p, start, entryOccasion);
        exitTarget = entryScore + 2 * monthsBetween(start, end);
      } else if (spec.measure === "standardised" && spec.subject !== null) {
        if (entryFromTermly !== null) {
          entryDate = entryFromTermly.assessment;
          entryScore = standardisedScore(seed, p, spec.subject, entryDate, entryFromTermly.index);
        } else {
          entryDate = start;
          entryScore = standardisedScore(seed, p, spec.subject, start, entryOccasion);
        }
        exitTarget = Math.min(141, entryScore + 5);
      }
      // the true effect, as a boost on the latent attainment accruing over the run
      if (spec.effect.kind === "readingAgeRate" && spec.subject !== null) {
        const extraMonths = spec.effect.extraMonthsPerMonth * ((end - start) / 30.4375) * doseShare;
        const amount = (extraMonths * 96) / (12 * ageMonths(p.dob, end));
        p.boosts.push({ subject: spec.subject, start, end, amount });
      } else if (spec.effect.kind === "standardisedPoints" && spec.subject !== null) {
        p.boosts.push({ subject: spec.subject, start, end, amount: (spec.effect.points / 15) * doseShare });
      }
      let exitScore: number | null = null;
      let exitDate: number | null = null;
      if (spec.measure === "readingAge") {
        exitDate = end;
        exitScore = readingAgeMonths(seed, p, end, exitOccasion);
      } else if (spec.measure === "standardised" && spec.subject !== null) {
        exitDate = end;
        exitScore = standardisedScore(seed, p, spec.subject, end, exitOccasion);
      }
      placements.push({
        pupil: p, spec, group, staff, start, end, sessionsAttended: attended, cost, entryScore, entryDate,
        exitScore, exitDate, exitTarget,
      });
    }
  }
  return placements;
}
