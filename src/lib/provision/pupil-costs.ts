/**
 * One pupil's costed provision, exactly as the report's `provision` section costs it: the same analysis
 * (`analyseProvision`) over the same data (`dataUpTo(data, asOf)`, as `buildReport` gives it), so a top-up
 * evidence pack and the SENCO's report cannot disagree.
 */
import type { SchoolData } from "../schema/school-data.js";
import { dataUpTo } from "../cohort/context.js";
import { analyseProvision } from "./analyse.js";
import type { CostsConfig } from "./config.js";
import type { ProvisionPupil, ProvisionReport } from "./schema.js";

/** One pupil's costs (see `pupilProvisionCosts`). */
export interface PupilProvisionCosts {
  /** The basis of every cost (year kind and year, rates, where the costs came from). */
  basis: ProvisionReport["basis"];
  /** The threshold (£6,000 by default), the margin and the authority's top-up bands. */
  threshold: ProvisionReport["threshold"];
  /** The pupil's row of `provision.pupils` (annual cost, placements), or null with no costed placement in the year. */
  row: ProvisionPupil | null;
  /** The pupil's placements that could not be costed (file, line and why). */
  uncosted: ProvisionReport["uncosted"]["rows"];
}

/**
 * The pupil's annual cost of provision and costed placements on `asOf`, as `buildReport(data, { asOf, costs })`
 * states them in `provision.pupils` (the same function over the same data).
 * @param data the school's data (every pupil's: a group's size counts the other pupils in the run)
 * @param pupilId the pupil (sendscope's pupil id)
 * @param asOf the date of the report (yyyy-mm-dd)
 * @param config the costing configuration (`costsConfig()` or `loadCostsConfig(file)`)
 * @example
 * pupilProvisionCosts(data, "Y873210121037", "2026-06-22", costsConfig()).row?.cost // => 6840
 */
export function pupilProvisionCosts(data: SchoolData, pupilId: string, asOf: string, config: CostsConfig): PupilProvisionCosts {
  const provision = analyseProvision(dataUpTo(data, asOf), asOf, config);
  return {
    basis: provision.basis,
    threshold: provision.threshold,
    row: provision.pupils.rows.find((r) => r.pupilId === pupilId) ?? null,
    uncosted: provision.uncosted.rows.filter((r) => r.pupilId === pupilId),
  };
}
