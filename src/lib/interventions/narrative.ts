/**
 * Plain-English sentences about an intervention's impact that a governor can read, never claiming more than
 * the net-impact interval supports.
 */
import type { Impact } from "./schema.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function monthYear(iso: string): string {
  return `${MONTHS[Number(iso.slice(5, 7)) - 1] ?? "?"} ${iso.slice(0, 4)}`;
}

/**
 * A period in words: "Sep 2024 to Dec 2024", "Sep 2024" when both ends fall in one month, "from Sep 2024"
 * when still open.
 * @example
 * describePeriod("2024-09-16", "2024-12-13"); // => "Sep 2024 to Dec 2024"
 */
export function describePeriod(start: string, end: string | null): string {
  if (end === null) return `from ${monthYear(start)}`;
  const a = monthYear(start);
  const b = monthYear(end);
  return a === b ? a : `${a} to ${b}`;
}

function one(x: number): string {
  const s = x.toFixed(1);
  return s === "-0.0" ? "0.0" : s;
}

function signed(x: number): string {
  const s = one(x);
  return x > 0 && s !== "0.0" ? `+${s}` : s;
}

function units(x: number, unit: "months" | "points"): string {
  const s = one(Math.abs(x));
  const word = unit === "months" ? (s === "1.0" ? "month" : "months") : s === "1.0" ? "point" : "points";
  return `${s} ${word}`;
}

/**
 * Two or three sentences on an intervention (or run) for governors, every number from one computation. The
 * first states the two figures the net impact is the difference of (`impact.net.groupChange` and
 * `againstChange`, in the net's unit): with a comparison, the group's change and similar pupils' change on
 * the same tests over the same periods (the school's termly assessments, or the intervention's own entry and
 * exit tests when too few of the group have termly results); by reliability, the group's change and typical
 * progress plus the rise expected from choosing low scorers. The second says what the net-impact interval
 * supports, stating the net (= the first figure − the second, as the chart plots it): clear evidence only
 * when the whole interval is above zero, "no clear evidence of impact" when it includes zero, a fall
 * behind when it is wholly below. The third, where the provision map's entry and exit tests differ from the
 * tests compared, gives their raw progress (Brooks's ratio gain and band for reading/spelling ages), named as
 * such. Fewer than two measured pupils: "too few to judge".
 * @param label name of the intervention (or run)
 * @param n pupils placed
 * @param period the period in words (see {@link describePeriod})
 * @param impact its impact measures
 * @param confidence confidence level of the intervals, for the wording; default 0.95
 * @example
 * const place = (pupilId, entryScore, exitScore) => placementOutcome({ ...data.interventions[0], pupilId,
 *   measure: "standardised", entryScore, exitScore, entryDate: "2025-01-06", exitDate: "2025-03-10" },
 *   undefined, "2025-03-10", "2025-07-01");
 * const similar = (pupilId, entryScore, exitScore) => ({ pupilId, entryScore, exitScore, monthsElapsed: 3,
 *   value: exitScore - entryScore });
 * // Gains 7, 5, 9 (mean 7, variance 4) against similar pupils' 2, 3, 1 (mean 2, variance 1): a difference of
 * // 5 with Welch's standard error √(4/3 + 1/3) on 50/17 degrees of freedom (interval by scipy.stats.t).
 * const impact = summariseImpact([place("A", 85, 92), place("B", 88, 93), place("C", 80, 89)],
 *   { pupils: [similar("D", 86, 88), similar("E", 84, 87), similar("F", 82, 83)],
 *     startPoint: "2024/25 autumn", endPoint: "2024/25 spring" }, "maths");
 * narrate("Maths catch-up", 3, "Jan 2025 to Mar 2025", impact);
 * // => "Maths catch-up (3 pupils, Jan 2025 to Mar 2025): on the intervention's entry and exit tests, their
 * //     standardised scores changed by +7.0 points on average; on the termly tests over the same period, similar
 * //     pupils' changed by +2.0 points. That is 5.0 points more than similar pupils made (95% interval 0.8 to
 * //     9.2 points): clear evidence of impact."
 */
