/**
 * The pupil model of one synthetic school: the roll (Reception–Y6 in 2025/26) plus the Y6 leavers of 2023/24
 * and 2024/25, their characteristics, SEN register history and latent attainment. Everything is drawn from a
 * seeded `Rng`; rates are hit as exact counts (largest remainder) so every seed gives a plausible school.
 */
import type { NeedCode } from "../data/codes.js";
import {
  AS_AT, EXPORT_START_YEAR, TERMS_INFO, WINDOW_START, dayNumber,
} from "./calendar.js";
import { FORENAMES_F, FORENAMES_M, SURNAMES } from "./names.js";
import { Rng } from "./random.js";
import { makeUpn } from "./upn.js";

/** Subjects with a latent attainment. */
export type LatentSubject = "reading" | "maths" | "writing" | "gps" | "phonics";
/** Latent subjects, in a fixed order (their index keys measurement noise). */
export const LATENT_SUBJECTS: readonly LatentSubject[] = ["reading", "maths", "writing", "gps", "phonics"];

/** One spell on the SEN register (days since 1970). */
export interface SenSpell {
  status: "N" | "K" | "E";
  start: number;
  end: number | null;
  primaryNeed: NeedCode | null;
  secondaryNeed: NeedCode | null;
  ehcPlanDate: number | null;
  lastAnnualReview: number | null;
}

/** A boost to a latent subject from an intervention: `amount` z accrues linearly from `start` to `end`. */
export interface Boost {
  subject: LatentSubject;
  start: number;
  end: number;
  amount: number;
}

/** One synthetic pupil. */
export interface PupilModel {
  index: number;
  upn: string;
  misId: string;
  forename: string;
  surname: string;
  dob: number;
  gender: "M" | "F";
  /** Start year of the pupil's Reception year (year group in start year Y is Y − entryYear). */
  entryYear: number;
  admission: number;
  leaving: number | null;
  fsm: boolean;
  disadvantaged: boolean;
  eal: boolean;
  lookedAfter: boolean;
  /** SEN status at the export date (or at leaving). */
  finalStatus: "N" | "K" | "E";
  /** Was on the register at some time (includes K→N pupils). */
  everSen: boolean;
  primaryNeed: NeedCode | null;
  secondaryNeed: NeedCode | null;
  spells: SenSpell[];
  /** Works below the national curriculum (pre-key-stage / engagement model): a few EHC plan pupils. */
  workingBelow: boolean;
  /** Latent attainment z at 1 September 2023, by subject. */
  ability: Record<LatentSubject, number>;
  /** Change of latent z per year, by subject. */
  drift: Record<LatentSubject, number>;
  boosts: Boost[];
  /** Underlying absence rate (fraction of sessions missed). */
  absence: number;
}

/** Options for one school. */
export interface SchoolOptions {
  /** 0-based index of the school in a run. */
  schoolIndex: number;
  /** Pupils on roll (split evenly over Reception–Y6). */
  roll: number;
  /** LA code in the UPNs. */
  la: number;
  /** DfE establishment number in the UPNs. */
  establishment: number;
  /** UPNs already issued in this run (kept unique across schools). */
  issuedUpns: Set<string>;
}

/** A generated school's pupils. */
export interface SchoolModel {
  options: SchoolOptions;
  pupils: PupilModel[];
  /** The next free serial per year of allocation in this school's establishment (for extra valid UPNs). */
  nextUpn: () => string;
}

/** Need mix of SEN support pupils, % (DfE "Special educational needs in England" 2024/25, rounded). */
export const NEED_MIX_K: Readonly<Partial<Record<NeedCode, number>>> = {
  SLCN: 25.7, SEMH: 19.4, MLD: 15.6, SPLD: 12.4, ASD: 9.3, NSA: 4.8, OTH: 3.9, PD: 2.4, HI: 1.4, VI: 0.8,
  SLD: 0.6, MSI: 0.2, PMLD: 0.1,
};
/** Need mix of EHC plan pupils, % (same source; ASD 33.6%). */
export const NEED_MIX_E: Readonly<Partial<Record<NeedCode, number>>> = {
  ASD: 33.6, SLCN: 21.5, SEMH: 14.3, SLD: 8.3, MLD: 6.9, PD: 4.6, PMLD: 2.8, SPLD: 2.5, OTH: 2.0, HI: 1.8,
  VI: 1.0, MSI: 0.3,
};

