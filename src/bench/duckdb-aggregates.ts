/**
 * The benchmark's DuckDB side: read a generated folder's CSV exports (one sub-folder per school, the
 * generator's file layout) with DuckDB and compute the shared aggregates (see `aggregates.ts`) in SQL.
 * The SQL encodes sendscope's rules: a pupil is (school, UPN); results are linked within their school; the
 * SEN status on a date is the register spell in force that day with the latest start (a tie goes to E over K
 * over N), `N` with no spell; one result per pupil, subject, measure and point (the latest-dated);
 * teacher-assessment codes ranked as `TEACHER_ASSESSMENT_RANK`; thresholds as `MEASURE_THRESHOLDS`.
 *
 * Run on its own (this is what the benchmark times, in a separate process; `run.ts` bundles `duckdb-cli.ts`
 * to plain JavaScript first, so DuckDB's time does not include TypeScript compilation):
 *   npx tsx src/bench/duckdb-cli.ts <folder> --as-of 2026-07-17 [--json]
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { TEACHER_ASSESSMENT_RANK } from "../data/codes.js";
import { MEASURE_THRESHOLDS } from "../lib/cohort/thresholds.js";
import { PERSISTENT_ABSENCE_THRESHOLD, SEVERE_ABSENCE_THRESHOLD } from "../lib/cohort/attendance.js";
import type { MeasureKind } from "../lib/schema/primitives.js";
import type { Figures, SharedAggregates } from "./aggregates.js";

const quote = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** The files of a school sub-folder, as the generator writes them (see `src/generator/files.ts`). */
const FILES = {
  pupils: "sims-pupils.csv",
  sen: "sims-sen-register.csv",
  long: "arbor-assessments.csv",
  wide: "nfer-standardised-wide.csv",
  attendance: "sims-attendance.csv",
} as const;

const SUBJECTS: Record<string, string> = {
  "Reading": "reading", "Writing": "writing", "Maths": "maths", "GPS": "gps", "Phonics": "phonics",
  "Multiplication Tables Check": "mtc",
};
const MEASURES: Record<string, MeasureKind> = {
  "Standardised Score": "standardised", "Scaled Score": "scaled", "Reading Age": "readingAge",
  "Teacher Assessment": "teacherAssessment", "Phonics Mark": "phonicsMark", "MTC Score": "mtcScore",
};

function caseOf(expression: string, table: Record<string, string | number>, otherwise = "NULL"): string {
  const whens = Object.entries(table).map(([k, v]) => `WHEN ${quote(k)} THEN ${typeof v === "number" ? v : quote(v)}`);
  return `CASE ${expression} ${whens.join(" ")} ELSE ${otherwise} END`;
}

function thresholdCase(which: "expected" | "higher"): string {
  const table: Record<string, number> = {};
  for (const [measure, t] of Object.entries(MEASURE_THRESHOLDS)) if (t[which] !== null) table[measure] = t[which];
  return caseOf("measure", table);
}

const hasMean = Object.entries(MEASURE_THRESHOLDS).filter(([, t]) => t.hasMean).map(([m]) => quote(m)).join(", ");

/**
 * The SQL statements that load a folder and compute the aggregates (the last four return the tables).
 * @example
 * duckdbSql("/data/trust", "2026-07-17").length // => 9
 */
