/**
 * The costing configuration (`sendscope.costs.json`): staff roles and their hourly rates including on-costs,
 * which role each member of staff is, per-intervention group sizes and resources, working weeks, the
 * £6,000 threshold and its margin, the authority's top-up bands and the notional SEN budget. Validated with
 * zod; every value not given takes its default from `src/data/costs.ts`.
 */
import { z } from "zod";
import { ImportError } from "../errors.js";
import { parseJsonText, readJsonFile } from "../json-file.js";
import {
  DEFAULT_ROLES, DEFAULT_SEN_THRESHOLD, DEFAULT_THRESHOLD_MARGIN, DEFAULT_WORKING_WEEKS,
} from "../../data/costs.js";

/** Pounds: a finite number, 0 or more. */
const Pounds = z.number().finite().nonnegative();

/**
 * One staff role: its hourly rate including on-costs, and the words in a staff column that name it.
 * @example
 * CostRole.parse({ hourlyRate: 18 }).aliases // => []
 */
export const CostRole = z.object({
  label: z.string().min(1).optional(),
  hourlyRate: Pounds,
  aliases: z.array(z.string().min(1)).default([]),
  source: z.string().optional(),
}).strict();
/** One staff role. */
export type CostRole = z.infer<typeof CostRole>;

/**
 * What to assume of one intervention (by its provision map name): the group size (pupils sharing a session;
 * 1 for 1:1), the staff role when the staff column does not say, resources per pupil (pounds per placement:
 * licences, materials), and sessions a week (used with `workingWeeks` when the export gives no session count).
 * @example
 * InterventionCosting.parse({ groupSize: 1, role: "TA" }).groupSize // => 1
 */
export const InterventionCosting = z.object({
  groupSize: z.number().int().positive().optional(),
  role: z.string().min(1).optional(),
  resourcesPerPupil: Pounds.optional(),
  sessionsPerWeek: z.number().finite().positive().optional(),
  minutesPerSession: z.number().finite().positive().optional(),
}).strict();
/** What to assume of one intervention. */
export type InterventionCosting = z.infer<typeof InterventionCosting>;

/**
 * One top-up band of the local authority: its name and its annual amount (pounds). Authorities set their own.
 * @example
 * TopUpBand.parse({ name: "Band 1", amount: 1600 }).amount // => 1600
 */
export const TopUpBand = z.object({ name: z.string().min(1), amount: Pounds }).strict();
/** One top-up band. */
export type TopUpBand = z.infer<typeof TopUpBand>;

/**
 * The costing configuration, as written in `sendscope.costs.json` (every field optional).
 * - `costSource`: `"export"` (default) uses a placement's cost as the export states it, and the model only
 *   where the export gives none; `"model"` uses the model wherever it can be worked out.
 * - `threshold`, `margin`: the per-pupil annual threshold (£6,000) and how close below it is "near".
 * - `thresholdYear`: whether a pupil's annual cost is for the academic year (default) or the financial year
 *   (April to March) of the report's date.
 * - `notionalSenBudget`: the school's notional SEN budget for the year, if the user gives it.
 * @example
 * CostsConfigInput.parse({ threshold: 6000 }).threshold // => 6000
 */
export const CostsConfigInput = z.object({
  $schema: z.string().optional(),
  costSource: z.enum(["export", "model"]).optional(),
  threshold: Pounds.optional(),
  margin: Pounds.optional(),
  thresholdYear: z.enum(["academic", "financial"]).optional(),
  workingWeeks: z.number().finite().positive().max(52).optional(),
  roles: z.record(z.string().min(1), CostRole).optional(),
  staff: z.record(z.string().min(1), z.string().min(1)).optional(),
  interventions: z.record(z.string().min(1), InterventionCosting).optional(),
  topUpBands: z.array(TopUpBand).optional(),
  notionalSenBudget: Pounds.nullable().optional(),
}).strict();
/** The costing configuration as written. */
export type CostsConfigInput = z.infer<typeof CostsConfigInput>;

