/**
 * Regression to the mean from a test's reliability: pupils chosen for low observed scores score higher on
 * re-test even with no teaching effect, because part of their low score was measurement error.
 */
import { InvalidArgumentError } from "../errors.js";
import type { MeasureKind } from "../schema/primitives.js";

/**
 * Default test–retest reliabilities used when no comparison group can be found. 0.9 is a typical published
 * reliability for standardised reading and maths tests (NFER, PiRA/PUMA manuals quote about 0.9 or above),
 * and is used for reading and spelling ages too. Override per measure with the `reliability` option of
 * `analyseInterventions`.
 * @example
 * DEFAULT_RELIABILITY.standardised; // => 0.9
 */
export const DEFAULT_RELIABILITY: Readonly<Partial<Record<MeasureKind, number>>> = {
  standardised: 0.9,
  scaled: 0.9,
  readingAge: 0.9,
  spellingAge: 0.9,
};

/**
 * The rise expected from regression to the mean alone, by the classical true-score model: a group whose
 * observed entry mean is `entryMean` in a population with mean `populationMean` is expected, on re-test with a
 * test of reliability r, to score (1 − r)(populationMean − entryMean) higher (Campbell & Kenny 1999,
 * "A Primer on Regression Artifacts", ch. 2; Barnett, van der Pols & Dobson 2005, Int J Epidemiol 34:215).
 * For an age-standardised score the population mean is 100; for a reading or spelling age it is the pupil's
 * chronological age in months. A group above the population mean gets a negative expected change.
 * @param entryMean the group's mean observed entry score
 * @param populationMean the mean of the population the group was selected from
 * @param reliability test–retest reliability r, 0 ≤ r ≤ 1 (see {@link DEFAULT_RELIABILITY})
 * @throws {InvalidArgumentError} when an argument is not finite or reliability is outside [0, 1]
 * @example
 * expectedRegressionToMean(82, 100, 0.9); // => 1.8
 */
export function expectedRegressionToMean(entryMean: number, populationMean: number, reliability: number): number {
  for (const [name, v] of [["entryMean", entryMean], ["populationMean", populationMean], ["reliability", reliability]] as const) {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new InvalidArgumentError("expectedRegressionToMean", `${name} must be a finite number, got ${String(v)}`);
    }
  }
  if (reliability < 0 || reliability > 1) {
    throw new InvalidArgumentError("expectedRegressionToMean", `reliability must be between 0 and 1, got ${reliability}`);
  }
  return (1 - reliability) * (populationMean - entryMean);
}
