/**
 * The `provision` section of the report: what the recorded provision costs, on which basis, against the
 * £6,000 threshold, by area of need, by intervention and in staff hours; and, for the SENCO only, each
 * pupil's annual cost. Every table follows the cell convention (`schema/cells.ts`), so disclosure control
 * hides small groups' costs for governors like any other figure; the pupil lists are pupil-level lists.
 */
import { z } from "zod";
import { IsoDate, SenStatus } from "../schema/primitives.js";
import { pupilLevelList } from "../schema/cells.js";

/**
 * One role's rate as used: the role, its name, pounds an hour including on-costs, and its source.
 * @example
 * ProvisionRate.parse({ role: "TA", label: "Teaching assistant", hourlyRate: 18, source: "Assumption: …" }).hourlyRate // => 18
 */
export const ProvisionRate = z.object({ role: z.string(), label: z.string(), hourlyRate: z.number(), source: z.string().nullable() });
/** One role's rate. */
export type ProvisionRate = z.infer<typeof ProvisionRate>;

/**
 * The basis every cost of the section is stated on: the year kind and year of the tables (`year`), the
 * other year of the report's date, where costs came from (`costSource`), how many placements were costed
 * each way, the rates and working weeks used, the configuration's origin, and a sentence saying it all.
 * @example
 * ProvisionBasis.shape.yearKind.parse("academic") // => "academic"
 */
export const ProvisionBasis = z.object({
  yearKind: z.enum(["academic", "financial"]),
  year: z.string(),
  academicYear: z.string(),
  financialYear: z.string(),
  costSource: z.enum(["export", "model"]),
  placements: z.object({ export: z.number().int(), model: z.number().int(), none: z.number().int() }),
  workingWeeks: z.number(),
  rates: z.array(ProvisionRate),
  config: z.string(),
  statement: z.string(),
});
/** The basis of the costs. */
export type ProvisionBasis = z.infer<typeof ProvisionBasis>;

/**
 * A table cell of costs: `n` pupils, their provision's `cost` in the basis year (pounds), `costPerPupil`
 * (cost ÷ n) and the staff hours attributable to them (each session's hours ÷ its group size).
 * @example
 * ProvisionCell.parse({ partition: "provision|2025/26|area", group: "CI", label: "Communication and interaction",
 *   n: 12, cost: 4800, costPerPupil: 400, staffHours: 150 }).costPerPupil // => 400
 */
export const ProvisionCell = z.object({
  partition: z.string(),
  group: z.string(),
  label: z.string(),
  isTotal: z.boolean().optional(),
  n: z.number().int().nonnegative(),
  cost: z.number().nullable(),
  costPerPupil: z.number().nullable(),
  staffHours: z.number().nullable(),
  placements: z.number().int().nonnegative().nullable().optional(),
});
/** A table cell of costs. */
export type ProvisionCell = z.infer<typeof ProvisionCell>;

/**
 * Staff hours of one role for one year group: `n` pupils of that year group taught by the role, and the
 * hours attributable to them (sessions' hours ÷ group size).
 * @example
 * StaffHoursCell.parse({ partition: "provision|2025/26|hours|TA", group: "Y3", role: "TA", yearGroup: 3, n: 9, hours: 40.5 }).hours // => 40.5
 */
export const StaffHoursCell = z.object({
  partition: z.string(),
  group: z.string(),
  role: z.string(),
  yearGroup: z.number().int().nullable(),
  n: z.number().int().nonnegative(),
  hours: z.number().nullable(),
});
/** Staff hours of one role for one year group. */
export type StaffHoursCell = z.infer<typeof StaffHoursCell>;

/**
 * The whole provision's cost in one year (academic or financial): pupils with a costed placement in it and
 * the cost.
 * @example
 * ProvisionYearTotal.parse({ yearKind: "financial", year: "2025-26", n: 80, cost: 41250 }).cost // => 41250
 */
