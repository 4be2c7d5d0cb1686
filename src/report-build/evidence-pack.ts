/**
 * The top-up evidence pack of one pupil (issue #15): what a local authority asks for with a request for
 * top-up funding or an EHC needs assessment, as one printable HTML page (no scripts, styles inside), each
 * section dated: the pupil and their SEN history, the costed provision map against the £6,000 threshold,
 * progress on each measure (and in each intervention) and against targets, attendance, and the last review.
 * CONFIDENTIAL: it names the pupil; for the SENCO and the local authority only.
 */
import type { SchoolData } from "../lib/schema/school-data.js";
import type { SendscopeReport } from "../lib/report/schema.js";
import { NEED_LABELS } from "../data/codes.js";
import { escapeHtml } from "./html.js";

const esc = (v: unknown): string => escapeHtml(v === null || v === undefined ? "–" : String(v));
const gbp = (x: number | null | undefined): string => (x === null || x === undefined ? "–" : `£${x.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
const STATUS: Record<string, string> = { N: "No SEN", K: "SEN support", E: "EHC plan" };

function table(caption: string, header: string[], rows: unknown[][], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${esc(caption)}: ${esc(empty)}</p>`;
  return `<table><caption>${esc(caption)}</caption><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead>`
    + `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("")}</tbody></table>`;
}

/**
 * One pupil's top-up evidence pack as a self-contained HTML page (see the module comment). Every section
 * names the date or period it describes; the costs are the SENCO report's `provision` (same basis, stated).
 * @param data the imported data
 * @param report the SENCO's report of the same data (`buildReport(data)`), for the costs
 * @param pupilId the pupil
 * @throws {Error} when the pupil is not in the data, or the report is not the SENCO's (no pupil costs)
 * @example
 * evidencePackHtml(data, buildReport(data), "Y873210121037").includes("Costed provision map") // => true
 */
