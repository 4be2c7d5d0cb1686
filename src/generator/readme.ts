/**
 * The sample school's README, written by the generator so it always matches the files: what each file is,
 * its layout and encoding, the true intervention effects, the raw gains they produced, and the deliberate
 * problems.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { AS_AT } from "./calendar.js";
import { FILES, EXPECTED_PROBLEMS_FILE, type ExpectedProblem, type SchoolEvents } from "./files.js";
import { INTERVENTIONS, type TrueEffect } from "./interventions.js";
import { STANDARDISED_NOISE_SD } from "./measure.js";
import { senStatusOn } from "./school.js";

const pct = (a: number, b: number): string => (b === 0 ? "–" : `${((100 * a) / b).toFixed(1)}%`);

const effectText = (e: TrueEffect): string =>
  e.kind === "readingAgeRate"
    ? `+${e.extraMonthsPerMonth} months of reading age per month elapsed, on top of normal progress`
    : e.kind === "standardisedPoints"
      ? `+${e.points} standardised points`
      : "none";

const PROBLEM_TEXT: Readonly<Record<string, string>> = {
  "upn-check-letter": "a pupil whose UPN has the wrong check letter (the pupil has no other rows anywhere)",
  "duplicate-pupil": "a pupil repeated with the same UPN and a different date of birth (the second row is the problem)",
  "out-of-range": "a standardised score of 412",
  "bad-date": "the impossible date 2025-02-31",
  "legacy-sen-status": "an EHC plan spell written with the legacy code S (statement)",
  "attended-exceeds-possible": "more sessions attended than possible",
  "unknown-pupil": "an intervention place for a valid UPN that is in no pupils file",
  "missing-need": "an open SEN support spell with no primary need",
};

/**
 * Write README.md for a single generated school.
 * @example
 * writeReadme("fixtures/sample-school", events, expected, 20261123) // writes fixtures/sample-school/README.md
 */