/** Target shares used for the roll (and for each leaver cohort). */
export const RATES = {
  senSupport: 0.14, ehcPlan: 0.04, fsm: 0.24, disadvantaged: 0.26, eal: 0.2, lookedAfter: 0.01,
  /** Share of non-SEN pupils who were on SEN support earlier in the window (K→N). */
  leftRegister: 0.03,
  /** Share admitted during the window rather than at the start of Reception. */
  inYearAdmission: 0.06,
} as const;

/** Split `n` over shares by the largest-remainder method. */
export function allocate<K extends string>(n: number, shares: Readonly<Partial<Record<K, number>>>): K[] {
  const keys = Object.keys(shares) as K[];
  const total = keys.reduce((s, k) => s + (shares[k] ?? 0), 0);
  const raw = keys.map((k) => ({ k, x: (n * (shares[k] ?? 0)) / total }));
  const counts = raw.map((r) => ({ k: r.k, c: Math.floor(r.x), rem: r.x - Math.floor(r.x) }));
  let left = n - counts.reduce((s, c) => s + c.c, 0);
  for (const c of counts.slice().sort((a, b) => b.rem - a.rem)) {
    if (left <= 0) break;
    c.c += 1;
    left -= 1;
  }
  return counts.flatMap((c) => Array.from({ length: c.c }, () => c.k));
}

const LA_OTHER = [202, 203, 204, 206, 207, 208, 209, 210, 211, 212, 213, 301, 302, 303, 304, 305, 306, 307];

/** Latent shifts (z) by need, on top of the SEN status shift, by subject. */
const NEED_SHIFT: Readonly<Partial<Record<NeedCode, Partial<Record<LatentSubject, number>>>>> = {
  MLD: { reading: -0.45, maths: -0.45, writing: -0.45, gps: -0.45, phonics: -0.45 },
  SLD: { reading: -1.2, maths: -1.2, writing: -1.2, gps: -1.2, phonics: -1.2 },
  PMLD: { reading: -2, maths: -2, writing: -2, gps: -2, phonics: -2 },
  SPLD: { reading: -0.45, writing: -0.5, gps: -0.5, phonics: -0.45, maths: -0.1 },
  SLCN: { reading: -0.25, writing: -0.25, gps: -0.2, phonics: -0.2 },
  HI: { reading: -0.2, phonics: -0.3 },
};

/**
 * Build one school's pupils.
 * @example
 * buildSchool(new Rng(1), { schoolIndex: 0, roll: 420, la: 873, establishment: 2101, issuedUpns: new Set() })
 *   .pupils.length // => 540
 */
