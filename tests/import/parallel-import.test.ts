/**
 * A folder of several schools read on two threads must give exactly what one thread gives: the same records in
 * the same order, the same files and problems, the same progress calls. The expected data is the one-thread
 * import (`threads: 1`, which reads the schools in order on this thread, as `importFolder` always did).
 *
 * The worker is a built module (`dist/lib/import/import-worker.js`; `npm test` builds first), so the
 * two-thread import is the built one; run from the TypeScript source, the worker cannot start and the main
 * thread reads every school itself, which is checked too.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../src/generator/generate.js";
import {
  type ImportProgress, type ImportedSchool, importFolder, importPlanned as importPlannedFromSource, importPlannedSchool, planFolder, readPlannedSchool,
} from "../../src/lib/import/import-folder.js";
import { importFolder as builtImportFolder, importPlanned } from "../../dist/lib/import/import-folder.js";
import { startImportWorker } from "../../dist/lib/import/parallel-import.js";
import { main as builtMain } from "../../dist/lib/cli/main.js";
import { defaultImportThreads, forEachClaimedSchool, newSchoolCounter, PARALLEL_IMPORT_MIN_BYTES } from "../../src/lib/import/parallel-import.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";

let dir = "";
let oneThread: SchoolData;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sendscope-parallel-"));
  // With problems, so files and problems from both threads are merged too.
  generate({ seed: 20261124, out: dir, pupils: 1200, schools: 6, problems: true });
  oneThread = await importFolder(dir, { threads: 1 });
}, 60_000);

afterAll(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
});

describe("importing a trust on two threads", () => {
  it("has the worker read schools exactly as this thread does", async () => {
    const plan = await planFolder(dir);
    // Only the worker takes schools from this counter, so it reads them all.
    const counter = newSchoolCounter();
    const fromWorker: ImportedSchool[] = [];
    const worker = startImportWorker({ plan, counter: counter.buffer as SharedArrayBuffer }, (index, school) => (fromWorker[index] = school));
    await worker.finished;
    await worker.stop();
    expect(worker.sent()).toBe(6);
    for (let index = 0; index < 6; index += 1) {
      expect(fromWorker[index]).toStrictEqual(importPlannedSchool(plan, index, await readPlannedSchool(plan, index)));
    }
  }, 60_000);

  it("gives the same data as one thread when both threads take schools", async () => {
    const plan = await planFolder(dir);
    const { schools } = await importPlanned(plan, 2);
    expect(schools.map((s) => s.school)).toEqual(plan.schools.map((s) => s.school));
    expect(await builtImportFolder(dir, { threads: 2 })).toStrictEqual(oneThread);
    expect(oneThread.problems.length).toBeGreaterThan(0);
  }, 60_000);

  it("reports every file once to onProgress, then once more when done", async () => {
    const calls: ImportProgress[] = [];
    await builtImportFolder(dir, { threads: 2, onProgress: (p) => calls.push(p) });
    const plan = await planFolder(dir);
    const files = calls.slice(0, -1).map((c) => c.file).sort();
    expect(files).toEqual(plan.schools.flatMap((s) => s.files.map((f) => f.file)).sort());
    expect(calls.at(-1)).toEqual({ filesDone: plan.filesTotal, filesTotal: plan.filesTotal, bytesDone: plan.bytesTotal, bytesTotal: plan.bytesTotal, file: null });
  }, 60_000);

  it("reads every school on this thread when the worker cannot start (the TypeScript source has no built worker)", async () => {
    const { schools, byWorkers } = await importPlannedFromSource(await planFolder(dir), 2);
    expect(byWorkers).toBe(0);
    expect(schools).toHaveLength(6);
    expect(await importFolder(dir, { threads: 2 })).toStrictEqual(oneThread);
  }, 60_000);

  it("hands each school to exactly one of two threads taking turns from the shared counter", async () => {
    const plan = { schools: Array.from({ length: 50 }, () => ({ school: null, files: [] })) };
    const counter = newSchoolCounter();
    const seen: number[][] = [[], []];
    const pause = () => new Promise<Uint8Array[]>((resolve) => setTimeout(() => resolve([]), Math.random() * 3));
    const taken = await Promise.all([0, 1].map((t) => forEachClaimedSchool(plan, counter, pause, (index) => seen[t]!.push(index))));
    expect(taken[0]! + taken[1]!).toBe(50);
    expect([...seen[0]!, ...seen[1]!].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("uses a second thread by default only for a large folder of several schools", async () => {
    const big = PARALLEL_IMPORT_MIN_BYTES;
    expect(defaultImportThreads({ schools: [{ school: null, files: [] }], bytesTotal: big })).toBe(1);
    expect(defaultImportThreads({ schools: [{ school: "a", files: [] }, { school: "b", files: [] }], bytesTotal: big - 1 })).toBe(1);
    expect(defaultImportThreads({ schools: [{ school: "a", files: [] }, { school: "b", files: [] }], bytesTotal: big })).toBe(Math.min(2, availableParallelism()));
    expect(defaultImportThreads(await planFolder("fixtures/sample-school"))).toBe(1);
  });

  it("gives the same output from the command with --threads 1 and --threads 2, and refuses --threads 0", async () => {
    const run = async (args: string[]) => {
      let stdout = "";
      let stderr = "";
      const code = await builtMain(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
      return { code, stdout, stderr };
    };
    for (const command of [["validate", dir, "--json"], ["analyse", dir, "--json", "--as-of", "2026-07-17"]]) {
      const one = await run([...command, "--threads", "1"]);
      const two = await run([...command, "--threads", "2"]);
      expect(two.code).toBe(one.code);
      expect(two.stdout).toBe(one.stdout);
      expect(one.stdout.length).toBeGreaterThan(1000);
    }
    const refused = await run(["validate", dir, "--threads", "0"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--threads/);
  }, 120_000);

  it("reads a school's files ahead without an unhandled rejection when a file has gone, and still fails when awaited", async () => {
    const plan = await planFolder(dir);
    const gone = { ...plan, schools: [{ school: "gone", files: [{ file: "no-such-school/pupils.csv", size: 0 }] }] };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const ahead = readPlannedSchool(gone, 0);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
      await expect(ahead).rejects.toThrow(/ENOENT/);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
