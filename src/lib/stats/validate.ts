/**
 * Shared argument checks for the statistics functions. Each throws an {@link InvalidArgumentError} whose
 * message starts with the calling function's name and says what was expected, so every stats function
 * rejects bad input the same way.
 */
import { InvalidArgumentError } from "../errors.js";

/**
 * Checks that `value` is a finite number (not NaN, not ±Infinity).
 * @param caller the public function's name, used in the error message
 * @param name the argument's name, used in the error message
 * @throws {InvalidArgumentError} when `value` is not a finite number
 * @example
 * assertFinite("hedgesG", "effectSize", 0.4); // => undefined (no error)
 */
export function assertFinite(caller: string, name: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new InvalidArgumentError(caller, `${name} must be a finite number, got ${String(value)}`);
  }
}

/**
 * Checks that `value` is a whole number ≥ 0 (a count).
 * @throws {InvalidArgumentError} when `value` is negative, fractional or not finite
 * @example
 * assertCount("wilsonInterval", "successes", 3); // => undefined (no error)
 */
export function assertCount(caller: string, name: string, value: number): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new InvalidArgumentError(caller, `${name} must be a whole number ≥ 0, got ${String(value)}`);
  }
}

/**
 * Checks a proportion's counts: `n` is a whole number > 0 and `successes` a whole number with
 * 0 ≤ successes ≤ n. `nName` and `successesName` label the arguments in the message.
 * @throws {InvalidArgumentError} when n = 0, successes > n, or either is negative or fractional
 * @example
 * assertProportionCounts("wilsonInterval", 3, 10); // => undefined (no error)
 */
export function assertProportionCounts(
  caller: string,
  successes: number,
  n: number,
  successesName = "successes",
  nName = "n",
): void {
  assertCount(caller, nName, n);
  if (n === 0) throw new InvalidArgumentError(caller, `${nName} must be a positive whole number, got 0`);
  assertCount(caller, successesName, successes);
  if (successes > n) {
    throw new InvalidArgumentError(
      caller,
      `${successesName} (${successes}) must not exceed ${nName} (${n})`,
    );
  }
}

/**
 * Checks that a confidence level lies strictly between 0 and 1 (e.g. 0.95).
 * @throws {InvalidArgumentError} when `confidence` is not a number in the open interval (0, 1)
 * @example
 * assertConfidence("wilsonInterval", 0.95); // => undefined (no error)
 */
export function assertConfidence(caller: string, confidence: number): void {
  if (typeof confidence !== "number" || !(confidence > 0 && confidence < 1)) {
    throw new InvalidArgumentError(
      caller,
      `confidence must be strictly between 0 and 1 (e.g. 0.95), got ${String(confidence)}`,
    );
  }
}

/**
 * Checks that `values` is an array of at least `min` finite numbers.
 * @throws {InvalidArgumentError} when there are fewer than `min` values or any value is not finite
 * @example
 * assertSample("meanInterval", "values", [1, 2, 3], 2); // => undefined (no error)
 */
export function assertSample(caller: string, name: string, values: readonly number[], min: number): void {
  if (!Array.isArray(values)) {
    throw new InvalidArgumentError(caller, `${name} must be an array of numbers`);
  }
  if (values.length < min) {
    throw new InvalidArgumentError(
      caller,
      `${name} must hold at least ${min} values, got ${values.length}`,
    );
  }
  // A plain loop (not forEach with a closure): samples of tens of thousands are checked in hot paths.
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === "number" && Number.isFinite(v)) continue;
    if (v === undefined && !(i in values)) continue; // a hole, which forEach skipped too
    throw new InvalidArgumentError(caller, `${name}[${i}] must be a finite number, got ${String(v)}`);
  }
}