export function buildSchool(rng: Rng, options: SchoolOptions): SchoolModel {
  const perYear = Math.floor(options.roll / 7);
  const extra = options.roll - perYear * 7;
  // cohorts: entry years of Reception (2025) … Y6 (2019), then leavers (2018: Y6 in 2024/25, 2017: Y6 in 2023/24)
  const cohorts: { entryYear: number; size: number; leaver: boolean }[] = [];
  for (let y = 0; y <= 6; y++) {
    cohorts.push({ entryYear: EXPORT_START_YEAR - y, size: perYear + (y < extra ? 1 : 0), leaver: false });
  }
  cohorts.push({ entryYear: EXPORT_START_YEAR - 7, size: perYear, leaver: true });
  cohorts.push({ entryYear: EXPORT_START_YEAR - 8, size: perYear, leaver: true });

  const serials = new Map<string, number>();
  const issue = (la: number, est: number, yy: number): string => {
    const key = `${la}/${est}/${yy}`;
    for (;;) {
      const s = (serials.get(key) ?? rng.int(1, 40)) + 1;
      serials.set(key, s);
      if (s > 999) throw new Error(`buildSchool: more than 999 UPNs in ${key}`);
      const upn = makeUpn(la, est, yy, s);
      if (!options.issuedUpns.has(upn)) {
        options.issuedUpns.add(upn);
        return upn;
      }
    }
  };

  const pupils: PupilModel[] = [];
  for (const cohort of cohorts) {
    for (let i = 0; i < cohort.size; i++) {
      const gender = rng.chance(0.5) ? "F" : "M";
      // born 1 September (entryYear − 5) … 31 August (entryYear − 4)
      const born0 = dayNumber(`${cohort.entryYear - 5}-09-01`);
      const born1 = dayNumber(`${cohort.entryYear - 4}-08-31`);
      const dob = rng.int(born0, born1);
      const receptionStart = dayNumber(`${cohort.entryYear}-09-0${rng.int(3, 6)}`);
      let admission = receptionStart;
      const lastYear = cohort.leaver ? cohort.entryYear + 6 : EXPORT_START_YEAR;
      const candidateTerms = TERMS_INFO.filter((t) => t.startYear > cohort.entryYear && t.startYear <= lastYear);
      const inYear = candidateTerms.length > 0 && rng.chance(RATES.inYearAdmission);
      if (inYear) {
        const t = rng.pick(candidateTerms);
        admission = t.start + rng.int(0, 40);
      }
      const upn = inYear
        ? issue(rng.pick(LA_OTHER), rng.int(2000, 2999), cohort.entryYear)
        : issue(options.la, options.establishment, cohort.entryYear);
      pupils.push({
        index: pupils.length,
        upn,
        misId: "",
        forename: rng.pick(gender === "F" ? FORENAMES_F : FORENAMES_M),
        surname: rng.pick(SURNAMES),
        dob,
        gender,
        entryYear: cohort.entryYear,
        admission,
        leaving: cohort.leaver ? TERMS_INFO.find((t) => t.startYear === cohort.entryYear + 6 && t.term === "summer")?.end ?? null : null,
        fsm: false, disadvantaged: false, eal: false, lookedAfter: false,
        finalStatus: "N", everSen: false, primaryNeed: null, secondaryNeed: null, spells: [], workingBelow: false,
        ability: { reading: 0, maths: 0, writing: 0, gps: 0, phonics: 0 },
        drift: { reading: 0, maths: 0, writing: 0, gps: 0, phonics: 0 },
        boosts: [],
        absence: 0,
      });
    }
  }
  // admission numbers in admission order
  pupils
    .slice()
    .sort((a, b) => a.admission - b.admission || a.index - b.index)
    .forEach((p, i) => { p.misId = String(1001 + i).padStart(6, "0"); });

  const roll = pupils.filter((p) => p.leaving === null);
  const leavers2023 = pupils.filter((p) => p.entryYear === EXPORT_START_YEAR - 8);
  const leavers2024 = pupils.filter((p) => p.entryYear === EXPORT_START_YEAR - 7);
  for (const group of [roll, leavers2023, leavers2024]) assignCharacteristics(rng, group);
  for (const p of pupils) assignAbility(rng, p);
  return {
    options,
    pupils,
    nextUpn: () => issue(options.la, options.establishment, EXPORT_START_YEAR),
  };
}