/** The costing configuration with every default filled in (see `costsConfig`). */
export interface CostsConfig {
  costSource: "export" | "model";
  threshold: number;
  margin: number;
  thresholdYear: "academic" | "financial";
  workingWeeks: number;
  roles: Record<string, CostRole>;
  staff: Record<string, string>;
  interventions: Record<string, InterventionCosting>;
  topUpBands: TopUpBand[];
  notionalSenBudget: number | null;
  /** Where the configuration came from: a file's path, or "defaults". */
  from: string;
}

/**
 * The costing configuration with every default filled in: the given roles are added to (or replace) the
 * default roles (`DEFAULT_ROLES`), everything else replaces its default. Checks that every role named by
 * `staff` and `interventions` is a role.
 * @param input the parsed `sendscope.costs.json` (default none: all defaults)
 * @param from where it came from, for messages (default "defaults")
 * @throws {ImportError} naming `from` and the field when a role named is not defined
 * @example
 * costsConfig().threshold // => 6000
 * costsConfig({ roles: { TA: { hourlyRate: 20 } } }).roles.TA.hourlyRate // => 20
 */
export function costsConfig(input: CostsConfigInput = {}, from = "defaults"): CostsConfig {
  const roles: Record<string, CostRole> = {};
  for (const [k, r] of Object.entries(DEFAULT_ROLES)) roles[k] = { label: r.label, hourlyRate: r.hourlyRate, aliases: [...r.aliases], source: r.source };
  for (const [k, r] of Object.entries(input.roles ?? {})) roles[k] = r;
  const config: CostsConfig = {
    costSource: input.costSource ?? "export",
    threshold: input.threshold ?? DEFAULT_SEN_THRESHOLD,
    margin: input.margin ?? DEFAULT_THRESHOLD_MARGIN,
    thresholdYear: input.thresholdYear ?? "academic",
    workingWeeks: input.workingWeeks ?? DEFAULT_WORKING_WEEKS,
    roles,
    staff: { ...(input.staff ?? {}) },
    interventions: { ...(input.interventions ?? {}) },
    topUpBands: [...(input.topUpBands ?? [])].sort((a, b) => a.amount - b.amount),
    notionalSenBudget: input.notionalSenBudget ?? null,
    from,
  };
  for (const [name, role] of Object.entries(config.staff)) {
    if (!(role in roles)) throw new ImportError(from, `staff.${name}: '${role}' is not a role (roles are ${Object.keys(roles).join(", ")}; add it under "roles" with its hourlyRate)`);
  }
  for (const [name, iv] of Object.entries(config.interventions)) {
    if (iv.role !== undefined && !(iv.role in roles)) throw new ImportError(from, `interventions.${name}.role: '${iv.role}' is not a role (roles are ${Object.keys(roles).join(", ")})`);
  }
  return config;
}

/**
 * Parses the text of a `sendscope.costs.json`: JSON (a byte order mark is allowed), checked field by field.
 * @param text the file's text
 * @param file the file's path, named in every message
 * @throws {ImportError} naming the file and each bad field's path (`roles.TA.hourlyRate: …`)
 * @example
 * parseCostsConfig('{"threshold": 6000, "margin": 500}', "sendscope.costs.json").margin // => 500
 */
export function parseCostsConfig(text: string, file: string): CostsConfig {
  return costsConfig(parseJsonText(text, file, "costs file", CostsConfigInput), file);
}

/**
 * Reads and checks a `sendscope.costs.json` (see `parseCostsConfig`).
 * @throws {ImportError} when the file cannot be read or a value is wrong (naming the field)
 * @example
 * (await loadCostsConfig("sendscope.costs.json")).workingWeeks // => 38
 */
export async function loadCostsConfig(path: string): Promise<CostsConfig> {
  return costsConfig(await readJsonFile(path, "costs file", CostsConfigInput), path);
}