export function narrate(label: string, n: number, period: string, impact: Impact, confidence = 0.95): string {
  const head = `${label} (${n} pupil${n === 1 ? "" : "s"}, ${period})`;
  if (impact.measure === null) {
    return `${head}: no entry or exit measure is recorded, so its impact on attainment cannot be judged.`;
  }
  if (impact.n === 0) return `${head}: no pupil has both an entry and an exit score yet, so impact cannot be judged.`;
  if (impact.n === 1) return `${head}: only one pupil has entry and exit scores, too few to judge impact.`;
  const level = Math.round(confidence * 100);
  const raw = impact.raw;
  const net = impact.net;
  const age = impact.unit === "months";
  const what = age ? (impact.measure === "spellingAge" ? "spelling ages" : "reading ages") : impact.measure === "standardised" ? "standardised scores" : "scores";
  const tests = age ? (impact.measure === "spellingAge" ? "spelling-age tests" : "reading-age tests") : impact.measure === "standardised" ? "standardised tests" : "tests";
  const unitWord = (x: number) => units(x, net.unit).replace(/^[\d.]+ /, "");
  const rawSentence = age && raw.ratioGain !== null
    ? (raw.ratioGain >= 0
      ? `${what[0]?.toUpperCase()}${what.slice(1)} rose at ${one(raw.ratioGain)} times the normal rate (Brooks's "${raw.band ?? "doubtful"}" band)`
      : `${what[0]?.toUpperCase()}${what.slice(1)} fell (a ratio gain of ${one(raw.ratioGain)})`)
    : raw.mean !== null ? `${what[0]?.toUpperCase()}${what.slice(1)} changed by ${signed(raw.mean)} points on average${impact.measure === "standardised" ? " (0 is typical progress)" : ""}` : null;
  const group = net.groupChange ?? null;
  const against = net.againstChange ?? null;
  if (net.method === "none" || net.mean === null || group === null || against === null) {
    const first = rawSentence === null ? "" : ` On the intervention's entry and exit tests: ${rawSentence[0]?.toLowerCase()}${rawSentence.slice(1)}.`;
    return `${head}:${first} No comparison could be made, so some of this rise may only reflect choosing pupils with low scores.`;
  }
  const basis = impact.comparison?.basis ?? null;
  let first: string;
  let againstWhat: string;
  if (net.method === "comparison") {
    againstWhat = "similar pupils made";
    first = basis === "termly"
      ? `on the school's termly ${tests} over the same periods, their ${what} changed by ${signed(group)} ${unitWord(group)} on average, and similar pupils' changed by ${signed(against)} ${unitWord(against)}`
      : age
        ? `on the intervention's entry and exit tests, their ${what} changed by ${signed(group)} ${unitWord(group)} on average over its ${one(raw.monthsElapsed ?? 0)} months; at the rate similar pupils' rose on the termly tests, theirs changed by ${signed(against)} ${unitWord(against)} over the same time`
        : `on the intervention's entry and exit tests, their ${what} changed by ${signed(group)} ${unitWord(group)} on average; on the termly tests over the same period, similar pupils' changed by ${signed(against)} ${unitWord(against)}`;
  } else {
    againstWhat = "typical progress and the rise expected from choosing pupils with low scores";
    first = `on the intervention's entry and exit tests, their ${what} changed by ${signed(group)} ${unitWord(group)} on average; typical progress and the rise expected from choosing pupils with low scores (estimated from the test's reliability) come to ${signed(against)} ${unitWord(against)}`;
  }
  const interval = net.lower !== null && net.upper !== null
    ? ` (${level}% interval ${one(net.lower)} to ${one(net.upper)} ${net.unit})`
    : "";
  let second: string;
  switch (impact.verdict) {
    case "clear-impact":
      second = `That is ${units(net.mean, net.unit)} more than ${againstWhat}${interval}: clear evidence of impact.`;
      break;
    case "clear-decline":
      second = `That is ${units(net.mean, net.unit)} less than ${againstWhat}${interval}: these pupils fell further behind.`;
      break;
    default:
      second = `The difference, ${signed(net.mean)} ${unitWord(net.mean)}${interval}, gives no clear evidence of impact beyond ${net.method === "comparison" ? "what similar pupils made" : againstWhat}.`;
  }
  const third = rawSentence !== null && (basis === "termly")
    ? ` On the intervention's own entry and exit tests, ${rawSentence[0]?.toLowerCase()}${rawSentence.slice(1)}.`
    : "";
  return `${head}: ${first}. ${second}${third}`;
}
