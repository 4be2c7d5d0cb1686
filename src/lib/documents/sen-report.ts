/**
 * The data sections of the SEN information report a school publishes on its website every year (SEND
 * Regulations 2014, Schedule 1; SEND Code of Practice 6.79–6.83), in plain English, from the report published
 * for the public (`buildReport` with audience `public`: groups under 6 hidden, counts rounded to the nearest 5,
 * the suppression audited by linear programming, no identifier). Every figure is read from that one report,
 * with its path, so the audit that passed the report passed every number printed here.
 */
import { NEED_LABELS, SEN_STATUS_LABELS, type NeedCode } from "../../data/codes.js";
import { InvalidArgumentError } from "../errors.js";
import type { SendscopeReport } from "../report/schema.js";
import { type Block, type DocSection, type DocumentModel, type Inline } from "./document.js";
import { dateLabel } from "../format/text.js";
import { countText, figureAt, HIDDEN_TEXT, type JsonPath, percentText, textAt } from "./figures.js";

/** Options of `senInformationReport`. */
export interface SenReportOptions {
  /** The school's name; default the report's, else "the school". */
  schoolName?: string | null;
  /** The date the document is prepared (yyyy-mm-dd): printed as such. The figures' date is the report's. */
  preparedOn: string;
}

/**
 * The four broad areas of need of the SEND Code of Practice (6.28–6.35) and the census types of need in each.
 * `OTH` (other difficulty) and `NSA` (no specialist assessment) belong to none.
 * @example
 * BROAD_AREAS_OF_NEED[0].needs // => ["SLCN", "ASD"]
 */
export const BROAD_AREAS_OF_NEED: ReadonlyArray<{ area: string; needs: readonly NeedCode[] }> = [
  { area: "Communication and interaction", needs: ["SLCN", "ASD"] },
  { area: "Cognition and learning", needs: ["SPLD", "MLD", "SLD", "PMLD"] },
  { area: "Social, emotional and mental health", needs: ["SEMH"] },
  { area: "Sensory and/or physical needs", needs: ["HI", "VI", "MSI", "PD"] },
];

/** Plain words for an intervention's verdict (the same words as the dashboards' `verdictLabel`). */
const VERDICT_WORDS: Record<string, string> = {
  "clear-impact": "clear impact",
  "no-clear-evidence": "no clear evidence of impact",
  "clear-decline": "did worse than similar pupils",
  "too-few": "too few results to tell",
  "not-measured": "not measured",
};

/** The items of Schedule 1 that a school writes itself (this document gives the figures for items 1 and 3(a)). */
const SCHEDULE_1_TO_WRITE = [
  "the school's policies for identifying and assessing pupils with SEN (item 2)",
  "how pupils' progress is assessed and reviewed, the approach to teaching, how the curriculum and learning environment are adapted, the extra support available, how pupils with SEN join in all the school's activities, and support for emotional, mental and social development (item 3(b)–(g))",
  "the name and contact details of the SENCO (item 4)",
  "staff expertise and training, and how specialist expertise, equipment and facilities are secured (items 5 and 6)",
  "how parents and pupils are consulted and involved (items 7 and 8)",
  "how complaints are handled, how other bodies (health, social care, the local authority's services) are involved, and contact details of support services for parents (items 9–11)",
  "support for moving between phases of education and preparing for adulthood (item 12)",
  "where the local authority publishes its local offer (item 13)",
];

function index<T>(array: readonly T[], predicate: (x: T) => boolean): number {
  return array.findIndex(predicate);
}

/** "May 2025" from "2025-05-05". */
function monthYear(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
}

/**
 * The SEN information report's data sections for the public, built from a report disclosed for the public
 * (`analyseFolder(folder, { audience: "public" })`). Sections: pupils on SEN support and with EHC plans against
 * a year earlier and national (naming the national figure); the four broad areas of need; how the school
 * evaluates its provision and what that showed (each intervention's verdict and account, EHC plan reviews on
 * time); outcomes of pupils with SEN (phonics, KS2 reading, writing and maths, the gap trends); attendance and
 * suspensions; and what the school must still write itself. Hidden figures print "hidden"; nothing is added
 * up or worked out here, so no figure exists that the report's audit did not see.
 * @param report the report, disclosed for the public
 * @param options `preparedOn` (the document's date), `schoolName`
 * @throws {InvalidArgumentError} when the report was not disclosed for the public
 * @example
 * const doc = senInformationReport(buildReport(data, { audience: "public" }), { preparedOn: "2026-07-01" });
 * doc.sections[0].title // => "Pupils with special educational needs"
 */
