/**
 * National reference figures for England, each with the year it describes and its source, and a loader that
 * replaces them with a user's newer JSON file. Rates are proportions in [0, 1].
 * Re-check a figure before relying on it: DfE statistics are revised.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { ImportError } from "../lib/errors.js";
import { NEED_CODES } from "./codes.js";

/**
 * The measures national figures exist for:
 * - `senShare`: share of pupils with the SEN status (school census, January);
 * - `phonicsMet`: share of Y1 pupils meeting the phonics screening check standard;
 * - `ks2Rwm`: share of KS2 pupils at the expected standard in reading, writing and maths combined;
 * - `persistentAbsence`: share of pupils missing 10% or more of possible sessions;
 * - `primaryNeedShare`: share of pupils with the SEN status whose primary need is `need`.
 */
export const NATIONAL_MEASURES = ["senShare", "phonicsMet", "ks2Rwm", "persistentAbsence", "primaryNeedShare"] as const;
/** Zod enum of national measures. @example NationalMeasure.parse("ks2Rwm") // => "ks2Rwm" */
export const NationalMeasure = z.enum(NATIONAL_MEASURES);
/** A measure national figures exist for. */
export type NationalMeasure = z.infer<typeof NationalMeasure>;

/** The groups national figures are published for: N, K, E, SEN (K and E together) and all pupils. */
export const NATIONAL_GROUPS = ["N", "K", "E", "SEN", "all"] as const;
/** Zod enum of national groups. @example NationalGroup.parse("SEN") // => "SEN" */
export const NationalGroup = z.enum(NATIONAL_GROUPS);
/** A group national figures are published for. */
export type NationalGroup = z.infer<typeof NationalGroup>;

/**
 * The schools a national figure is for: `all` (every school in England, including special schools and
 * alternative provision, where nearly every pupil has an EHC plan), `primary` (state-funded primary schools)
 * or `secondary` (state-funded secondary schools).
 * @example
 * NationalPhase.parse("primary") // => "primary"
 */
export const NationalPhase = z.enum(["all", "primary", "secondary"]);
/** The schools a national figure is for. */
export type NationalPhase = z.infer<typeof NationalPhase>;

/**
 * The schools of each phase in plain English, as captions name them.
 * @example
 * NATIONAL_PHASE_LABELS.primary // => "state-funded primary schools in England"
 */
export const NATIONAL_PHASE_LABELS: Record<NationalPhase, string> = {
  all: "all schools in England (including special schools)",
  primary: "state-funded primary schools in England",
  secondary: "state-funded secondary schools in England",
};

/**
 * One national figure: the `rate` (a proportion) of a `measure` for a `group`, with the `year` it describes
 * and its `source`. `need` is set only for `primaryNeedShare`; `phase` says which schools the figure is for
 * (absent: all schools).
 * @example
 * NationalFigure.parse({ measure: "senShare", group: "K", rate: 0.142, year: "January 2025",
 *   source: "DfE, Special educational needs in England 2024/25" })
 */
export const NationalFigure = z.object({
  measure: NationalMeasure,
  group: NationalGroup,
  need: z.enum(NEED_CODES).optional(),
  phase: NationalPhase.optional(),
  rate: z.number().min(0).max(1),
  year: z.string().min(1),
  source: z.string().min(1),
});
/** One national figure. */
export type NationalFigure = z.infer<typeof NationalFigure>;

/**
 * A set of national figures (the shape of a user's replacement JSON file: `{ "figures": [ … ] }`).
 * @example
 * NationalFigures.parse({ figures: [] }) // => { figures: [] }
 */
export const NationalFigures = z.object({ figures: z.array(NationalFigure) });
/** A set of national figures. */
export type NationalFigures = z.infer<typeof NationalFigures>;

const SEN_STATS = "DfE, Special educational needs in England, academic year 2024/25";
const SEN_STATS_PHASE = "DfE, Special educational needs in England, academic year 2024/25 (headline: SEN in state-funded primary 18.2%, secondary 16.5%)";
const PHONICS = "DfE, Phonics screening check and key stage 1 assessments: England 2024 (characteristics)";
const KS2_2022 = "DfE, Key stage 2 attainment: national headlines 2021/22 (characteristics)";
const KS2_2025 = "DfE, Key stage 2 attainment: national headlines 2025";
const ABSENCE = "DfE, Pupil absence in schools in England: autumn term 2023/24";

/**
 * The national figures sendscope ships (DfE statistics, England). The SEN shares of SEN support and EHC plans
 * are for all schools (special schools included): the split for state-funded primary and secondary schools is
 * in the same release's `sen_phase_type` table (columns `sen_support_percent`, `ehc_plan_percent` by
 * `phase_type_grouping`), which a user can load with `--national` (`phase: "primary"`). The all-SEN share by
 * phase (January 2025: 18.2% of pupils in state-funded primary schools, 16.5% in secondary; DfE, published 12
 * June 2025) is shipped, so a primary school is compared with primary schools.
 * @example
 * DEFAULT_NATIONAL_FIGURES.figures.find((f) => f.measure === "phonicsMet" && f.group === "E")?.rate // => 0.2
 */