export function writeReadme(dir: string, ev: SchoolEvents, expected: readonly ExpectedProblem[], seed: number): void {
  const roll = ev.school.pupils.filter((p) => p.leaving === null);
  const k = roll.filter((p) => senStatusOn(p, AS_AT) === "K").length;
  const e = roll.filter((p) => senStatusOn(p, AS_AT) === "E").length;
  const lines: string[] = [];
  lines.push(
    "# Sample school (synthetic)",
    "",
    "**Everything in this folder is synthetic.** No real pupil, school or member of staff is described: names are",
    "drawn at random from lists of common names, UPNs are made up (with valid check letters), and every score comes",
    `from a seeded model. It is written by \`npm run fixtures\` (\`src/generator/\`, seed ${seed}); do not edit it by`,
    "hand — a test regenerates it and compares bytes.",
    "",
    `A primary school with ${roll.length} pupils on roll (Reception–Year 6 in 2025/26) plus the Year 6 leavers of`,
    "2023/24 and 2024/25, data for 2023/24–2025/26, exported as at 17 July 2026. On roll at the export date:",
    `SEN support ${k} (${pct(k, roll.length)}), EHC plan ${e} (${pct(e, roll.length)}).`,
    "",
    "## Files",
    "",
    "| file | kind | layout | encoding | line ends |",
    "|---|---|---|---|---|",
  );
  const fileRows: [keyof typeof FILES, string, string][] = [
    ["pupils", "pupils", "sims"], ["sen", "senRegister", "sims"], ["assessments", "assessments", "arbor (long)"],
    ["standardised", "assessments", "generic-style wide"], ["interventions", "interventions", "arbor"],
    ["attendance", "attendance", "sims"], ["suspensions", "suspensions", "arbor"], ["targets", "targets", "generic"],
    ["ehcRequests", "ehcRequests", "sims-style captions"],
  ];
  for (const [key, kind, layout] of fileRows) {
    const f = FILES[key];
    const enc = f.format.encoding === "utf16le" ? "UTF-16LE" : f.format.encoding === "utf8" ? "UTF-8" : "Windows-1252";
    lines.push(`| \`${f.name}\` | ${kind} | ${layout} | ${enc}${f.format.bom ? " with BOM" : ""} | ${f.format.eol === "\r\n" ? "CRLF" : "LF"} |`);
  }
  lines.push(
    "",
    "Value styles: SIMS files write dates dd/mm/yyyy, flags Yes/No, year groups \"Reception\"/\"Year 3\"; Arbor and",
    "generic files write ISO dates. `arbor-assessments.csv` is long (one row per pupil × subject × measure × point;",
    "points like \"Autumn 2024\" = autumn of 2024/25; reading ages like \"8y 2m\") and holds reading ages, writing",
    "teacher assessment, KS2 scaled scores, phonics marks and MTC scores. `nfer-standardised-wide.csv` holds the",
    "termly standardised scores, one row per pupil × point (\"2024/25 autumn\"), an empty cell = not assessed.",
    "Intervention entry/exit reading ages are plain months. Pupils working below the curriculum (PK/EM) have no",
    "KS2 test or MTC rows.",
    "The pupil list's `Reg Group` is the registration class: two classes per year group (\"3A\", \"3B\"; Reception",
    "\"RA\", \"RB\"), chosen by a hash of the pupil (seeded), with no effect built in: the classes differ by chance alone.",
    "",
    "## Measurement model",
    "",
    `Standardised score = 100 + 15·z + noise with SD ${STANDARDISED_NOISE_SD.toFixed(2)} (reliability 0.85), clamped 69–141;`,
    "reading age = chronological age + 12·z·(age/96) + N(0, 3.5) months; z is the pupil's latent attainment (lower on",
    "average for SEN pupils, a little lower for disadvantaged pupils) with a small per-pupil drift. See",
    "`src/generator/measure.ts`.",
    "",
    "## Interventions and their TRUE effects",
    "",
    "Effects are at full attendance and scale with sessions attended ÷ planned. They are built into the pupils'",
    "latent attainment, so they also show in later termly assessments. Ratio gain = months of reading age gained ÷",
    "months elapsed (days ÷ 30.44); low attainers' normal progress is a little under 1 month per month, so the",
    "reading-age interventions' true ratio gain is about 2.5 after attendance. Gains are raw (noisy, small groups).",
    "",
    "| intervention | measure | selection | true effect | places | raw mean entry→exit gain | raw mean ratio gain |",
    "|---|---|---|---|---|---|---|",
  );
  for (const spec of INTERVENTIONS) {
    const places = ev.placements.filter((x) => x.spec === spec);
    const gains = places.flatMap((x) => (x.entryScore !== null && x.exitScore !== null ? [x.exitScore - x.entryScore] : []));
    const mean = gains.length === 0 ? "–" : (gains.reduce((s, g) => s + g, 0) / gains.length).toFixed(1);
    const ratios = places.flatMap((x) => (spec.measure === "readingAge" && x.entryScore !== null && x.exitScore !== null
      ? [(x.exitScore - x.entryScore) / ((x.end - x.start) / 30.4375)] : []));
    const ratio = ratios.length === 0 ? "–" : (ratios.reduce((s, g) => s + g, 0) / ratios.length).toFixed(2);
    const selection = {
      teacher: "teacher judgement (low last termly score + own view; fresh entry test)",
      lowestObserved: "lowest observed scores on the last termly test (that score is the entry score)",
      random: "at random", semh: "SEMH needs",
    }[spec.selection];
    lines.push(`| ${spec.name} | ${spec.measure ?? "none"} | ${selection} | ${effectText(spec.effect)} | ${places.length} | ${mean} | ${ratio} |`);
  }
  lines.push(
    "",
    "\"Maths booster club\" has NO true effect: its positive raw gain is regression to the mean. \"Comprehension",
    "club\" has no effect and no selection bias. A comparison with similar pupils who were not in an intervention",
    "over the same period recovers the true effects.",
    "",
    `Pupils with an EHC plan on roll for a whole year also have "Additional adult support (EHC plan)" (${ev.placements.filter((x) => x.spec.code === "AAS").length} places`,
    "over 2024/25 and 2025/26): a TA or HLTA every school day (190 sessions) for 1 to 2½ hours, 1:1 or shared by two,",
    "costed at £18 (TA) or £22 (HLTA) an hour; a few pupils' provision costs more than the £6,000 a school meets",
    "from its notional SEN budget (see `src/generator/support.ts`).",
    "",
    "## Deliberate problems",
    "",
    `Exactly these, listed in \`${EXPECTED_PROBLEMS_FILE}\` (line = physical line, header = line 1; column = the`,
    "header as written). Nothing else in the files is meant to be wrong.",
    "",
    "| file | line | column | severity | code | what |",
    "|---|---|---|---|---|---|",
  );
  for (const p of expected) {
    lines.push(`| \`${p.file}\` | ${p.line} | ${p.column} | ${p.severity} | \`${p.code}\` | ${PROBLEM_TEXT[p.code] ?? ""} |`);
  }
  writeFileSync(join(dir, "README.md"), lines.join("\n") + "\n");
}