export function senInformationReport(report: SendscopeReport, options: SenReportOptions): DocumentModel {
  if (report.meta.audience !== "public") {
    throw new InvalidArgumentError("senInformationReport", `the SEN information report is published, so it is made from a report disclosed for the public (audience "public"); got "${report.meta.audience}"`);
  }
  const meta = report.meta;
  const school = options.schoolName ?? meta.schoolName ?? null;
  const asOf = meta.generatedFor;
  const how = meta.asOfSource === "option" ? "the date asked for" : `the ${meta.asOfSource} in the school's data`;
  return {
    title: `SEN information report ${meta.academicYear}: the figures`,
    subtitle: school,
    dateLines: [
      `Figures as at ${dateLabel(asOf)} (${how}); attendance and suspensions are for the academic year ${meta.academicYear}.`,
      `Prepared on ${dateLabel(options.preparedOn)}.`,
    ],
    marking: null,
    sections: [
      pupilsSection(report),
      needsSection(report),
      provisionSection(report),
      outcomesSection(report),
      attendanceSection(report),
      aboutSection(report),
    ],
    footer: `Made with sendscope from the school's own records, as published for the public: groups of fewer than ${meta.disclosure.threshold} pupils are hidden, counts are rounded to the nearest ${meta.disclosure.roundCountsTo ?? 1}, and no child is named.`,
  };
}

function pupilsSection(report: SendscopeReport): DocSection {
  const id = report.identification;
  const row = (label: string, list: "senStatus" | "senAny", group: string): Inline[][] => {
    const now = index(id[list], (c) => c.group === group && !c.isTotal);
    const before = index(id.previous[list], (c) => c.group === group && !c.isTotal);
    const nat = index(id.national, (x) => x.measure === "senShare" && x.group === group);
    return [
      [label],
      [figureAt(report, ["identification", list, now, "count"])],
      [figureAt(report, ["identification", list, now, "rate"], percentText)],
      [figureAt(report, ["identification", "previous", list, before, "count"])],
      [figureAt(report, ["identification", "previous", list, before, "rate"], percentText)],
      [nat < 0 ? "–" : figureAt(report, ["identification", "national", nat, "gap", "nationalRate"], percentText)],
    ];
  };
  const total = index(id.senStatus, (c) => c.isTotal === true);
  const blocks: Block[] = [
    {
      kind: "paragraph",
      parts: [
        `On ${dateLabel(id.asOf)} there were `, figureAt(report, ["identification", "senStatus", total, "count"]),
        ` pupils on roll. Pupils on SEN support have extra help planned and reviewed by the school; pupils with an education, health and care (EHC) plan have a plan issued by the local authority.`,
      ],
    },
    {
      kind: "table",
      caption: `Pupils with SEN on ${dateLabel(id.asOf)}, a year earlier (${dateLabel(id.previousAsOf)}) and nationally`,
      head: ["Group", "Pupils", "Share of pupils", "Pupils a year earlier", "Share a year earlier", "National share"],
      rows: [row("SEN support", "senStatus", "K"), row("EHC plan", "senStatus", "E"), row("Any SEN", "senAny", "SEN")],
    },
  ];
  const bands: Inline[] = [];
  const seen = new Set<string>();
  for (const [i, x] of id.national.entries()) {
    if (x.measure !== "senShare") continue;
    const label = x.group === "SEN" ? "any SEN" : SEN_STATUS_LABELS[x.group as "K" | "E"];
    const p: JsonPath = ["identification", "national", i, "gap"];
    bands.push(`${bands.length === 0 ? "" : "; "}${label}: `, textAt(report, [...p, "band"], bandWords));
    const source = `${x.gap.nationalSource}|${x.gap.nationalYear}|${x.gap.nationalScope}`;
    if (seen.has(source)) continue;
    seen.add(source);
    const groups = id.national.filter((y) => y.measure === "senShare" && `${y.gap.nationalSource}|${y.gap.nationalYear}|${y.gap.nationalScope}` === source)
      .map((y) => (y.group === "SEN" ? "any SEN" : SEN_STATUS_LABELS[y.group as "K" | "E"]));
    blocks.push({
      kind: "note",
      parts: [
        `National share (${groups.join(", ")}): `, textAt(report, [...p, "nationalSource"]), ", ", textAt(report, [...p, "nationalYear"]),
        "; ", textAt(report, [...p, "nationalScope"]), ".",
      ],
    });
  }
  if (bands.length > 0) blocks.push({ kind: "paragraph", parts: ["Against the national share, the school's share of pupils with ", ...bands, "."] });
  return { title: "Pupils with special educational needs", blocks };
}

