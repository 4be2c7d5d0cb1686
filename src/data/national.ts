/**
 * National reference figures for England, each with the year it describes and its source, and a loader that
 * replaces them with a user's newer JSON file. Rates are proportions in [0, 1].
 * Re-check a figure before relying on it: DfE statistics are revised.
 */
import { z } from "zod";
import { readJsonFile } from "../lib/json-file.js";
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
const SEN_2020 = "DfE, Special educational needs in England, academic year 2019/20 (explore-education-statistics.service.gov.uk/find-statistics/special-educational-needs-in-england/2019-20): 1.8% of pupils in state-funded primary schools have an EHC plan in January 2020, 12.8% SEN support";
const SEN_2021 = "DfE, Special educational needs in England, academic year 2020/21, as reported by Tes (tes.com/news/send-number-pupils-ehcps-10-year, 2021): primary EHC plan 2.1% (2020: 1.8%), SEN support 12.6% (2020: 12.8%); secondary EHC plan 2.0% (2020: 1.8%), SEN support 11.5% (2020: 11.1%)";
const SEN_2023 = "DfE, Special educational needs in England, January 2023 tables, as reported by The Key for School Leaders, \"National data on SEN\" (schoolleaders.thekeysupport.com/pupils-and-parents/sen/managing/national-data-sen/, reviewed 8 August 2023): state-funded primary 13.5% SEN support, 2.5% EHC plan; state-funded secondary 12.4%, 2.4%";
const SEN_2026 = "DfE, Special educational needs in England, January 2026 school census, as reported by nasen, \"Latest SEN stats released by DfE\" (nasen.org.uk/news/latest-sen-stats-released-dfe): SEN in primary 19.4% (2025: 18.2%), secondary 17.6% (2025: 16.5%)";
const PHONICS = "DfE, Phonics screening check and key stage 1 assessments: England 2024 (characteristics)";
const KS2_2022 = "DfE, Key stage 2 attainment: national headlines 2021/22 (characteristics)";
const KS2_2025 = "DfE, Key stage 2 attainment: national headlines 2025";
const ABSENCE = "DfE, Pupil absence in schools in England: autumn term 2023/24";

/**
 * The national figures sendscope ships (DfE statistics, England). The SEN support and EHC plan shares for
 * all schools (special schools included) are January 2025's. For state-funded primary and secondary schools
 * the SEN support and EHC plan shares are those of January 2020, 2021 and 2023 (the latest years whose
 * phase split was found in a citable source, each named in `source`), and the share with any SEN those of
 * January 2025 and 2026. The phase split of the need mix was not found: the need mix is compared with all
 * schools, and says so. A newer split (the release's `sen_phase_type` table: `sen_support_percent`,
 * `ehc_plan_percent` by `phase_type_grouping`) can be loaded with `--national` (`phase: "primary"`).
 * @example
 * DEFAULT_NATIONAL_FIGURES.figures.find((f) => f.measure === "phonicsMet" && f.group === "E")?.rate // => 0.2
 */
