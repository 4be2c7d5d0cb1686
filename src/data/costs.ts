/**
 * Default costing figures for provision (see `src/lib/provision/`), each with its source or marked as an
 * assumption. Every one can be replaced by the school's or the local authority's own figure in
 * `sendscope.costs.json` (see `loadCostsConfig`). They describe 2025-26; re-check them each year.
 */
import type { NeedCode } from "./codes.js";

/**
 * The amount per pupil per year of additional support a mainstream school is expected to meet from its
 * notional SEN budget (element 2) before the local authority pays top-up (element 3).
 * Source: DfE, "The notional SEN budget for mainstream schools: operational guidance 2025 to 2026" (updated
 * 28 November 2024), section 1: "the costs, up to £6,000 per pupil, of additional support".
 * @example
 * DEFAULT_SEN_THRESHOLD // => 6000
 */
export const DEFAULT_SEN_THRESHOLD = 6000;

/**
 * Working (school) weeks a year that costing templates assume for weekly support: 38 (e.g. Durham's costed
 * provision map guidance: "take 38 weeks … and multiply this by the total number of minutes per week"; an
 * LA's figure quoted on the SENCO Forum of £653.60 "per weekly TA hour annually (38 weeks)").
 * @example
 * DEFAULT_WORKING_WEEKS // => 38
 */
export const DEFAULT_WORKING_WEEKS = 38;

/**
 * How close below the threshold (in pounds) a pupil's annual cost counts as "near" it. An assumption
 * (no guidance sets one): £1,000, about a sixth of the threshold.
 * @example
 * DEFAULT_THRESHOLD_MARGIN // => 1000
 */
export const DEFAULT_THRESHOLD_MARGIN = 1000;

/** A staff role's default hourly rate, including on-costs, with where it comes from. */
export interface DefaultRole {
  /** Plain-English name. */
  label: string;
  /** Pounds an hour, including employer's National Insurance and pension (on-costs). */
  hourlyRate: number;
  /** Words in a staff column that name the role (case-insensitive, whole words), e.g. "(TA)". */
  aliases: string[];
  /** Where the figure comes from, and whether it is an assumption. */
  source: string;
}

/**
 * Default staff roles and hourly rates including on-costs (2025-26). All are ASSUMPTIONS a school should
 * replace with its own payroll figures or its authority's costing rates; the reasoning is given so it can be
 * checked. On-costs (employer's National Insurance, 15% above the secondary threshold from April 2025, and
 * pension: LGPS about 17–22% for support staff, TPS 28.68% for teachers from April 2024) add about 30% to a
 * support worker's hourly pay and about 40% to a teacher's.
 * @example
 * DEFAULT_ROLES.TA.hourlyRate // => 18
 */
export const DEFAULT_ROLES: Record<string, DefaultRole> = {
  TA: {
    label: "Teaching assistant",
    hourlyRate: 18,
    aliases: ["TA", "LSA", "teaching assistant", "learning support assistant", "SNA"],
    source: "Assumption: a full-time salary low on the NJC pay spine 2025-26 (3.2% award from 1 April 2025; about £25,000–£26,000 at the points TAs are usually graded at) ÷ 52.14 weeks ÷ 37 hours ≈ £13–£13.50 an hour, plus about 30% on-costs ≈ £17–£18. One authority's published rate, £653.60 a weekly hour over 38 weeks, is £17.20 an hour (SENCO Forum).",
  },
  HLTA: {
    label: "Higher level teaching assistant",
    hourlyRate: 22,
    aliases: ["HLTA", "higher level teaching assistant"],
    source: "Assumption: a few NJC points above a TA (about £28,000–£30,000 full time in 2025-26) ÷ 52.14 ÷ 37 ≈ £15–£15.50 an hour, plus about 30% on-costs ≈ £20–£22.",
  },
  Teacher: {
    label: "Teacher",
    hourlyRate: 45,
    aliases: ["teacher", "class teacher", "specialist teacher"],
    source: "Assumption: a main pay range salary in the middle of the range (about £40,000 in 2025-26) ÷ 1,265 directed hours a year ≈ £32 an hour, plus about 40% on-costs ≈ £45.",
  },
  SENCO: {
    label: "SENCO",
    hourlyRate: 55,
    aliases: ["SENCO", "SENCo", "inclusion lead"],
    source: "Assumption: an upper pay range salary with a SEN allowance (about £50,000 in 2025-26) ÷ 1,265 directed hours ≈ £40 an hour, plus about 40% on-costs ≈ £55.",
  },
};

/**
 * The four broad areas of need of the SEND Code of Practice (6.28–6.35), and `OTHER` for OTH and NSA.
 * @example
 * AREAS_OF_NEED.length // => 5
 */
export const AREAS_OF_NEED = ["CI", "CL", "SEMH", "SP", "OTHER"] as const;
/** A broad area of need. */
export type AreaOfNeed = (typeof AREAS_OF_NEED)[number];

/**
 * The broad area of need (SEND Code of Practice 6.28–6.35) of each census type of need.
 * @example
 * AREA_OF_NEED.ASD // => "CI"
 */
export const AREA_OF_NEED: Record<NeedCode, AreaOfNeed> = {
  SLCN: "CI", ASD: "CI",
  SPLD: "CL", MLD: "CL", SLD: "CL", PMLD: "CL",
  SEMH: "SEMH",
  HI: "SP", VI: "SP", MSI: "SP", PD: "SP",
  OTH: "OTHER", NSA: "OTHER",
};

/**
 * Plain-English names of the broad areas of need.
 * @example
 * AREA_OF_NEED_LABELS.SEMH // => "Social, emotional and mental health"
 */
export const AREA_OF_NEED_LABELS: Record<AreaOfNeed, string> = {
  CI: "Communication and interaction",
  CL: "Cognition and learning",
  SEMH: "Social, emotional and mental health",
  SP: "Sensory and/or physical",
  OTHER: "Other or not yet assessed",
};