function bandWords(band: string): string {
  if (band === "close to") return "close to it (the difference could be chance)";
  return `${band} it`;
}

function needsSection(report: SendscopeReport): DocSection {
  const mix = report.identification.needMix;
  const cellFor = (status: "K" | "E", need: string): Inline => {
    const i = index(mix, (c) => c.partition.endsWith(`|${status}`) && c.group === need && !c.isTotal);
    return i < 0 ? "none" : figureAt(report, ["identification", "needMix", i, "count"]);
  };
  const rows: Inline[][][] = [];
  for (const { area, needs } of BROAD_AREAS_OF_NEED) {
    for (const need of needs) {
      const label = NEED_LABELS[need] === area ? area : `${area}: ${NEED_LABELS[need]}`;
      rows.push([[label], [cellFor("K", need)], [cellFor("E", need)]]);
    }
  }
  for (const need of ["OTH", "NSA", "unknown"] as const) {
    const present = mix.some((c) => c.group === need);
    if (!present) continue;
    const label = need === "unknown" ? "Type of need not recorded" : NEED_LABELS[need];
    rows.push([[`Not in one of the four areas: ${label}`], [cellFor("K", need)], [cellFor("E", need)]]);
  }
  const blocks: Block[] = [
    {
      kind: "paragraph",
      parts: [
        "The SEND Code of Practice (6.28–6.35) groups needs in four broad areas: communication and interaction; cognition and learning; social, emotional and mental health; sensory and/or physical. ",
        "The table counts pupils by their main (primary) need, as recorded in the school census.",
      ],
    },
    { kind: "table", caption: `Pupils by main type of need on ${dateLabel(report.identification.asOf)}`, head: ["Area of need: type of need", "SEN support", "EHC plan"], rows },
    { kind: "note", parts: [`A "${HIDDEN_TEXT}" figure is a small group left out so that no child can be identified; the areas are not added up for the same reason.`] },
  ];
  for (const [i, x] of report.identification.national.entries()) {
    if (x.measure !== "primaryNeedShare" || x.need === null) continue;
    const p: JsonPath = ["identification", "national", i, "gap"];
    const status = x.group === "E" ? "with an EHC plan" : "on SEN support";
    blocks.push({
      kind: "paragraph",
      parts: [
        `${NEED_LABELS[x.need as NeedCode] ?? x.need} was the main need of `, figureAt(report, [...p, "rate"], percentText),
        ` of our pupils ${status}, against `, figureAt(report, [...p, "nationalRate"], percentText), " nationally (",
        textAt(report, [...p, "nationalSource"]), ", ", textAt(report, [...p, "nationalYear"]), ").",
      ],
    });
  }
  return { title: "The four broad areas of need", blocks };
}

