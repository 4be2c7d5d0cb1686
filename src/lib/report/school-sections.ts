/**
 * A multi-school folder's per-school sections made on a second thread (see `startSchoolSections`): one
 * thread imports and analyses the trust, the other imports the schools again and analyses each. Opt-in
 * (`analyseFolder`'s `sectionsWorker`): on a 2-core machine it was slower, as the second import takes the
 * core the first thread's garbage collector works on (README, "How it scales").
 */
import { readdir } from "node:fs/promises";
import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import type { NationalFigures } from "../../data/national.js";
import type { ImportOptions } from "../import/import-folder.js";
import { compareSchoolNames, type CrossSchoolCell, type SchoolSection } from "./per-school.js";

/** What the sections worker is given (its `workerData`). */
export interface SectionsWorkerInput {
  /** The folder of exports. */
  folder: string;
  /** How to import it: the same as the main thread's import. */
  import: Pick<ImportOptions, "mapping" | "academicYear">;
  /** The report's date; null when the main thread sends it later (as `{ asOf }`). */
  asOf: string | null;
  /** National figures, when not the bundled ones. */
  national?: NationalFigures;
  /** The standardised-score threshold, when not the default. */
  standardisedThreshold?: number;
}

/**
 * What the sections worker posts: each school's section and cross-school cells as it is made, in the
 * order of the folder's sub-folders; then `done` (with how many schools there were), or that the folder's
 * schools are not one to a sub-folder (so the main thread makes the sections itself), or that it failed.
 */
export type SectionsWorkerMessage =
  | { kind: "school"; section: SchoolSection; crossSchool: CrossSchoolCell[] }
  | { kind: "done"; schools: number }
  | { kind: "not-separable"; reason: string }
  | { kind: "failed"; reason: string };

/** Per-school sections being made on a worker thread (see `startSchoolSections`). */
export interface SchoolSectionsInWorker {
  /** Gives the worker the report's date, when it was not known at the start. */
  setAsOf(asOf: string): void;
  /** The sections and cross-school cells, or null when the main thread must make them (with why). */
  result(): Promise<{ sections: SchoolSection[]; crossSchool: CrossSchoolCell[] } | { sections: null; reason: string }>;
  /** Stops the worker (whether or not it has finished). */
  stop(): Promise<void>;
}

/**
 * Whether a folder is laid out one sub-folder per school, with at least two: then its per-school sections
 * can be made school by school on a second thread.
 * @example
 * await hasSchoolFolders(".bench-cache/p100000-s200-…") // => true
 * await hasSchoolFolders("fixtures/sample-school") // => false
 */
export async function hasSchoolFolders(folder: string): Promise<boolean> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).length >= 2;
  } catch {
    return false;
  }
}

/**
 * Starts making a multi-school folder's per-school sections on a worker thread: it imports the folder
 * school by school (one school's records at a time) and works out each school's section, as
 * `schoolSections` does from the whole data split by school. When the folder is not one school to a
 * sub-folder (a school's pupils in two folders, or a pupil id in two schools), the worker says so and the
 * caller makes the sections itself. The worker's young generation is kept small: it holds little.
 * @param input the folder, import options, report date (or null, then `setAsOf`) and national figures
 * @example
 * const worker = startSchoolSections({ folder: "trust", import: {}, asOf: "2025-07-18" });
 * const { sections } = await worker.result(); // sections?.length => 200
 */
export function startSchoolSections(input: SectionsWorkerInput): SchoolSectionsInWorker {
  // The worker is `sections-worker.js` beside this module once built. Run from the TypeScript source (as in
  // the unit tests), there is no such file: the worker fails to start and the caller makes the sections.
  // V8's `--max-semi-space-size` (which the sendscope command sets for the main thread's speed) overrides a
  // worker's `resourceLimits`, and would give it a 256 MB young generation too. V8 reads it when a thread's
  // heap is made: the main thread's is made already, so clearing it lets the worker's own limit apply (and
  // any thread started later gets its own limits or V8's default).
  setFlagsFromString("--max-semi-space-size=0");
  const worker = new Worker(new URL("./sections-worker.js", import.meta.url), {
    workerData: input,
    // It holds one school at a time: a small heap (a trust's 200 schools need under 60 MB of old space).
    // A 64 MB young generation halves its scavenging time against 32 MB (100k trust: 0.36 s against 0.73–1.1 s).
    resourceLimits: { maxYoungGenerationSizeMb: 64, maxOldGenerationSizeMb: 128 },
  });
  const made: Array<{ section: SchoolSection; crossSchool: CrossSchoolCell[] }> = [];
  const answer = new Promise<{ sections: SchoolSection[]; crossSchool: CrossSchoolCell[] } | { sections: null; reason: string }>((resolve) => {
    worker.on("message", (message: SectionsWorkerMessage) => {
      if (message.kind === "school") made.push({ section: message.section, crossSchool: message.crossSchool });
      else if (message.kind === "done") resolve(inSchoolOrder(made, message.schools));
      else resolve({ sections: null, reason: message.reason });
    });
    worker.once("error", (error) => resolve({ sections: null, reason: error.message }));
    worker.once("exit", (code) => resolve({ sections: null, reason: `the worker stopped (exit code ${code})` }));
  });
  return {
    setAsOf: (asOf) => worker.postMessage({ asOf }),
    result: () => answer,
    stop: async () => {
      await worker.terminate();
    },
  };
}

/** The sections in school name order (as `splitBySchool` orders a trust's schools); none for one school. */
function inSchoolOrder(made: Array<{ section: SchoolSection; crossSchool: CrossSchoolCell[] }>, schools: number): { sections: SchoolSection[]; crossSchool: CrossSchoolCell[] } {
  if (schools < 2) return { sections: [], crossSchool: [] };
  const ordered = made.slice().sort((a, b) => compareSchoolNames(a.section.school, b.section.school));
  return { sections: ordered.map((m) => m.section), crossSchool: ordered.flatMap((m) => m.crossSchool) };
}