export const ProvisionYearTotal = z.object({
  yearKind: z.enum(["academic", "financial"]),
  year: z.string(),
  /** Pupils; null where a report for governors or the public hides a small year (`hideSmallProvisionYears`). */
  n: z.number().int().nonnegative().nullable(),
  cost: z.number().nullable(),
});
/** The whole provision's cost in one year. */
export type ProvisionYearTotal = z.infer<typeof ProvisionYearTotal>;

/**
 * One costed placement of a pupil, as the pupil's row lists it (see `PlacementCost` for the fields).
 * @example
 * ProvisionPupilPlacement.shape.basis.parse("model") // => "model"
 */
export const ProvisionPupilPlacement = z.object({
  intervention: z.string(),
  start: IsoDate,
  end: IsoDate,
  basis: z.enum(["export", "model", "none"]),
  cost: z.number().nullable(),
  costInYear: z.number(),
  sessions: z.number().nullable(),
  minutesPerSession: z.number().nullable(),
  groupSize: z.number().nullable(),
  role: z.string().nullable(),
  hourlyRate: z.number().nullable(),
  resources: z.number(),
});
/** One costed placement of a pupil. */
export type ProvisionPupilPlacement = z.infer<typeof ProvisionPupilPlacement>;

/**
 * One pupil's annual cost of additional support in the basis year, against the threshold (SENCO only; `name`
 * is the pupil's forename and surname, for the SENCO's page):
 * `aboveThreshold` (cost > threshold), `nearThreshold` (within the margin below it), `excess` (cost −
 * threshold, when above) and `band` (the smallest of the authority's top-up bands that covers the excess, the
 * largest when none does; null with no bands or when not above).
 * @example
 * ProvisionPupil.shape.aboveThreshold.parse(true) // => true
 */
export const ProvisionPupil = z.object({
  pupilId: z.string(),
  name: z.string().nullable(),
  yearGroup: z.number().int().nullable(),
  senStatus: SenStatus,
  primaryNeed: z.string().nullable(),
  cost: z.number(),
  otherYearCost: z.number(),
  aboveThreshold: z.boolean(),
  nearThreshold: z.boolean(),
  excess: z.number().nullable(),
  band: z.string().nullable(),
  placements: z.array(ProvisionPupilPlacement),
});
/** One pupil's annual cost. */
export type ProvisionPupil = z.infer<typeof ProvisionPupil>;

/**
 * A placement not costed (no cost in the export and the model lacks a figure), with where and why.
 * @example
 * UncostedPlacement.parse({ pupilId: "P1", intervention: "Lego therapy", file: "p.csv", line: 4, reason: "not costed: …" }).line // => 4
 */
export const UncostedPlacement = z.object({ pupilId: z.string(), intervention: z.string(), file: z.string(), line: z.number().int(), reason: z.string() });
/** A placement not costed. */
export type UncostedPlacement = z.infer<typeof UncostedPlacement>;

/**
 * The provision section (see `analyseProvision`).
 * @example
 * ProvisionReport.shape.threshold.shape.amount.parse(6000) // => 6000
 */
export const ProvisionReport = z.object({
  asOf: IsoDate,
  basis: ProvisionBasis,
  threshold: z.object({ amount: z.number(), margin: z.number(), source: z.string(), bands: z.array(z.object({ name: z.string(), amount: z.number() })) }),
  years: z.array(ProvisionYearTotal),
  notionalSenBudget: z.object({ amount: z.number(), n: z.number().int().nonnegative(), spent: z.number().nullable(), remaining: z.number().nullable() }).nullable(),
  byArea: z.array(ProvisionCell),
  byIntervention: z.array(ProvisionCell),
  thresholdBands: z.array(ProvisionCell),
  staffHours: z.array(StaffHoursCell),
  pupils: pupilLevelList(ProvisionPupil),
  uncosted: pupilLevelList(UncostedPlacement),
});
/** The provision section. */
export type ProvisionReport = z.infer<typeof ProvisionReport>;