export function duckdbSql(folder: string, asOf: string): string[] {
  const glob = (file: string) => quote(join(resolve(folder), "*", file));
  const school = `regexp_extract(filename, '([^/\\\\]+)[/\\\\][^/\\\\]+$', 1)`;
  const ukDate = (column: string) => `CAST(strptime(NULLIF(trim("${column}"), ''), '%d/%m/%Y') AS DATE)`;
  const isoDate = (column: string) => `CAST(NULLIF(trim("${column}"), '') AS DATE)`;
  const csv = (file: string, extra = "") => `read_csv(${glob(file)}, header = true, all_varchar = true, filename = true${extra})`;
  const asOfDate = `DATE ${quote(asOf)}`;
  const startYear = Number(asOf.slice(0, 4)) - (Number(asOf.slice(5, 7)) >= 9 ? 0 : 1);
  const academicYear = `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`;
  const statusDate = `DATE '${startYear + 1}-01-15'`;
  const rank = caseOf("upper(trim(value_text))", TEACHER_ASSESSMENT_RANK as Record<string, number>);
  // SEN status on a date: the spell in force with the latest start (null start = earliest), tie → higher level.
  const inForce = "(s.start_date IS NULL OR s.start_date <= k.on_date) AND (s.end_date IS NULL OR s.end_date >= k.on_date)";
  const statusOn = (keys: string) => `
    SELECT k.school, k.upn, k.on_date,
      coalesce(arg_max(s.status, (coalesce(s.start_date, DATE '0001-01-01'), s.level)) FILTER (WHERE ${inForce}), 'N') AS status,
      arg_max(s.need, (coalesce(s.start_date, DATE '0001-01-01'), s.level)) FILTER (WHERE ${inForce}) AS need
    FROM (${keys}) k LEFT JOIN spells s ON s.school = k.school AND s.upn = k.upn
    GROUP BY ALL`;
  return [
    `CREATE TEMP TABLE pupils AS SELECT ${school} AS school, upper(trim("UPN")) AS upn,
       ${ukDate("Admission Date")} AS admission, ${ukDate("Leaving Date")} AS leaving
     FROM ${csv(FILES.pupils, ", encoding = 'latin-1'")}`,
    `CREATE TEMP TABLE spells AS SELECT ${school} AS school, upper(trim("UPN")) AS upn, trim("SEN Status") AS status,
       NULLIF(trim("Primary Need"), '') AS need, ${ukDate("SEN Start Date")} AS start_date, ${ukDate("SEN End Date")} AS end_date,
       CASE trim("SEN Status") WHEN 'E' THEN 2 WHEN 'K' THEN 1 ELSE 0 END AS level
     FROM ${csv(FILES.sen)}`,
    `CREATE TEMP TABLE results AS
     WITH raw AS (
       SELECT ${school} AS school, upper(trim("UPN")) AS upn, ${caseOf(`trim("Subject")`, SUBJECTS, "'other'")} AS subject,
         ${caseOf(`trim("Measure")`, MEASURES)} AS measure,
         trim("Academic Year") || ' ' || lower(split_part(trim("Assessment Point"), ' ', 1)) AS point,
         ${isoDate("Assessment Date")} AS on_date, trim("Score") AS value_text
       FROM ${csv(FILES.long)}
       UNION ALL
       SELECT ${school}, upper(trim(upn)), s.subject, 'standardised', trim(assessment_point), ${isoDate("date")}, trim(s.value_text)
       FROM ${csv(FILES.wide)}, LATERAL (VALUES ('reading', reading_standardised), ('maths', maths_standardised)) s(subject, value_text)
     ), valued AS (
       SELECT school, upn, subject, measure, point, on_date,
         CASE measure WHEN 'teacherAssessment' THEN ${rank}
           WHEN 'readingAge' THEN CAST(regexp_extract(value_text, '^(\\d+)y', 1) AS INTEGER) * 12 + CAST(regexp_extract(value_text, '(\\d+)m$', 1) AS INTEGER)
           ELSE CAST(value_text AS DOUBLE) END AS value
       FROM raw WHERE NULLIF(value_text, '') IS NOT NULL AND on_date <= ${asOfDate}
     )
     SELECT v.* FROM valued v SEMI JOIN pupils p ON p.school = v.school AND p.upn = v.upn
     WHERE v.value IS NOT NULL
     QUALIFY row_number() OVER (PARTITION BY v.school, v.upn, v.subject, v.measure, v.point ORDER BY v.on_date DESC) = 1`,
    `CREATE TEMP TABLE result_status AS ${statusOn("SELECT DISTINCT school, upn, on_date FROM results")}`,
    `CREATE TEMP TABLE profiled AS
     SELECT r.subject, r.measure, r.point, r.value, st.status,
       ${thresholdCase("expected")} AS expected, ${thresholdCase("higher")} AS higher
     FROM results r JOIN result_status st USING (school, upn, on_date)`,
    // attainment per group (N, K, E), SEN (K+E) and all
    `WITH grouped AS (
       SELECT subject, measure, point, status AS grp, value, expected, higher FROM profiled
       UNION ALL SELECT subject, measure, point, 'SEN', value, expected, higher FROM profiled WHERE status <> 'N'
       UNION ALL SELECT subject, measure, point, 'all', value, expected, higher FROM profiled
     )
     SELECT subject, measure, point, grp, count(*) AS n,
       CASE WHEN any_value(expected) IS NULL THEN NULL ELSE count(*) FILTER (WHERE value >= expected) END AS count,
       CASE WHEN any_value(higher) IS NULL THEN NULL ELSE count(*) FILTER (WHERE value >= higher) END AS higher_count,
       CASE WHEN measure IN (${hasMean}) THEN avg(value) END AS mean
     FROM grouped GROUP BY subject, measure, point, grp`,
    // identification on asOf, pupils on roll
    `WITH on_roll AS (
       SELECT school, upn, ${asOfDate} AS on_date FROM pupils
       WHERE (admission IS NULL OR admission <= ${asOfDate}) AND (leaving IS NULL OR leaving >= ${asOfDate})
     ), st AS (${statusOn("SELECT * FROM on_roll")})
     SELECT 'status' AS kind, status AS grp, NULL AS need, count(*) AS count, count(*) / (SELECT count(*) FROM on_roll) AS rate FROM st GROUP BY status
     UNION ALL SELECT 'status', 'SEN', NULL, count(*), count(*) / (SELECT count(*) FROM on_roll) FROM st WHERE status <> 'N'
     UNION ALL SELECT 'onRoll', NULL, NULL, count(*), NULL FROM on_roll
     UNION ALL SELECT 'need', status, coalesce(need, 'unknown'), count(*), count(*) / any_value(of) FROM
       (SELECT *, count(*) OVER (PARTITION BY status) AS of FROM st WHERE status <> 'N') GROUP BY status, coalesce(need, 'unknown')`,
    // attendance over asOf's academic year, by SEN status on 15 January
    `WITH sums AS (
       SELECT ${school} AS school, upper(trim("UPN")) AS upn, sum(CAST("Possible Marks" AS BIGINT)) AS possible,
         sum(CAST("Present + AEA" AS BIGINT)) AS attended
       FROM ${csv(FILES.attendance, ", encoding = 'utf-16'")}
       WHERE trim("Academic Year") = ${quote(academicYear)} GROUP BY ALL
     ), linked AS (
       SELECT s.* FROM sums s SEMI JOIN pupils p ON p.school = s.school AND p.upn = s.upn WHERE s.possible > 0
     ), st AS (${statusOn(`SELECT school, upn, ${statusDate} AS on_date FROM linked`)}),
     rows AS (
       SELECT st.status, l.possible, l.attended, CAST(l.possible - l.attended AS DOUBLE) / l.possible AS missed
       FROM linked l JOIN st USING (school, upn)
     ), grouped AS (
       SELECT status AS grp, * FROM rows UNION ALL SELECT 'SEN', * FROM rows WHERE status <> 'N' UNION ALL SELECT 'all', * FROM rows
     )
     SELECT grp, count(*) AS n, sum(possible) AS possible, sum(attended) AS attended,
       count(*) FILTER (WHERE missed >= ${PERSISTENT_ABSENCE_THRESHOLD}) AS persistent,
       count(*) FILTER (WHERE missed >= ${SEVERE_ABSENCE_THRESHOLD}) AS severe
     FROM grouped GROUP BY grp`,
  ];
}

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Compute the shared aggregates of a generated folder with DuckDB.
 * @param folder a folder with one sub-folder per school, in the generator's file layout
 * @param asOf the date the figures describe (yyyy-mm-dd)
 * @param threads DuckDB worker threads; default DuckDB's own (all cores)
 * @throws {Error} when the folder has no school sub-folders in the generator's layout
 * @example
 * (await duckdbAggregates("/tmp/trust", "2026-07-17")).identification["status|E"] // => { count: 40, rate: 0.04 }
 */