function provisionSection(report: SendscopeReport): DocSection {
  const list = report.interventions.interventions;
  const blocks: Block[] = [
    {
      kind: "paragraph",
      parts: [
        "We check every intervention against what pupils would have made without it. Each pupil's scores before and after are compared with those of similar pupils in the same year group who were not in it, ",
        "because pupils chosen for low scores tend to score higher on a second test anyway. An intervention shows clear impact only when the difference is larger than chance would explain.",
      ],
    },
  ];
  if (list.length === 0) {
    blocks.push({ kind: "paragraph", parts: ["No interventions were recorded in the provision map for this period."] });
  } else {
    blocks.push({
      kind: "table",
      caption: `Interventions and what they showed (up to ${dateLabel(report.interventions.asOf)})`,
      head: ["Intervention", "Pupils", "From", "To", "What it showed"],
      rows: list.map((x, i) => {
        const p: JsonPath = ["interventions", "interventions", i];
        return [
          [textAt(report, [...p, "intervention"])],
          [figureAt(report, [...p, "n"], (n) => `about ${countText(n)}`)],
          [textAt(report, [...p, "startDate"], monthYear)],
          [x.endDate === null ? "continuing" : textAt(report, [...p, "endDate"], monthYear)],
          [x.impact === null ? "not measured" : textAt(report, [...p, "impact", "verdict"], (v) => VERDICT_WORDS[v] ?? v)],
        ];
      }),
    });
    const accounts = list.flatMap((x, i) => (typeof x.narrative === "string" ? [[textAt(report, ["interventions", "interventions", i, "narrative"])]] : []));
    if (accounts.length > 0) blocks.push({ kind: "list", items: accounts });
  }
  const cells = report.reviews.cells;
  const all = index(cells, (c) => c.partition.endsWith("|status") && c.isTotal === true);
  const overdue = index(cells, (c) => c.partition.endsWith("|status") && c.status === "overdue");
  if (all >= 0 && overdue >= 0) {
    const late = figureAt(report, ["reviews", "cells", overdue, "count"]);
    blocks.push({
      kind: "paragraph",
      parts: [
        `EHC plans are reviewed with the family at least every 12 months (SEND Code of Practice 9.166). On ${dateLabel(report.reviews.asOf)} the school had `,
        figureAt(report, ["reviews", "cells", all, "count"]), " pupils with EHC plans",
        ...(late.value === null ? ["; how many were overdue for their annual review is ", late, " to protect privacy."] : [", of whom ", late, " were overdue for their annual review."]),
      ],
    });
  }
  return { title: "How we evaluate the effectiveness of our provision", blocks };
}

/** Rows of a year-by-year SEN / no SEN table from cells with `academicYear`, `dimension` senAny and `group`. */
function yearRows(
  report: SendscopeReport,
  root: JsonPath,
  cells: ReadonlyArray<{ academicYear: string; dimension: string; group: string }>,
  keep: (index: number) => boolean = () => true,
): Inline[][][] {
  const ok = (c: { dimension: string }, i: number) => c.dimension === "senAny" && keep(i);
  const years = [...new Set(cells.filter(ok).map((c) => c.academicYear))].sort();
  return years.map((year) => {
    const cell = (group: string): Inline[] => {
      const i = cells.findIndex((c, j) => ok(c, j) && c.academicYear === year && c.group === group);
      if (i < 0) return ["–"];
      const rate = figureAt(report, [...root, i, "rate"], percentText);
      const n = figureAt(report, [...root, i, "n"]);
      return n.value === null ? [rate] : [rate, " of ", n];
    };
    return [[year], cell("SEN"), cell("N"), cell("all")];
  });
}

function outcomesSection(report: SendscopeReport): DocSection {
  const blocks: Block[] = [];
  const cells = report.attainment.cells;
  const phonics = (i: number) => cells[i]!.measure === "phonicsMark" && cells[i]!.term === "summer" && cells[i]!.yearGroup === 1;
  if (cells.some((_, i) => phonics(i))) {
    const rows = yearRows(report, ["attainment", "cells"], cells, phonics);
    blocks.push({ kind: "table", caption: "Year 1 pupils meeting the phonics standard (32 or more of 40)", head: ["Year", "Pupils with SEN", "Pupils without SEN", "All pupils"], rows });
    blocks.push(...nationalNote(report, "phonicsMet"));
  }
  if (report.ks2Rwm.cells.length > 0) {
    blocks.push({
      kind: "table",
      caption: "Year 6 pupils at the expected standard in reading, writing and maths together (KS2)",
      head: ["Year", "Pupils with SEN", "Pupils without SEN", "All pupils"],
      rows: yearRows(report, ["ks2Rwm", "cells"], report.ks2Rwm.cells),
    });
    blocks.push(...nationalNote(report, "ks2Rwm"));
  }
  if (blocks.length === 0) blocks.push({ kind: "paragraph", parts: ["The school's data holds no phonics or KS2 results to report."] });
  blocks.unshift({
    kind: "paragraph",
    parts: ["Each figure is the share of pupils in the group who met the standard, with the number of pupils it is out of. Groups this small change a lot from year to year, so a single year says little on its own."],
  });
  const trends = report.gaps.trends;
  if (trends.length > 0) {
    blocks.push({ kind: "paragraph", parts: ["Is the gap between pupils with and without SEN closing?"] });
    blocks.push({
      kind: "list",
      items: trends.map((_, i) => [textAt(report, ["gaps", "trends", i, "label"]), ": ", textAt(report, ["gaps", "trends", i, "verdict"])]),
    });
  }
  return { title: "Outcomes for pupils with SEN", blocks };
}

