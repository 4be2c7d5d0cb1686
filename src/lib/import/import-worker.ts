/**
 * The import worker thread (started by `startImportWorker`): takes schools from the shared counter until none
 * is left, reads and links each as the main thread would (`importPlannedSchool`), and posts it as columns.
 */
import { parentPort, workerData } from "node:worker_threads";
import { importPlannedSchool, readPlannedSchool } from "./import-folder.js";
import { forEachClaimedSchool, type ImportWorkerInput, type ImportWorkerMessage } from "./parallel-import.js";
import { encodeSchoolData, transferablesOf } from "./record-columns.js";

const { plan, counter } = workerData as ImportWorkerInput;
const port = parentPort!;
await forEachClaimedSchool(plan, new Int32Array(counter), (index) => readPlannedSchool(plan, index), (index, contents) => {
  const { data, ...school } = importPlannedSchool(plan, index, contents);
  const encoded = encodeSchoolData(data);
  port.postMessage({ kind: "school", index, school, data: encoded } satisfies ImportWorkerMessage, transferablesOf(encoded));
});
port.postMessage({ kind: "done" } satisfies ImportWorkerMessage);
