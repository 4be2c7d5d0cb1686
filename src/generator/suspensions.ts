/**
 * Suspensions and at most one permanent exclusion: a handful of pupils, mostly with SEMH needs, 0.5–3 days.
 */
import { TERMS_INFO, weekday } from "./calendar.js";
import type { Rng } from "./random.js";
import { onRoll, type PupilModel } from "./school.js";

/** One suspension or permanent exclusion. */
export interface SuspensionResult {
  pupil: PupilModel;
  start: number;
  days: number;
  permanent: boolean;
  reason: string;
}

/** DfE exclusion reason categories used. */
export const REASONS: readonly string[] = [
  "Physical assault against a pupil", "Physical assault against an adult", "Persistent disruptive behaviour",
  "Verbal abuse or threatening behaviour against an adult", "Damage",
];

const schoolDay = (rng: Rng, lo: number, hi: number): number => {
  let d = rng.int(lo, hi);
  while (weekday(d) === 0 || weekday(d) === 6) d -= 1;
  return d;
};

/**
 * Suspensions for about 1.2% of pupils (SEMH pupils eight times as likely, boys twice), 1–2 each; when
 * `permanent` is true, one Y6 leaver of 2023/24 with SEMH (if any) is permanently excluded in summer 2024.
 * @example
 * generateSuspensions(rng, school.pupils, true).length // => about 9
 */
export function generateSuspensions(rng: Rng, pupils: readonly PupilModel[], permanent: boolean): SuspensionResult[] {
  const n = Math.max(1, Math.round(pupils.length * 0.012));
  const weight = (p: PupilModel): number =>
    (p.primaryNeed === "SEMH" || p.secondaryNeed === "SEMH" ? 8 : 1) * (p.gender === "M" ? 2 : 1);
  const chosen = rng.sampleWeighted(pupils.filter((p) => p.entryYear <= 2024), n, weight);
  const out: SuspensionResult[] = [];
  for (const p of chosen) {
    const terms = TERMS_INFO.filter((t) => onRoll(p, t.start) && onRoll(p, t.end) && t.startYear - p.entryYear >= 1);
    const k = rng.chance(0.4) ? 2 : 1;
    for (let i = 0; i < k && terms.length > 0; i++) {
      const t = rng.pick(terms);
      out.push({
        pupil: p, start: schoolDay(rng, t.start + 3, t.end - 3), days: rng.pick([0.5, 1, 1, 1.5, 2, 3]),
        permanent: false, reason: rng.pick(REASONS),
      });
    }
  }
  if (permanent) {
    const summer2024 = TERMS_INFO[2];
    const candidates = pupils.filter((p) => p.entryYear === 2017 && p.leaving !== null
      && (p.primaryNeed === "SEMH" || p.secondaryNeed === "SEMH"));
    if (summer2024 !== undefined && candidates.length > 0) {
      const p = rng.pick(candidates);
      out.push({
        pupil: p, start: schoolDay(rng, summer2024.start + 20, summer2024.start + 50), days: 0, permanent: true,
        reason: "Persistent disruptive behaviour",
      });
    }
  }
  return out.sort((a, b) => a.start - b.start || a.pupil.index - b.pupil.index);
}