export function evidencePackHtml(data: SchoolData, report: SendscopeReport, pupilId: string): string {
  const pupil = data.pupils.find((p) => p.pupilId === pupilId);
  if (pupil === undefined) throw new Error(`evidencePackHtml: no pupil ${pupilId} in the data`);
  const provision = report.provision;
  if (provision.pupils.rows.length === 0 && provision.pupils.removed !== undefined) throw new Error("evidencePackHtml: the report has no pupil costs (it is not the SENCO's)");
  const asOf = report.meta.generatedFor;
  const costRow = provision.pupils.rows.find((r) => r.pupilId === pupilId) ?? null;
  const spells = data.senRegister.filter((s) => s.pupilId === pupilId).sort((a, b) => ((a.startDate ?? "") < (b.startDate ?? "") ? -1 : 1));
  const lastSpell = spells[spells.length - 1];
  const results = data.assessments.filter((a) => a.pupilId === pupilId && a.date <= asOf).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const placements = data.interventions.filter((i) => i.pupilId === pupilId);
  const targets = data.targets.filter((t) => t.pupilId === pupilId);
  const attendance = data.attendance.filter((a) => a.pupilId === pupilId);
  const need = (n: string | null) => (n === null ? "–" : `${NEED_LABELS[n as keyof typeof NEED_LABELS] ?? n} (${n})`);
  const b = provision.basis;

  const sections = [
    `<section><h2>1. Pupil and SEN history <span class="dated">register as exported; status on ${esc(asOf)}</span></h2>`
      + `<p><b>${esc(`${pupil.forename} ${pupil.surname}`)}</b> · UPN ${esc(pupil.upn)} · born ${esc(pupil.dateOfBirth)} · year group ${esc(costRow?.yearGroup ?? pupil.yearGroup)} · ${esc(STATUS[costRow?.senStatus ?? lastSpell?.status ?? "N"])}</p>`
      + table("SEN register spells", ["From", "To", "Status", "Primary need", "Secondary need", "EHC plan date", "Last annual review"],
        spells.map((s) => [s.startDate, s.endDate ?? "open", STATUS[s.status], need(s.primaryNeed), need(s.secondaryNeed), s.ehcPlanDate, s.lastAnnualReview]), "not on the SEN register")
      + `</section>`,
    `<section><h2>2. Costed provision map <span class="dated">${esc(b.yearKind)} year ${esc(b.year)}</span></h2>`
      + table("Provision and its cost", ["Provision", "From", "To", "Sessions", "Minutes", "Group size", "Staff role", "£ an hour (with on-costs)", "Resources", "Cost of placement", `Cost in ${b.year}`, "How costed"],
        (costRow?.placements ?? []).map((q) => [q.intervention, q.start, q.end, q.sessions, q.minutesPerSession, q.groupSize, q.role, gbp(q.hourlyRate), gbp(q.resources), gbp(q.cost), gbp(q.costInYear), q.basis === "export" ? "cost in the export" : q.basis === "model" ? "hours × rate ÷ group size + resources" : "not costed"]), "no costed provision in the year")
      + `<p class="total">Annual cost of additional support, ${esc(b.year)}: <b>${gbp(costRow?.cost ?? 0)}</b> against the ${gbp(provision.threshold.amount)} a school meets from its notional SEN budget: `
      + `${costRow?.aboveThreshold ? `<b>above it by ${gbp(costRow.excess)}</b>${costRow.band ? ` (the authority's ${esc(costRow.band)})` : ""}` : costRow?.nearThreshold ? "within the margin below it" : "below it"}. `
      + `Other year (${esc(b.yearKind === "academic" ? `financial ${b.financialYear}` : `academic ${b.academicYear}`)}): ${gbp(costRow?.otherYearCost ?? 0)}.</p>`
      + `<p class="basis">${esc(b.statement)}</p></section>`,
    `<section><h2>3. Progress <span class="dated">results dated up to ${esc(asOf)}</span></h2>`
      + table("Assessments", ["Date", "Point", "Subject", "Measure", "Score or grade"], results.map((a) => [a.date, a.point, a.subject, a.measure, a.score ?? a.grade]), "no results")
      + table("In each intervention", ["Intervention", "From", "To", "Sessions attended / planned", "Measure", "Entry (date)", "Exit (date)", "Exit target", "Met"],
        placements.map((i) => [i.intervention, i.startDate, i.endDate ?? "running", `${i.sessionsAttended ?? "–"} / ${i.sessionsPlanned ?? "–"}`, i.measure, i.entryScore === null ? null : `${i.entryScore} (${i.entryDate ?? "–"})`, i.exitScore === null ? null : `${i.exitScore} (${i.exitDate ?? "–"})`, i.exitTarget, i.exitScore !== null && i.exitTarget !== null ? (i.exitScore >= i.exitTarget ? "yes" : "no") : null]), "no intervention")
      + table("Targets", ["Subject", "Measure", "Target", "By", "Latest result (date)"], targets.map((t) => {
        const latest = results.filter((a) => a.subject === t.subject && (t.measure === null || a.measure === t.measure)).at(-1);
        return [t.subject, t.measure, t.targetScore ?? t.targetGrade, t.targetDate, latest === undefined ? null : `${latest.score ?? latest.grade} (${latest.date})`];
      }), "no targets") + `</section>`,
    `<section><h2>4. Attendance <span class="dated">by term, as exported</span></h2>`
      + table("Attendance", ["Year", "Term", "Possible sessions", "Attended", "Attendance"], attendance.map((a) => [a.academicYear, a.term, a.possibleSessions, a.attendedSessions, a.possibleSessions === 0 ? null : `${((100 * a.attendedSessions) / a.possibleSessions).toFixed(1)}%`]), "no attendance records")
      + `</section>`,
    `<section><h2>5. The last review <span class="dated">as recorded on the SEN register</span></h2>`
      + `<p>${lastSpell?.status === "E" ? `EHC plan dated ${esc(lastSpell.ehcPlanDate)}; last annual review ${esc(lastSpell.lastAnnualReview ?? "not recorded")}${lastSpell.lastAnnualReview ? ` (the next is due by ${esc(`${Number(lastSpell.lastAnnualReview.slice(0, 4)) + 1}${lastSpell.lastAnnualReview.slice(4)}`)})` : ""}.` : "No EHC plan: attach the latest SEN support plan review (assess, plan, do, review)."}</p></section>`,
  ];
  const title = `Top-up evidence pack: ${pupil.forename} ${pupil.surname}`;
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
body{font:10.5pt/1.4 system-ui,sans-serif;margin:1.5cm;color:#111}h1{font-size:16pt;margin:0}h2{font-size:12.5pt;margin:1.2em 0 .4em;border-bottom:1px solid #999}
.dated{font-weight:normal;font-size:9pt;color:#555;margin-left:.6em}table{border-collapse:collapse;width:100%;margin:.4em 0 .8em;font-size:9pt}caption{text-align:left;font-weight:bold;padding:.2em 0}
th,td{border:1px solid #bbb;padding:.15em .35em;text-align:left;vertical-align:top}.confidential{border:2px solid #a00;padding:.4em;color:#600}.basis{font-size:8.5pt;color:#444}section{break-inside:auto}
</style></head><body><p class="confidential"><b>CONFIDENTIAL</b>: special category data about a named pupil, for the SENCO and the local authority only.</p>
<h1>${esc(title)}</h1><p>${esc(report.meta.schoolName ?? "")} · prepared from the school's exports, figures as at ${esc(asOf)}</p>${sections.join("\n")}</body></html>`;
}
