/**
 * The top-up evidence pack of one pupil (issue #15): what a local authority asks for with a request for
 * top-up funding (element 3) or an EHC needs assessment. One source: it is the SENCO's pupil profile
 * (`pupilProfileDocument` of `pupilTimeline`: the same sections and figures) with the costed provision map
 * of the report's `provision` section (`pupilProvisionCosts`: each placement's group size, weeks, sessions a
 * week, session length, staff role and hourly rate, cost and how it was costed) and the pupil's annual cost
 * against the £6,000 threshold and the authority's top-up band, each section dated. CONFIDENTIAL.
 */
import type { Block, DocSection, DocumentModel } from "./document.js";
import { dateLabel } from "../format/text.js";
import type { PupilTimeline } from "./pupil-timeline.js";
import { pounds, pupilProfileDocument, type PupilDocumentOptions } from "./pupil-documents.js";
import type { PupilProvisionCosts } from "../provision/pupil-costs.js";
import { placementWeeks } from "../provision/weeks.js";
import { yearBounds } from "../provision/years.js";


/** "academic year 2025/26" or "financial year 2025-26 (April to March)". */
function yearWords(kind: "academic" | "financial", year: string): string {
  return kind === "academic" ? `academic year ${year} (September to August)` : `financial year ${year} (April to March)`;
}

function shortDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

const dated = (text: string): Block => ({ kind: "note", parts: [text] });

/**
 * The costed provision map section: one row per placement in the basis year, the pupil's annual cost against
 * the threshold (the excess, and the authority's band when the costs file gives bands), the cost in the other
 * kind of year, and the basis statement of the report.
 */
function costedProvisionSection(t: PupilTimeline, costs: PupilProvisionCosts): DocSection {
  const b = costs.basis;
  const th = costs.threshold;
  const bounds = yearBounds(b.yearKind, b.year);
  const year = yearWords(b.yearKind, b.year);
  const blocks: Block[] = [dated(`Dated: the ${year}, ${dateLabel(bounds.start)} to ${dateLabel(bounds.end)}; costed on ${dateLabel(t.asOf)} with the rates below.`)];
  const row = costs.row;
  const roleLabel = new Map(b.rates.map((r) => [r.role, r.label]));
  if (row === null || row.placements.length === 0) {
    blocks.push({ kind: "paragraph", parts: [`The provision map holds no costed placement for this pupil in the ${year}: the annual cost of additional support is £0.00, below the ${pounds(th.amount)} threshold.`] });
  } else {
    blocks.push({
      kind: "table", caption: `Costed provision map, ${year}`,
      head: ["Provision", "Dates (about weeks)", "Sessions (about a week) × length", "Group size", "Staff role and rate", "Cost of the placement", `Cost in ${b.year}`, "How costed"],
      rows: row.placements.map((q) => {
        const w = placementWeeks(q.start, q.end, q.sessions, b.workingWeeks);
        return [
          q.intervention,
          `${shortDate(q.start)} to ${shortDate(q.end)} (${w.weeks} weeks)`,
          `${q.sessions === null ? "–" : `${Math.round(q.sessions * 10) / 10}${w.sessionsPerWeek === null ? "" : ` (${w.sessionsPerWeek} a week)`}`} × ${q.minutesPerSession === null ? "–" : `${q.minutesPerSession} min`}`,
          q.groupSize === null ? "–" : q.groupSize === 1 ? "1 (1:1)" : String(q.groupSize),
          q.role === null ? "–" : `${roleLabel.get(q.role) ?? q.role} (${q.role}), ${q.hourlyRate === null ? "no rate" : `${pounds(q.hourlyRate)} an hour`}`,
          q.cost === null ? "–" : pounds(q.cost),
          pounds(q.costInYear),
          q.basis === "export" ? "the cost in the export"
            : q.basis === "model" ? `sessions × hours × rate ÷ group size${q.resources > 0 ? ` + ${pounds(q.resources)} resources` : ""}` : "not costed",
        ].map((c) => [c]);
      }),
    });
    const verdict = row.aboveThreshold
      ? `above it by ${pounds(row.excess ?? row.cost - th.amount)} (${pounds(row.cost)} − ${pounds(th.amount)})`
      : row.nearThreshold ? `below it, within the ${pounds(th.margin)} margin (${pounds(th.amount - row.cost)} below)` : `below it by ${pounds(th.amount - row.cost)}`;
    const band = !row.aboveThreshold ? ""
      : row.band !== null ? ` The authority's top-up band that covers the excess: ${row.band} (${pounds(th.bands.find((x) => x.name === row.band)?.amount ?? 0)} a year).`
        : th.bands.length === 0 ? " No top-up bands are configured (topUpBands in sendscope.costs.json): the authority's band is not stated." : "";
    const otherKind = b.yearKind === "academic" ? "financial" : "academic";
    const otherYear = b.yearKind === "academic" ? b.financialYear : b.academicYear;
    blocks.push({
      kind: "paragraph",
      parts: [`Annual cost of additional support in the ${year}: ${pounds(row.cost)}, against the ${pounds(th.amount)} a mainstream school meets from its notional SEN budget (element 2): ${verdict}.${band} `,
        `In the ${yearWords(otherKind, otherYear)}: ${pounds(row.otherYearCost)}.`],
    });
  }
  for (const u of costs.uncosted) blocks.push({ kind: "paragraph", parts: [`Not costed: ${u.intervention} (${u.file}, line ${u.line}): ${u.reason}.`] });
  blocks.push({ kind: "note", parts: [`Rates including on-costs: ${b.rates.map((r) => `${r.label} ${pounds(r.hourlyRate)} an hour`).join(", ")} (${b.config === "defaults" ? "sendscope's default assumptions: replace them with the authority's own in sendscope.costs.json" : `from ${b.config}`}); ${b.workingWeeks} working weeks a year. Threshold: ${th.source}`] });
  blocks.push({ kind: "note", parts: [b.statement] });
  return { title: `Costed provision map and the £${th.amount.toLocaleString("en-GB")} threshold`, blocks };
}