export const DEFAULT_NATIONAL_FIGURES: NationalFigures = {
  figures: [
    { measure: "senShare", group: "K", rate: 0.142, year: "January 2025", source: SEN_STATS },
    { measure: "senShare", group: "E", rate: 0.053, year: "January 2025", source: SEN_STATS },
    { measure: "senShare", group: "K", phase: "primary", rate: 0.128, year: "January 2020", source: SEN_2020 },
    { measure: "senShare", group: "E", phase: "primary", rate: 0.018, year: "January 2020", source: SEN_2020 },
    { measure: "senShare", group: "K", phase: "secondary", rate: 0.111, year: "January 2020", source: SEN_2021 },
    { measure: "senShare", group: "E", phase: "secondary", rate: 0.018, year: "January 2020", source: SEN_2021 },
    { measure: "senShare", group: "K", phase: "primary", rate: 0.126, year: "January 2021", source: SEN_2021 },
    { measure: "senShare", group: "E", phase: "primary", rate: 0.021, year: "January 2021", source: SEN_2021 },
    { measure: "senShare", group: "K", phase: "secondary", rate: 0.115, year: "January 2021", source: SEN_2021 },
    { measure: "senShare", group: "E", phase: "secondary", rate: 0.02, year: "January 2021", source: SEN_2021 },
    { measure: "senShare", group: "K", phase: "primary", rate: 0.135, year: "January 2023", source: SEN_2023 },
    { measure: "senShare", group: "E", phase: "primary", rate: 0.025, year: "January 2023", source: SEN_2023 },
    { measure: "senShare", group: "K", phase: "secondary", rate: 0.124, year: "January 2023", source: SEN_2023 },
    { measure: "senShare", group: "E", phase: "secondary", rate: 0.024, year: "January 2023", source: SEN_2023 },
    { measure: "senShare", group: "SEN", phase: "primary", rate: 0.182, year: "January 2025", source: SEN_STATS_PHASE },
    { measure: "senShare", group: "SEN", phase: "secondary", rate: 0.165, year: "January 2025", source: SEN_STATS_PHASE },
    { measure: "senShare", group: "SEN", phase: "primary", rate: 0.194, year: "January 2026", source: SEN_2026 },
    { measure: "senShare", group: "SEN", phase: "secondary", rate: 0.176, year: "January 2026", source: SEN_2026 },
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

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/**
 * The date a national figure describes, from its `year` (yyyy-mm-dd, the first day of the period), used to
 * pick the figure nearest a report's date: "January 2025" → 2025-01-01; an academic year "2023/24" (also
 * "autumn 2023/24") → 1 September of its first year; a calendar year "2025" → 2025-01-01; otherwise null.
 * @example
 * nationalFigureDate("January 2023") // => "2023-01-01"
 * nationalFigureDate("autumn 2023/24") // => "2023-09-01"
 * nationalFigureDate("recent") // => null
 */
export function nationalFigureDate(year: string): string | null {
  const text = year.trim().toLowerCase();
  const month = /([a-z]+)\s+(\d{4})$/.exec(text);
  if (month && MONTHS.includes(month[1] as string)) {
    return `${month[2] as string}-${String(MONTHS.indexOf(month[1] as string) + 1).padStart(2, "0")}-01`;
  }
  const academic = /(\d{4})\/\d{2}$/.exec(text);
  if (academic) return `${academic[1] as string}-09-01`;
  const calendar = /^(\d{4})$/.exec(text);
  return calendar ? `${calendar[1] as string}-01-01` : null;
}

/** Of several figures for one measure, group, need and phase, the one nearest `asOf` (see `nationalFigure`). */
function nearest(candidates: readonly NationalFigure[], asOf: string | null): NationalFigure | undefined {
  if (candidates.length <= 1) return candidates[0];
  const dated = candidates.map((f, i) => ({ f, i, date: nationalFigureDate(f.year) ?? "" }));
  // Latest first; figures whose year cannot be read come last, in file order.
  dated.sort((a, b) => (a.date === b.date ? a.i - b.i : a.date < b.date ? 1 : -1));
  if (asOf === null) return dated[0]?.f;
  const onOrBefore = dated.find((d) => d.date !== "" && d.date <= asOf);
  return (onOrBefore ?? dated.filter((d) => d.date !== "").at(-1) ?? dated[0])?.f;
}

/**
 * The national figure for a measure and group (and need, for `primaryNeedShare`), or null when there is none.
 * With a `phase`, a figure for that phase's schools when there is one, else a figure for all schools;
 * without, a figure for all schools only. Where several years are shipped, the latest on or before `asOf`
 * (a report's date, yyyy-mm-dd), else the earliest after it; without `asOf`, the latest. The figure's `year`
 * and `phase` say which one was used.
 * @param figures a set of national figures; default `DEFAULT_NATIONAL_FIGURES`
 * @param phase the phase of the school compared (default `"all"`)
 * @param asOf the date compared (default none: the latest figure)
 * @example
 * nationalFigure("persistentAbsence", "K")?.rate // => 0.299
 * nationalFigure("senShare", "SEN", null, DEFAULT_NATIONAL_FIGURES, "primary", "2025-06-22")?.rate // => 0.182
 * nationalFigure("senShare", "E", null, DEFAULT_NATIONAL_FIGURES, "primary", "2025-06-22")?.year // => "January 2023"
 */
export function nationalFigure(
  measure: NationalMeasure,
  group: NationalGroup,
  need: string | null = null,
  figures: NationalFigures = DEFAULT_NATIONAL_FIGURES,
  phase: NationalPhase = "all",
  asOf: string | null = null,
): NationalFigure | null {
  const matches = (p: NationalPhase) => figures.figures.filter((f) =>
    f.measure === measure && f.group === group && (need === null ? f.need === undefined : f.need === need) && (f.phase ?? "all") === p);
  return (phase !== "all" ? nearest(matches(phase), asOf) : undefined) ?? nearest(matches("all"), asOf) ?? null;
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
  return readJsonFile(path, "national figures file", NationalFigures);
}
