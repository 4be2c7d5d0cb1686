/**
 * The measurement model: how a pupil's latent attainment z becomes each observed score. Noise is keyed
 * (counter-based), so a score is the same whichever part of the generator asks for it first.
 *
 * - Standardised score (reading, maths; Y1–Y6, termly): true score 100 + 15·z, observed = true + e with
 *   e ~ N(0, 15·sqrt(0.15/0.85) ≈ 6.3): reliability var(true)/var(observed) = 0.85. Rounded, clamped 69–141.
 * - Reading age (months; Y2–Y6, termly and at intervention entry/exit): CA + 12·z·(CA/96) + N(0, 3.5).
 * - KS2 scaled score (reading, maths, GPS; Y6): 104.5 + 7·z + N(0, 2.5), rounded, clamped 80–120.
 * - Writing teacher assessment (Y1–Y6, summer): z + N(0, 0.3) cut at −0.6 (WTS/EXS) and 1.05 (EXS/GDS);
 *   pupils working below the curriculum get PK1–PK6 (PK1–PK4 in Y1–Y2) rising with age, or EM.
 * - Phonics mark (Y1): 36 + 5.5·z + N(0, 2), 0–40 (threshold 32). MTC (Y4): 20.5 + 5.5·z + N(0, 1.8), 0–25.
 * z itself moves over time by the pupil's drift (per year) and by intervention boosts.
 */
import { WINDOW_START, ageMonths } from "./calendar.js";
import { keyedNormal } from "./random.js";
import { LATENT_SUBJECTS, type LatentSubject, type PupilModel } from "./school.js";

/** Noise SD of a standardised score: 15·sqrt((1 − 0.85)/0.85), so reliability is 0.85. */
export const STANDARDISED_NOISE_SD = 15 * Math.sqrt(0.15 / 0.85);
/** Noise SD of a reading age, months. */
export const READING_AGE_NOISE_SD = 3.5;

/** Measurement kinds used as noise keys. */
export const MEASURE_KEY = {
  standardised: 1, readingAge: 2, scaled: 3, teacherAssessment: 4, phonicsMark: 5, mtcScore: 6,
} as const;

/** Latent z of a subject on a day, including drift and intervention boosts accrued by then. */
export function latentZ(p: PupilModel, subject: LatentSubject, day: number): number {
  let z = p.ability[subject] + (p.drift[subject] * (day - WINDOW_START)) / 365.25;
  for (const b of p.boosts) {
    if (b.subject !== subject || day <= b.start) continue;
    z += b.amount * Math.min(1, (day - b.start) / Math.max(1, b.end - b.start));
  }
  return z;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Keys for one measurement's noise: school seed, pupil, subject, measure, occasion. */
function noise(seed: number, p: PupilModel, subject: LatentSubject, measure: number, occasion: number): number {
  return keyedNormal([seed, p.index, LATENT_SUBJECTS.indexOf(subject), measure, occasion]);
}

/** Observed standardised score (occasion: a term index 0–8, or an intervention test ≥ 100). */
export function standardisedScore(seed: number, p: PupilModel, subject: LatentSubject, day: number,
  occasion: number): number {
  const x = 100 + 15 * latentZ(p, subject, day) + STANDARDISED_NOISE_SD * noise(seed, p, subject, 1, occasion);
  return Math.round(clamp(x, 69, 141));
}

/** Observed reading age in whole months. */
export function readingAgeMonths(seed: number, p: PupilModel, day: number, occasion: number): number {
  const ca = ageMonths(p.dob, day);
  const x = ca + 12 * latentZ(p, "reading", day) * (ca / 96) + READING_AGE_NOISE_SD * noise(seed, p, "reading", 2, occasion);
  return Math.round(Math.max(48, x));
}

/** KS2 scaled score 80–120. */
export function scaledScore(seed: number, p: PupilModel, subject: LatentSubject, day: number): number {
  const x = 104.5 + 7 * latentZ(p, subject, day) + 2.5 * noise(seed, p, subject, 3, 0);
  return Math.round(clamp(x, 80, 120));
}

/** Writing teacher assessment code for a pupil in a year group. */
export function writingTa(seed: number, p: PupilModel, day: number, yearGroup: number, occasion: number): string {
  const z = latentZ(p, "writing", day) + 0.3 * noise(seed, p, "writing", 4, occasion);
  if (p.workingBelow) {
    if (z < -4.6) return "EM";
    const level = Math.round(clamp(1.5 + (yearGroup - 1) * 0.75 + (z + 3.5) * 0.8, 1, yearGroup <= 2 ? 4 : 6));
    return `PK${level}`;
  }
  return z > 1.05 ? "GDS" : z > -0.6 ? "EXS" : "WTS";
}

/** Phonics screening check mark 0–40. */
export function phonicsMark(seed: number, p: PupilModel, day: number): number {
  return Math.round(clamp(36 + 5.5 * latentZ(p, "phonics", day) + 2 * noise(seed, p, "phonics", 5, 0), 0, 40));
}

/** Multiplication tables check score 0–25. */
export function mtcScore(seed: number, p: PupilModel, day: number): number {
  return Math.round(clamp(20.5 + 5.5 * latentZ(p, "maths", day) + 1.8 * noise(seed, p, "maths", 6, 0), 0, 25));
}