/**
 * One pupil's top-up evidence pack: the pupil profile (`pupilProfileDocument`: about the pupil, SEN status
 * and needs over time, the EHC plan's annual review, provision over time with its outcomes, every
 * assessment, targets, attendance by term, suspensions) with the costed provision map and the annual cost
 * against the threshold inserted after the needs, and a line at the top of every section saying what date or
 * period it describes. Marked confidential. The costs are `pupilProvisionCosts` of the same data, date and
 * costs file, so they equal the SENCO report's `provision.pupils` row for the pupil.
 * @param t the pupil's timeline (`pupilTimeline(data, key, asOf)`)
 * @param costs the pupil's costs (`pupilProvisionCosts(data, t.pupil.pupilId, t.asOf, config)`)
 * @param options the school's name and the date prepared
 * @throws {Error} when the costs are for another pupil
 * @example
 * const t = pupilTimeline(data, "Y873210121037", "2026-06-22");
 * evidencePackDocument(t, pupilProvisionCosts(data, t.pupil.pupilId, t.asOf, costsConfig()), { preparedOn: "2026-07-01" }).title
 * // => "Top-up evidence pack: Harper Lefèvre"
 */
export function evidencePackDocument(t: PupilTimeline, costs: PupilProvisionCosts, options: PupilDocumentOptions): DocumentModel {
  if (costs.row !== null && costs.row.pupilId !== t.pupil.pupilId) throw new Error(`evidencePackDocument: the costs are for pupil ${costs.row.pupilId}, not ${t.pupil.pupilId}`);
  const profile = pupilProfileDocument(t, options);
  const section = (title: string): DocSection => {
    const s = profile.sections.find((x) => x.title === title);
    if (s === undefined) throw new Error(`evidencePackDocument: the profile has no section '${title}'`);
    return s;
  };
  const on = dateLabel(t.asOf);
  const withDate = (s: DocSection, when: string, title = s.title): DocSection => ({ title, blocks: [dated(`Dated: ${when}`), ...s.blocks] });
  const sections: DocSection[] = [
    withDate(section("About the pupil"), `the record on ${on}.`),
    withDate(section("SEN status and needs over time"), `the SEN register as exported, every spell up to ${on}.`),
    costedProvisionSection(t, costs),
    withDate(section("Provision"), `every placement in the provision map, up to ${on}, with its entry and exit measures.`, "Provision over time and its outcomes"),
    withDate(section("Assessments"), `every result up to ${on}.`, "Progress: every assessment"),
    withDate(section("Targets"), `each target judged on ${on} against the latest result on or before it.`, "Progress against targets"),
    withDate(section("Attendance by term"), "each term as the attendance export gives it.", "Attendance by term"),
    withDate(section("Suspensions"), `as recorded, up to ${on}.`),
  ];
  const review = profile.sections.find((x) => x.title === "EHC plan and annual review");
  sections.push(review !== undefined
    ? withDate(review, `the plan and its reviews as the SEN register records them; the review plan on ${on}.`, "The last review and the next")
    : { title: "The last review", blocks: [dated(`Dated: ${on}.`), { kind: "paragraph", parts: [`No EHC plan on ${on}: attach the latest SEN support plan and its review (assess, plan, do, review).`] }] });
  const p = t.pupil;
  return {
    title: `Top-up evidence pack: ${p.forename} ${p.surname}`,
    subtitle: options.schoolName ?? null,
    dateLines: [`The record up to ${on}; costs for the ${yearWords(costs.basis.yearKind, costs.basis.year)}.`, `Prepared on ${dateLabel(options.preparedOn)}.`],
    marking: "CONFIDENTIAL: special category data about one pupil (UK GDPR Article 9). For the SENCO and the local authority's SEN team, with a request for top-up funding or an EHC needs assessment; do not publish or send on.",
    sections,
    footer: "Made with sendscope from the school's own records of this pupil and its costed provision map: the same figures as the pupil profile and the SENCO's report.",
  };
}