export const DEFAULT_NATIONAL_FIGURES: NationalFigures = {
  figures: [
    { measure: "senShare", group: "K", rate: 0.142, year: "January 2025", source: SEN_STATS },
    { measure: "senShare", group: "E", rate: 0.053, year: "January 2025", source: SEN_STATS },
    { measure: "senShare", group: "SEN", phase: "primary", rate: 0.182, year: "January 2025", source: SEN_STATS_PHASE },
    { measure: "senShare", group: "SEN", phase: "secondary", rate: 0.165, year: "January 2025", source: SEN_STATS_PHASE },
    { measure: "phonicsMet", group: "N", rate: 0.88, year: "2023/24", source: PHONICS },
    { measure: "phonicsMet", group: "K", rate: 0.52, year: "2023/24", source: PHONICS },
    { measure: "phonicsMet", group: "E", rate: 0.2, year: "2023/24", source: PHONICS },
    { measure: "phonicsMet", group: "all", rate: 0.8, year: "2023/24", source: PHONICS },
    { measure: "ks2Rwm", group: "N", rate: 0.69, year: "2021/22", source: KS2_2022 },
    { measure: "ks2Rwm", group: "SEN", rate: 0.18, year: "2021/22", source: KS2_2022 },
    { measure: "ks2Rwm", group: "all", rate: 0.62, year: "2025", source: KS2_2025 },
    { measure: "persistentAbsence", group: "N", rate: 0.182, year: "autumn 2023/24", source: ABSENCE },
    { measure: "persistentAbsence", group: "K", rate: 0.299, year: "autumn 2023/24", source: ABSENCE },
    { measure: "persistentAbsence", group: "E", rate: 0.346, year: "autumn 2023/24", source: ABSENCE },
    { measure: "persistentAbsence", group: "all", rate: 0.207, year: "autumn 2023/24", source: ABSENCE },
    { measure: "primaryNeedShare", group: "K", need: "SLCN", rate: 0.257, year: "January 2025", source: SEN_STATS },
    { measure: "primaryNeedShare", group: "E", need: "ASD", rate: 0.336, year: "January 2025", source: SEN_STATS },
  ],
};

/**
 * The national figure for a measure and group (and need, for `primaryNeedShare`), or null when there is none.
 * With a `phase`, the figure for that phase's schools when there is one, else the figure for all schools;
 * without, the figure for all schools only.
 * @param figures a set of national figures; default `DEFAULT_NATIONAL_FIGURES`
 * @param phase the phase of the school compared (default `"all"`)
 * @example
 * nationalFigure("persistentAbsence", "K")?.rate // => 0.299
 * nationalFigure("senShare", "SEN", null, DEFAULT_NATIONAL_FIGURES, "primary")?.rate // => 0.182
 */
export function nationalFigure(
  measure: NationalMeasure,
  group: NationalGroup,
  need: string | null = null,
  figures: NationalFigures = DEFAULT_NATIONAL_FIGURES,
  phase: NationalPhase = "all",
): NationalFigure | null {
  const matches = (f: NationalFigure, p: NationalPhase) =>
    f.measure === measure && f.group === group && (need === null ? f.need === undefined : f.need === need) && (f.phase ?? "all") === p;
  return (phase !== "all" ? figures.figures.find((f) => matches(f, phase)) : undefined) ?? figures.figures.find((f) => matches(f, "all")) ?? null;
}

/**
 * Reads a user's national figures from a JSON file `{ "figures": [ { measure, group, need?, rate, year,
 * source } ] }` and validates it. The file replaces the shipped figures as a whole.
 * @param path path of the JSON file
 * @throws {ImportError} naming the file when it cannot be read, is not JSON, or does not match
 *   `NationalFigures` (the message lists each problem with its place in the file)
 * @example
 * const figures = await loadNationalFigures("national-2026.json");
 * nationalFigure("senShare", "K", null, figures)?.year // => "January 2026"
 */
export async function loadNationalFigures(path: string): Promise<NationalFigures> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new ImportError(path, `cannot read the national figures file (${(e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new ImportError(path, `the national figures file is not valid JSON (${(e as Error).message})`);
  }
  const parsed = NationalFigures.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.length > 0 ? i.path.join(".") : "(top level)"}: ${i.message}`)
      .join("; ");
    throw new ImportError(path, `the national figures file does not match the expected shape: ${problems}`);
  }
  return parsed.data;
}