export async function duckdbAggregates(folder: string, asOf: string, threads?: number): Promise<SharedAggregates> {
  if (!existsSync(folder)) throw new Error(`duckdbAggregates: no folder ${folder}`);
  const instance = await DuckDBInstance.create(":memory:", threads === undefined ? {} : { threads: String(threads) });
  const connection = await instance.connect();
  const statements = duckdbSql(folder, asOf);
  const results: Row[][] = [];
  for (const sql of statements) results.push((await connection.runAndReadAll(sql)).getRowObjectsJS() as Row[]);
  connection.closeSync();
  instance.closeSync();
  const [attainmentRows = [], identificationRows = [], attendanceRows = []] = results.slice(-3);
  const out: SharedAggregates = { asOf, attainment: {}, gaps: {}, identification: {}, attendance: {} };
  for (const r of attainmentRows) {
    const n = Number(r.n);
    const count = num(r.count);
    const higherCount = num(r.higher_count);
    out.attainment[`${String(r.subject)}|${String(r.measure)}|${String(r.point)}|${String(r.grp)}`] = {
      n, count, rate: count === null ? null : count / n, higherCount, higherRate: higherCount === null ? null : higherCount / n,
      mean: num(r.mean),
    };
  }
  for (const [key, cell] of Object.entries(out.attainment)) {
    const [subject, measure, point, group] = key.split("|");
    if (group !== "K" && group !== "E" && group !== "SEN") continue;
    const none = out.attainment[`${subject}|${measure}|${point}|N`];
    if (none === undefined) continue;
    const diff = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? null : a - b);
    out.gaps[key] = { expected: diff(cell.rate, none.rate), higher: diff(cell.higherRate, none.higherRate), mean: diff(cell.mean, none.mean) };
  }
  for (const r of identificationRows) {
    const figures: Figures = { count: Number(r.count), rate: num(r.rate) };
    if (r.kind === "onRoll") out.identification.onRoll = figures;
    else if (r.kind === "status") out.identification[`status|${String(r.grp)}`] = figures;
    else out.identification[`need|${String(r.grp)}|${String(r.need)}`] = figures;
  }
  for (const r of attendanceRows) {
    const n = Number(r.n);
    const possible = Number(r.possible);
    const attended = Number(r.attended);
    const persistent = Number(r.persistent);
    const severe = Number(r.severe);
    out.attendance[String(r.grp)] = {
      n, possible, attended, attendanceRate: possible > 0 ? attended / possible : null,
      persistent, persistentRate: persistent / n, severe, severeRate: severe / n,
    };
  }
  return out;
}

/**
 * The DuckDB side as a command: `<folder> --as-of yyyy-mm-dd [--json] [--threads n]`. Prints the aggregates as
 * JSON with `--json`, else a one-line summary. Returns the exit status.
 * @example
 * await duckdbMain(["/tmp/trust", "--as-of", "2026-07-17"]) // => 0 (prints "attainment cells 225, on roll 100000")
 */
export async function duckdbMain(argv: readonly string[]): Promise<number> {
  const folder = argv[0];
  const option = (name: string) => {
    const at = argv.indexOf(name);
    return at > 0 ? argv[at + 1] : undefined;
  };
  const asOf = option("--as-of");
  const threads = option("--threads");
  if (folder === undefined || asOf === undefined) {
    process.stderr.write("usage: duckdb-aggregates <folder> --as-of yyyy-mm-dd [--json] [--threads n]\n");
    return 2;
  }
  const result = await duckdbAggregates(folder, asOf, threads === undefined ? undefined : Number(threads));
  if (argv.includes("--json")) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(`attainment cells ${Object.keys(result.attainment).length}, on roll ${result.identification.onRoll?.count ?? 0}\n`);
  return 0;
}