/** SEN status, needs, register history, FSM/PP/EAL/CLA for one group (the roll, or one leaver cohort). */
function assignCharacteristics(rng: Rng, group: PupilModel[]): void {
  const n = group.length;
  const nE = Math.round(n * RATES.ehcPlan);
  const nK = Math.round(n * RATES.senSupport);
  // SEN is identified later: Reception pupils are less often on the register
  const yearWeight = (p: PupilModel): number => {
    const yg = EXPORT_START_YEAR - p.entryYear;
    return yg <= 0 ? 0.5 : yg === 1 ? 0.8 : 1 + 0.05 * Math.min(yg, 6);
  };
  const sen = rng.sampleWeighted(group, nE + nK, (p) => yearWeight(p) * (p.gender === "M" ? 1.8 : 1));
  const ehc = sen.slice(0, nE);
  const support = sen.slice(nE);
  const needsE = rng.shuffle(allocate(ehc.length, NEED_MIX_E));
  const needsK = rng.shuffle(allocate(support.length, NEED_MIX_K));
  ehc.forEach((p, i) => { p.finalStatus = "E"; p.primaryNeed = needsE[i] ?? "ASD"; });
  support.forEach((p, i) => { p.finalStatus = "K"; p.primaryNeed = needsK[i] ?? "SLCN"; });
  const nonSen = rng.shuffle(group.filter((p) => p.finalStatus === "N"));
  const offRegister = nonSen.slice(0, Math.round(n * RATES.leftRegister));
  for (const p of offRegister) p.primaryNeed = rng.weighted(NEED_MIX_K as Record<NeedCode, number>);
  for (const p of [...sen, ...offRegister]) {
    p.everSen = true;
    if (p.primaryNeed !== "NSA" && rng.chance(0.25)) {
      const options = (["SLCN", "SEMH", "MLD", "SPLD", "ASD", "OTH"] as const).filter((x) => x !== p.primaryNeed);
      p.secondaryNeed = rng.pick(options);
    }
  }
  // a few EHC plan pupils with severe learning needs work below the curriculum
  for (const p of ehc) {
    p.workingBelow = p.primaryNeed === "SLD" || p.primaryNeed === "PMLD" || rng.chance(0.12);
  }
  // overdue and due-soon annual reviews need plans old enough: pick them among the roll's older EHCP pupils
  const onRoll = group.every((p) => p.leaving === null);
  const oldPlans = rng.shuffle(ehc.filter((p) => EXPORT_START_YEAR - p.entryYear >= 2));
  const reviewKind = new Map<PupilModel, "overdue" | "dueSoon">();
  if (onRoll) {
    oldPlans.slice(0, 2).forEach((p) => reviewKind.set(p, "overdue"));
    oldPlans.slice(2, 4).forEach((p) => reviewKind.set(p, "dueSoon"));
  }
  for (const p of ehc) buildEhcHistory(rng, p, reviewKind.get(p) ?? null);
  for (const p of support) buildSupportHistory(rng, p);
  for (const p of offRegister) buildOffRegisterHistory(rng, p);

  // FSM and disadvantage are more common among SEN pupils (about 2×)
  const nFsm = Math.round(n * RATES.fsm);
  const nDis = Math.max(nFsm, Math.round(n * RATES.disadvantaged));
  const fsm = rng.sampleWeighted(group, nFsm, (p) => (p.everSen ? 2 : 1));
  for (const p of fsm) { p.fsm = true; p.disadvantaged = true; }
  const moreDis = rng.sampleWeighted(group.filter((p) => !p.fsm), nDis - nFsm, (p) => (p.everSen ? 2 : 1));
  for (const p of moreDis) p.disadvantaged = true;
  const nCla = Math.round(n * RATES.lookedAfter);
  for (const p of rng.sampleWeighted(group, nCla, (p) => (p.everSen ? 3 : 1))) {
    p.lookedAfter = true;
    p.disadvantaged = true;
  }
  for (const p of rng.shuffle(group).slice(0, Math.round(n * RATES.eal))) p.eal = true;
}

const endOf = (p: PupilModel): number | null => p.leaving;
const earliest = (p: PupilModel): number => Math.max(p.admission, p.dob + 3 * 365);

function buildEhcHistory(rng: Rng, p: PupilModel, review: "overdue" | "dueSoon" | null): void {
  const lo = Math.max(p.dob + Math.round(2.5 * 365), p.admission - 700);
  const hi = (p.leaving ?? AS_AT) - 60;
  let planDate: number;
  if (review === "overdue") planDate = rng.int(lo, Math.max(lo, AS_AT - 820));
  else if (review === "dueSoon") planDate = rng.int(lo, Math.max(lo, AS_AT - 700));
  else planDate = rng.int(lo, Math.max(lo, hi));
  const eStart = Math.max(planDate, p.admission);
  if (planDate - p.admission > 120) {
    // on SEN support before the plan
    const kStart = rng.int(earliest(p), Math.max(earliest(p), planDate - 90));
    p.spells.push({
      status: "K", start: Math.min(kStart, planDate - 30), end: planDate - 1, primaryNeed: p.primaryNeed,
      secondaryNeed: p.secondaryNeed, ehcPlanDate: null, lastAnnualReview: null,
    });
  }
  const end = endOf(p);
  const asAt = end ?? AS_AT;
  let lastReview: number | null = null;
  if (review === "overdue") lastReview = Math.max(planDate + 330, asAt - rng.int(395, 470));
  else if (review === "dueSoon") lastReview = Math.max(planDate + 330, asAt - rng.int(310, 355));
  else if (asAt - planDate > 365) {
    // reviewed on time: within the last 10 months, and at least 11 months after the plan
    lastReview = Math.max(planDate + 330, asAt - rng.int(20, 290));
    if (lastReview > asAt - 5) lastReview = null;
  }
  p.spells.push({
    status: "E", start: eStart, end, primaryNeed: p.primaryNeed, secondaryNeed: p.secondaryNeed,
    ehcPlanDate: planDate, lastAnnualReview: lastReview,
  });
}

