/**
 * The worker thread behind `startSchoolSections`: it imports a multi-school folder school by school (as
 * `importFolder` does) and works out each school's section from that school's share alone, while the main
 * thread imports the whole folder and analyses the trust. It holds one school's records at a time.
 *
 * It reads `SectionsWorkerInput` as its `workerData`, waits for the report's date if that was not known at
 * the start (a `{ asOf }` message), and posts a `SectionsWorkerMessage` per school, then one saying how it ended.
 */
import { parentPort, workerData } from "node:worker_threads";
import { importSchools } from "../import/import-folder.js";
import { academicYearOf } from "../cohort/dates.js";
import { withSharedResults } from "../cohort/results.js";
import { dataUpTo } from "./build-report.js";
import { crossSchoolCellsOf, schoolSection, splitBySchool, type SchoolSectionParams } from "./per-school.js";
import type { SectionsWorkerInput, SectionsWorkerMessage } from "./school-sections.js";

/**
 * Posts each school's section (with its cross-school cells) as soon as it is made, so the worker holds one
 * school at a time; then returns how it ended.
 */
async function postSections(input: SectionsWorkerInput, asOf: Promise<string>, post: (message: SectionsWorkerMessage) => void): Promise<SectionsWorkerMessage> {
  // The sections equal those of the whole folder's data split by school only when each school's pupils
  // are in one sub-folder and no pupil id is in two: then a school's share of the trust is its own.
  const schools = new Set<string>();
  const pupilIds = new Set<string>();
  let params: SchoolSectionParams | null = null;
  for await (const { data } of importSchools(input.folder, input.import)) {
    // The first school is read while the main thread works out the date, if it has to.
    if (params === null) {
      const date = await asOf;
      params = {
        asOf: date, academicYear: academicYearOf(date),
        ...(input.national === undefined ? {} : { national: input.national }),
        ...(input.standardisedThreshold === undefined ? {} : { standardisedThreshold: input.standardisedThreshold }),
      };
    }
    for (const pupil of data.pupils) {
      if (pupilIds.has(pupil.pupilId)) return { kind: "not-separable", reason: `pupil ${pupil.pupilId} is in two schools' files` };
      pupilIds.add(pupil.pupilId);
    }
    for (const [school, part] of splitBySchool(dataUpTo(data, params.asOf))) {
      if (schools.has(school)) return { kind: "not-separable", reason: `school ${school} has pupils in two folders` };
      schools.add(school);
      const made = params;
      const section = withSharedResults(() => schoolSection(school, part, made));
      post({ kind: "school", section, crossSchool: crossSchoolCellsOf([section]) });
    }
  }
  return { kind: "done", schools: schools.size };
}

const port = parentPort;
if (port !== null) {
  const input = workerData as SectionsWorkerInput;
  const asOf = input.asOf !== null
    ? Promise.resolve(input.asOf)
    : new Promise<string>((resolve) => port.once("message", (message: { asOf: string }) => resolve(message.asOf)));
  const post = (message: SectionsWorkerMessage) => port.postMessage(message);
  postSections(input, asOf, post).then(
    post,
    (error: unknown) => post({ kind: "failed", reason: error instanceof Error ? error.message : String(error) }),
  );
}
