/**
 * Disclosure's contract with the report: the fields disclosure keeps or blanks, the reasons it writes, and the
 * type of a result after disclosure. A layer beneath `report/` (the report's schema is disclosed-shaped), apart
 * from `applyDisclosure`, which sits above it.
 */
/**
 * Numeric fields that name a group or a setting rather than describe pupils; disclosure keeps them.
 * @example
 * DISCLOSURE_KEY_FIELDS.includes("yearGroup") // => true
 */
export const DISCLOSURE_KEY_FIELDS = [
  "yearGroup", "year", "month", "birthMonth", "threshold", "confidence", "expectedScore", "higherScore",
] as const;

/**
 * Text fields that are worked out from a group's figures (a significance band, a trend's direction, a
 * sentence that quotes the figures such as an intervention's `narrative` or a ranking's `statement`);
 * disclosure sets them to `null` when the figures they come from are suppressed.
 * @example
 * DISCLOSURE_DERIVED_TEXT_FIELDS.includes("band") // => true
 */
export const DISCLOSURE_DERIVED_TEXT_FIELDS = [
  "band", "trend", "direction", "significance", "verdict", "rating", "impact", "impactBand", "narrative", "statement",
] as const;


/**
 * The one reason governors and the public are given for a hidden figure. It says nothing more (not "fewer
 * than 6 pupils", not "to protect another group"): the wording of a reason is itself a published relation,
 * and "fewer than 6" against "secondary" let a reader pin hidden groups by range reasoning.
 * @example
 * PRIVACY_REASON // => "hidden to protect privacy"
 */
export const PRIVACY_REASON = "hidden to protect privacy";

/**
 * The reasons disclosure writes, by rule. Every rule writes `PRIVACY_REASON` (see there); the keys say which
 * rule hid a figure in the code, never in the output. Pupil-level lists say they were removed.
 */
export const SUPPRESSION_REASONS = {
  smallGroup: (_threshold: number) => PRIVACY_REASON,
  numerator: PRIVACY_REASON,
  secondary: PRIVACY_REASON,
  audit: PRIVACY_REASON,
  derived: PRIVACY_REASON,
  roundsToZero: (_min: number, _base: number) => PRIVACY_REASON,
  pupilList: "pupil-level list removed: it is for the SENCO only",
} as const;

/**
 * The type of a result after disclosure: any number, yes/no flag or derived word may be `null` (suppressed),
 * and any object may say it was suppressed.
 */
export type Disclosed<T> = T extends number
  ? number | null
  : T extends boolean
    ? boolean | null
    : T extends string
      ? T
      : T extends readonly (infer U)[]
        ? Disclosed<U>[]
        : T extends object
          ? { [K in keyof T]: K extends (typeof DISCLOSURE_DERIVED_TEXT_FIELDS)[number] ? Disclosed<T[K]> | null : Disclosed<T[K]> } & {
              suppressed?: boolean;
              suppressionReason?: string;
            }
          : T;
