/**
 * Reading a folder of several schools on more than one thread (see `importFolder`'s `threads`).
 *
 * Each thread takes the next school no thread has taken yet (a counter in shared memory), reads and links it
 * exactly as a single thread would, and a worker sends its schools back as columns (`encodeSchoolData`), which
 * the main thread turns back into records in a fraction of the time the import took. The schools are then put
 * together in the folder's order, so the data is the same whichever thread read which school. When a worker
 * cannot start (as when the TypeScript source is run directly, so there is no built worker file) or fails
 * part-way, the main thread reads whatever it did not send.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { FolderPlan, ImportedSchool } from "./folder-plan.js";
import { decodeSchoolData, type EncodedSchoolData } from "./record-columns.js";

/** What an import worker is given (its `workerData`). */
export interface ImportWorkerInput {
  /** The folder's plan (`planFolder`): the same schools in the same order as the main thread's. */
  plan: FolderPlan;
  /** The shared counter of schools taken (see `newSchoolCounter`). */
  counter: SharedArrayBuffer;
}

/** What an import worker posts: each school it read, as columns; then `done`. */
export type ImportWorkerMessage =
  | { kind: "school"; index: number; school: Omit<ImportedSchool, "data">; data: EncodedSchoolData }
  | { kind: "done" };

/** Folders smaller than this are read on one thread: starting a worker would cost more than it saves (`src/bench/README.md`). */
export const PARALLEL_IMPORT_MIN_BYTES = 16 * 2 ** 20;

/**
 * How many threads `importFolder` uses by default: 2 for a folder of two or more schools of at least
 * `PARALLEL_IMPORT_MIN_BYTES`, on a machine with two or more cores; else 1. (More threads might pay on a
 * larger machine; only two could be measured, on a 2-core one.)
 * @example
 * defaultImportThreads(await planFolder("fixtures/sample-school")) // => 1
 */
export function defaultImportThreads(plan: Pick<FolderPlan, "schools" | "bytesTotal">): number {
  if (plan.schools.length < 2 || plan.bytesTotal < PARALLEL_IMPORT_MIN_BYTES) return 1;
  return Math.min(2, availableParallelism());
}

/**
 * A counter of schools taken, in memory shared with workers (see `forEachClaimedSchool`).
 * @example
 * const counter = newSchoolCounter();
 * Atomics.add(counter, 0, 1) // => 0
 */
export function newSchoolCounter(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}

/**
 * Take schools of `plan` from the shared `counter` one after another until none is left, and `visit` each
 * with its files' bytes. The next school is taken, and its files read, while this one is visited (so `read`
 * should not leave a failure unhandled before it is awaited, as `readPlannedSchool` does not).
 * @param read reads a school's files (`readPlannedSchool`)
 * @returns how many schools this thread took
 * @example
 * await forEachClaimedSchool(plan, newSchoolCounter(), readPlannedSchool, (index, contents) => console.log(index, contents.length));
 */
export async function forEachClaimedSchool(
  plan: Pick<FolderPlan, "schools">,
  counter: Int32Array,
  read: (index: number) => Promise<Uint8Array[]>,
  visit: (index: number, contents: Uint8Array[]) => void,
): Promise<number> {
  const claim = () => {
    const index = Atomics.add(counter, 0, 1);
    return index < plan.schools.length ? { index, contents: read(index) } : null;
  };
  let taken = 0;
  let next = claim();
  while (next !== null) {
    const { index, contents } = next;
    const bytes = await contents;
    next = claim();
    visit(index, bytes);
    taken += 1;
  }
  return taken;
}

let workerFailureReported = false;

/**
 * Say once on stderr that an import thread failed, so that a broken worker shows as a message and not only as
 * a slower import (the main thread still reads the schools it did not send, so the data is unaffected).
 */
function reportWorkerFailure(error: unknown): void {
  if (workerFailureReported) return;
  workerFailureReported = true;
  const reason = error instanceof Error ? error.message : String(error);
  process.stderr.write(`sendscope: an import thread failed (${reason}); its schools were read on the main thread instead\n`);
}

/** An import worker (see `startImportWorker`). */
export interface ImportWorker {
  /** Settles when the worker has sent every school it took, or has failed or stopped (never rejects). */
  finished: Promise<void>;
  /** How many schools it has sent. */
  sent(): number;
  /** Stops it, if it is still running. */
  stop(): Promise<void>;
}

/**
 * Start a worker thread that takes schools from `input.counter` and reads them, calling `onSchool` on this
 * thread with each (its records rebuilt from the columns the worker sent). The worker is `import-worker.js`
 * beside this module once built; where there is none, it fails to start and `finished` settles at once.
 * @example
 * const worker = startImportWorker({ plan, counter: counter.buffer as SharedArrayBuffer }, (index, school) => (schools[index] = school));
 * await worker.finished;
 */
export function startImportWorker(input: ImportWorkerInput, onSchool: (index: number, school: ImportedSchool) => void): ImportWorker {
  const workerFile = new URL("./import-worker.js", import.meta.url);
  const worker = new Worker(workerFile, { workerData: input });
  let sent = 0;
  let running = true;
  const finished = new Promise<void>((resolve) => {
    worker.on("message", (message: ImportWorkerMessage) => {
      if (message.kind === "done") {
        resolve();
        return;
      }
      onSchool(message.index, { ...message.school, data: decodeSchoolData(message.data) });
      sent += 1;
    });
    // A worker that cannot start or fails: the schools it took and did not send are read by the caller. A
    // missing worker file (the TypeScript source run directly) is expected; any other failure is said once.
    worker.on("error", (error) => {
      if (existsSync(workerFile)) reportWorkerFailure(error);
      resolve();
    });
    worker.on("exit", () => {
      running = false;
      resolve();
    });
  });
  return {
    finished,
    sent: () => sent,
    stop: async () => {
      if (running) await worker.terminate();
    },
  };
}
