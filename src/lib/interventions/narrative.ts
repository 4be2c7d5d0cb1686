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
 * One or two sentences on an intervention (or run) for governors. The first gives the raw progress (ratio
 * gain and Brooks's band for reading/spelling ages, mean standardised score change otherwise) and, when
 * there is a comparison, what similar pupils made; the second says what the net-impact interval supports:
 * clear evidence only when the whole interval is above zero, "no clear evidence of impact beyond what similar
 * pupils made" when it includes zero, and less progress than similar pupils when it is wholly below. Fewer
 * than two measured pupils: "too few to judge".
 * @param label name of the intervention (or run)
 * @param n pupils placed
 * @param period the period in words (see {@link describePeriod})
 * @param impact its impact measures
 * @param confidence confidence level of the intervals, for the wording; default 0.95
 * @example
 * narrate("Precision teaching", 12, "Sep 2024 to Dec 2024", impact);
 * // => "Precision teaching (12 pupils, Sep 2024 to Dec 2024): reading ages rose at 2.3 times the normal
 * //     rate (Brooks's "useful" band); similar pupils not in the group rose at 1.2 times. That is 3.2 months
 * //     beyond what similar pupils made (95% interval 1.1 to 5.3 months): clear evidence of impact."
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
  const cmp = impact.comparison;
  const subject = impact.measure === "spellingAge" ? "spelling ages" : "reading ages";
  let first: string;
  if (impact.unit === "months" && raw.ratioGain !== null) {
    first = raw.ratioGain >= 0
      ? `${subject} rose at ${one(raw.ratioGain)} times the normal rate (Brooks's "${raw.band ?? "doubtful"}" band)`
      : `${subject} fell (a ratio gain of ${one(raw.ratioGain)})`;
    if (cmp !== null && cmp.ratioGain !== null) {
      first += `; similar pupils not in the group rose at ${one(cmp.ratioGain)} times`;
    }
  } else {
    const what = impact.measure === "standardised" ? "standardised scores" : "scores";
    first = `${what} changed by ${signed(raw.mean ?? 0)} points on average` +
      (impact.measure === "standardised" ? " (0 is typical progress)" : "");
    if (cmp !== null && cmp.mean !== null) first += `; similar pupils not in the group changed by ${signed(cmp.mean)}`;
  }
  const net = impact.net;
  const against = net.method === "comparison"
    ? "what similar pupils made"
    : "typical progress and the rise expected from choosing low scorers (estimated from the test's reliability)";
  let second: string;
  const interval = net.lower !== null && net.upper !== null
    ? ` (${level}% interval ${one(net.lower)} to ${one(net.upper)} ${net.unit})`
    : "";
  switch (impact.verdict) {
    case "clear-impact":
      second = `That is ${units(net.mean ?? 0, net.unit)} beyond ${against}${interval}: clear evidence of impact.`;
      break;
    case "clear-decline":
      second = `That is ${units(net.mean ?? 0, net.unit)} less than ${against}${interval}: these pupils fell further behind.`;
      break;
    case "no-clear-evidence":
      second = net.method === "comparison"
        ? `There is no clear evidence of impact beyond what similar pupils made${interval}.`
        : `There is no clear evidence of impact beyond ${against}${interval}.`;
      break;
    default:
      second = "No comparison could be made, so some of this rise may only reflect choosing pupils with low scores.";
  }
  return `${head}: ${first}. ${second}`;
}
