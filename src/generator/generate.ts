/**
 * The generator's entry point: build one or many synthetic schools from a seed and write their export files.
 * Same options ⇒ byte-identical output (no clock, no locale, no unseeded randomness).
 */
import { join } from "node:path";
import { generateAssessments } from "./assessments.js";
import { generateAttendance } from "./attendance.js";
import { writeSchoolFiles, type SchoolEvents } from "./files.js";
import { planInterventions } from "./interventions.js";
import { planEhcSupport } from "./support.js";
import { Rng, hashKeys } from "./random.js";
import { writeReadme } from "./readme.js";
import { buildSchool } from "./school.js";
import { generateSuspensions } from "./suspensions.js";
import { generateTargets } from "./targets.js";
import { generateEhcRequests } from "./ehc-requests.js";

/** Options of a generator run. */
export interface GenerateOptions {
  /** Seed of the whole run (default 20261123). */
  seed: number;
  /** Output folder. */
  out: string;
  /** Pupils on roll over all schools (default 420). */
  pupils: number;
  /** Number of schools (default 1); more than one writes `school-001/` … under `out`. */
  schools: number;
  /** Plant the deliberate problems (default: only when there is one school). */
  problems?: boolean;
}

/** The default seed. */
export const DEFAULT_SEED = 20261123;
/** LA code in the generated UPNs. */
export const LA_CODE = 873;
/** DfE establishment number of the first school (the next schools count up). */
export const FIRST_ESTABLISHMENT = 2101;
/** Fewest and most pupils on roll per school. */
export const ROLL_LIMITS = { min: 70, max: 5000 } as const;

/** Summary of a run. */
export interface GenerateSummary {
  schools: number;
  pupilRows: number;
  folders: string[];
}

/**
 * Build one school's data (no files).
 * @example
 * buildSchoolEvents(20261123, 0, 420, new Set()).school.pupils.length // => 540
 */
export function buildSchoolEvents(seed: number, schoolIndex: number, roll: number, issuedUpns: Set<string>): SchoolEvents {
  const schoolSeed = hashKeys([seed, schoolIndex]);
  const rng = new Rng(schoolSeed);
  const school = buildSchool(rng, {
    schoolIndex, roll, la: LA_CODE, establishment: FIRST_ESTABLISHMENT + schoolIndex, issuedUpns,
  });
  // EHC plan support (issue #15) from its own random stream, after every other placement.
  const placements = [...planInterventions(rng, schoolSeed, school.pupils, roll), ...planEhcSupport(schoolSeed, school.pupils)];
  const assessments = generateAssessments(schoolSeed, school.pupils);
  const attendance = generateAttendance(rng, school.pupils);
  const suspensions = generateSuspensions(rng, school.pupils, schoolIndex % 2 === 0);
  const targets = generateTargets(schoolSeed, school.pupils);
  // EHC needs assessment requests (issue #18) from their own random stream: nothing above changes.
  const ehcRequests = generateEhcRequests(schoolSeed, school.pupils);
  return { school, placements, assessments, attendance, suspensions, targets, ehcRequests };
}

/**
 * Generate and write the schools.
 * @throws {Error} when a school would have fewer than 70 or more than 5,000 pupils on roll, or more than 9,000
 * schools are asked for.
 * @example
 * generate({ seed: 20261123, out: "fixtures/sample-school", pupils: 420, schools: 1 }).pupilRows // => 540
 */
export function generate(options: GenerateOptions, onSchool?: (done: number) => void): GenerateSummary {
  const { seed, out, pupils, schools } = options;
  if (!Number.isInteger(schools) || schools < 1 || schools > 7000) {
    throw new Error(`generate: schools must be a whole number from 1 to 7000, got ${schools}`);
  }
  const per = Math.floor(pupils / schools);
  if (!Number.isInteger(pupils) || per < ROLL_LIMITS.min || Math.ceil(pupils / schools) > ROLL_LIMITS.max) {
    throw new Error(`generate: each school needs ${ROLL_LIMITS.min}–${ROLL_LIMITS.max} pupils on roll, got ${pupils} over ${schools}`);
  }
  const problems = options.problems ?? schools === 1;
  const issued = new Set<string>();
  const folders: string[] = [];
  let pupilRows = 0;
  for (let i = 0; i < schools; i++) {
    const roll = per + (i < pupils - per * schools ? 1 : 0);
    const events = buildSchoolEvents(seed, i, roll, issued);
    const dir = schools === 1 ? out : join(out, `school-${String(i + 1).padStart(3, "0")}`);
    const fileRng = new Rng(hashKeys([seed, i, 1]));
    const written = writeSchoolFiles(dir, events, fileRng, problems);
    if (schools === 1) writeReadme(dir, events, written.expected, seed);
    folders.push(dir);
    pupilRows += events.school.pupils.length;
    onSchool?.(i + 1);
  }
  return { schools, pupilRows, folders };
}