function buildSupportHistory(rng: Rng, p: PupilModel): void {
  const lo = earliest(p);
  const hi = (p.leaving ?? AS_AT) - 30;
  // about 30% were added to the register during the window (N→K), the rest earlier
  const start = rng.chance(0.3) ? rng.int(Math.max(lo, WINDOW_START), Math.max(lo, WINDOW_START, hi)) : rng.int(lo, Math.max(lo, WINDOW_START - 1));
  p.spells.push({
    status: "K", start: Math.min(start, hi), end: endOf(p), primaryNeed: p.primaryNeed,
    secondaryNeed: p.secondaryNeed, ehcPlanDate: null, lastAnnualReview: null,
  });
}

function buildOffRegisterHistory(rng: Rng, p: PupilModel): void {
  const lo = earliest(p);
  const endLo = Math.max(WINDOW_START + 60, p.admission + 200);
  const endHi = (p.leaving ?? AS_AT) - 40;
  if (endLo >= endHi || lo >= endLo - 120) {
    p.everSen = false; p.primaryNeed = null; p.secondaryNeed = null;
    return;
  }
  const kEnd = rng.int(endLo, endHi);
  const kStart = rng.int(lo, kEnd - 120);
  p.spells.push({
    status: "K", start: kStart, end: kEnd, primaryNeed: p.primaryNeed, secondaryNeed: p.secondaryNeed,
    ehcPlanDate: null, lastAnnualReview: null,
  });
  p.spells.push({
    status: "N", start: kEnd + 1, end: endOf(p), primaryNeed: null, secondaryNeed: null, ehcPlanDate: null,
    lastAnnualReview: null,
  });
}

/** Latent attainment: SEN status and need, disadvantage, and pupil-level drift. */
function assignAbility(rng: Rng, p: PupilModel): void {
  const statusShift = p.finalStatus === "E" ? -1.1 : p.finalStatus === "K" ? -0.5 : p.everSen ? -0.3 : 0.38;
  const dis = p.disadvantaged ? -0.3 : 0;
  const below = p.workingBelow ? -1.2 : 0;
  const sd = p.finalStatus === "N" ? 0.88 : 0.75;
  const g = rng.normal();
  const driftSd = p.finalStatus === "N" ? 0.05 : 0.15;
  for (const s of LATENT_SUBJECTS) {
    const needShift = (p.primaryNeed !== null && p.everSen ? NEED_SHIFT[p.primaryNeed]?.[s] : 0) ?? 0;
    const specific = s === "phonics" ? 0.6 : 0.5;
    p.ability[s] = statusShift + dis + below + needShift
      + sd * (Math.sqrt(1 - specific * specific) * g + specific * rng.normal());
    p.drift[s] = rng.normal(0, driftSd);
  }
  // phonics leans on reading
  p.ability.phonics = 0.5 * p.ability.phonics + 0.5 * p.ability.reading;
  const medians = { N: 0.042, K: 0.062, E: 0.064 } as const;
  const sigmas = { N: 0.95, K: 1.0, E: 1.1 } as const;
  p.absence = Math.min(0.9, medians[p.finalStatus] * Math.exp(sigmas[p.finalStatus] * rng.normal()));
}

/** SEN status of a pupil on a day (N when on no spell). */
export function senStatusOn(p: PupilModel, day: number): "N" | "K" | "E" {
  for (const s of p.spells) {
    if (s.start <= day && (s.end === null || day <= s.end)) return s.status;
  }
  return "N";
}

/** Year group of a pupil in an academic year (by its first calendar year). */
export function yearGroupIn(p: PupilModel, startYear: number): number {
  return startYear - p.entryYear;
}

/** Is the pupil on roll on a day? */
export function onRoll(p: PupilModel, day: number): boolean {
  return day >= p.admission && (p.leaving === null || day <= p.leaving);
}