function nationalNote(report: SendscopeReport, measure: string): Block[] {
  const i = index(report.gaps.national, (x) => x.measure === measure && x.group === "all");
  if (i < 0) return [];
  const p: JsonPath = ["gaps", "national", i, "gap"];
  return [{
    kind: "note",
    parts: [
      "Nationally, all pupils: ", figureAt(report, [...p, "nationalRate"], percentText), " (", textAt(report, [...p, "nationalSource"]), ", ",
      textAt(report, [...p, "nationalYear"]), "; ", textAt(report, [...p, "nationalScope"]), ").",
    ],
  }];
}

function attendanceSection(report: SendscopeReport): DocSection {
  const cells = report.attendance.cells;
  const groups: Array<[string, string]> = [["K", "SEN support"], ["E", "EHC plan"], ["N", "No SEN"], ["all", "All pupils"]];
  const rows = groups.flatMap(([group, label]) => {
    const i = index(cells, (c) => c.dimension === "senStatus" && c.group === group);
    if (i < 0) return [];
    const nat = index(report.attendance.national, (x) => x.group === group);
    const p: JsonPath = ["attendance", "cells", i];
    return [[
      [label], [figureAt(report, [...p, "n"])], [figureAt(report, [...p, "attendanceRate"], percentText)],
      [figureAt(report, [...p, "rate"], percentText)],
      [nat < 0 ? "–" : figureAt(report, ["attendance", "national", nat, "gap", "nationalRate"], percentText)],
    ]];
  });
  const blocks: Block[] = [
    {
      kind: "paragraph",
      parts: [
        `Attendance over ${report.attendance.terms.join(", ")} ${report.attendance.academicYear}. A pupil is persistently absent when they miss 10% or more of their sessions. `,
        `Pupils are grouped by their SEN status on ${dateLabel(report.attendance.statusDate)} (census day), as the national statistics group them.`,
      ],
    },
    { kind: "table", caption: `Attendance ${report.attendance.academicYear}`, head: ["Group", "Pupils", "Attendance", "Persistently absent", "Persistently absent nationally"], rows },
  ];
  const nat = index(report.attendance.national, (x) => x.gap.nationalSource !== null);
  if (nat >= 0) {
    const p: JsonPath = ["attendance", "national", nat, "gap"];
    blocks.push({ kind: "note", parts: ["National figures: ", textAt(report, [...p, "nationalSource"]), "; ", textAt(report, [...p, "nationalScope"]), ". They are for one autumn term; the school's are for the whole year so far."] });
  }
  const susp = report.suspensions.cells;
  const srows = groups.flatMap(([group, label]) => {
    const i = index(susp, (c) => c.dimension === "senStatus" && c.group === group);
    if (i < 0) return [];
    const p: JsonPath = ["suspensions", "cells", i];
    return [[[label], [figureAt(report, [...p, "count"])], [figureAt(report, [...p, "suspensions"])], [figureAt(report, [...p, "permanentExclusions"])]]];
  });
  if (srows.length > 0) {
    blocks.push({ kind: "table", caption: `Suspensions and permanent exclusions ${report.suspensions.academicYear}`, head: ["Group", "Pupils suspended", "Suspensions", "Permanent exclusions"], rows: srows });
  }
  return { title: "Attendance and suspensions of pupils with SEN", blocks };
}

function aboutSection(report: SendscopeReport): DocSection {
  const d = report.meta.disclosure;
  return {
    title: "About these figures, and what the rest of the report says",
    blocks: [
      {
        kind: "paragraph",
        parts: [
          `The figures come from the school's own records (its management information system and assessments). To protect children's privacy, any group of fewer than ${d.threshold} pupils is hidden, `,
          `as is any figure from which a hidden one could be worked out, and counts are rounded to the nearest ${d.roundCountsTo ?? 1}, so shares are worked out from rounded counts. `,
          "Where a figure says hidden, the school knows it but does not publish it.",
        ],
      },
      {
        kind: "paragraph",
        parts: ["These are the data sections of the report (Schedule 1, items 1 and 3(a), of the SEND Regulations 2014). The rest of the report, written by the school, gives:"],
      },
      { kind: "list", items: SCHEDULE_1_TO_WRITE.map((s) => [s]) },
    ],
  };
}
