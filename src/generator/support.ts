/**
 * Additional adult support for pupils with EHC plans (issue #15): the largest cost in a primary school's
 * provision map, and what takes a few pupils over the £6,000 a school meets from its notional SEN budget.
 *
 * Each pupil with an EHC plan on roll for a whole academic year (2024/25, 2025/26) gets one placement
 * "Additional adult support (EHC plan)": a teaching assistant (or, for some, a higher level TA) every school
 * day of the year (190 sessions: 38 weeks × 5 days, the working weeks costing templates assume), for 1 to 2½
 * hours a day, 1:1 or shared with one other pupil (then recorded as a group of two). Typical of a primary
 * school's EHC plans, which usually specify support in hours a week (5 to 12½ here).
 * The cost recorded is the costing model's: hours × the role's rate including on-costs (TA £18, HLTA £22,
 * as the defaults of `src/data/costs.ts`) ÷ group size. At 2 hours a day 1:1 a pupil's support costs
 * 190 × 2 × £18 = £6,840, over the threshold; at 1½ hours £5,130, near it; at 1 hour £3,420.
 *
 * A separate random stream (keyed on the school's seed and 15) is used, so everything else the generator
 * makes is unchanged; the placements come after every other placement in the provision map file.
 */
import { TERMS_INFO } from "./calendar.js";
import type { InterventionSpec, Placement } from "./interventions.js";
import { Rng, hashKeys } from "./random.js";
import { onRoll, senStatusOn, type PupilModel } from "./school.js";

/** The support, as a catalogue entry (no measure and no effect on attainment). */
export const EHC_SUPPORT: InterventionSpec = {
  name: "Additional adult support (EHC plan)", code: "AAS", subject: null, measure: null,
  yearGroups: [0, 1, 2, 3, 4, 5, 6], groupSize: [1, 2], terms: 2, sessionsPlanned: 190, minutesPerSession: 60,
  hourlyRate: 18, oneToOne: true, selection: "semh", effect: { kind: "none" }, starts: [], groupsPerStart: 0,
};

/** Minutes a day, drawn for each pupil: most have 1½ or 2 hours, some 1 or 2½. */
const MINUTES = [60, 90, 90, 120, 120, 150] as const;
/** Staff: most support is by TAs. */
const SUPPORT_STAFF = [
  { name: "Mrs Siân Evans (TA)", rate: 18 }, { name: "Mrs Aoife Kelly (TA)", rate: 18 }, { name: "Miss Grace Hall (TA)", rate: 18 },
  { name: "Mr Łukasz Nowak (HLTA)", rate: 22 },
] as const;

/**
 * The support placements of one school (see the module comment).
 * @example
 * planEhcSupport(hashKeys([20261123, 0]), school.pupils).length // => about 30 (2 years × about 15 pupils)
 */
export function planEhcSupport(schoolSeed: number, pupils: readonly PupilModel[]): Placement[] {
  const rng = new Rng(hashKeys([schoolSeed, 15]));
  const out: Placement[] = [];
  for (const startYear of [2024, 2025]) {
    const terms = TERMS_INFO.filter((t) => t.startYear === startYear);
    const start = terms[0]!.start + 7;
    const end = terms[terms.length - 1]!.end - 3;
    const year = terms[0]!.academicYear.replace("/", "");
    const chosen = pupils.filter((p) => onRoll(p, start) && onRoll(p, end) && senStatusOn(p, start) === "E");
    // About one in four shares their support with another pupil with a plan (a group of two).
    const order = rng.shuffle([...chosen]);
    let g = 0;
    for (let i = 0; i < order.length; ) {
      const pair = i + 1 < order.length && rng.chance(0.25);
      const members = order.slice(i, i + (pair ? 2 : 1));
      i += members.length;
      const minutes = rng.pick([...MINUTES]);
      const staff = rng.pick([...SUPPORT_STAFF]);
      const group = `AAS-${year}-${String(++g).padStart(2, "0")}`;
      const cost = Math.round((190 * minutes * staff.rate) / 60 / members.length);
      for (const pupil of members) {
        const attended = Math.round(190 * Math.min(1, Math.max(0.7, 1 - pupil.absence - Math.abs(rng.normal(0, 0.03)))));
        out.push({
          pupil, spec: { ...EHC_SUPPORT, minutesPerSession: minutes, hourlyRate: staff.rate, oneToOne: members.length === 1 },
          group, staff: staff.name, start, end, sessionsAttended: attended, cost, entryScore: null, entryDate: null,
          exitScore: null, exitDate: null, exitTarget: null,
        });
      }
    }
  }
  return out;
}
