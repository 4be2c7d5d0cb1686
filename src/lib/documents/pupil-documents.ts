/**
 * Two documents from one pupil's timeline (`pupilTimeline`): the SENCO's pupil profile (confidential: the
 * whole record, with identifiers, staff and costs, for an annual review or a pupil progress meeting) and the
 * report for the pupil's parents (plain English, about this child only: no identifier beyond the child's own
 * name, no staff names or costs, no comparison with other children).
 */
import { NEED_LABELS, SEN_STATUS_LABELS, type NeedCode } from "../../data/codes.js";
import type { Assessment, PupilTarget } from "../schema/records.js";
import type { Block, DocSection, DocumentModel } from "./document.js";
import { dateLabel } from "../format/text.js";
import type { PupilTimeline } from "./pupil-timeline.js";

/** Options of the pupil documents. */
export interface PupilDocumentOptions {
  /** The school's name, or null. */
  schoolName?: string | null;
  /** The date the document is prepared (yyyy-mm-dd). */
  preparedOn: string;
}

const SUBJECTS: Record<string, string> = {
  reading: "Reading", writing: "Writing", maths: "Maths", gps: "Grammar, punctuation and spelling", spelling: "Spelling",
  science: "Science", phonics: "Phonics", mtc: "Multiplication tables", other: "Other",
};

/**
 * Measure names as the SENCO's pages write them (`dashboards/components/view.js`, `MEASURE_LABELS`; a test
 * checks the two agree): the words of the pupil profile and the top-up evidence pack. The report for parents
 * spells a few out further (`MEASURES` below: "multiplication tables check", not "MTC score").
 * @example
 * MEASURE_LABELS.readingAge // => "reading age"
 */
export const MEASURE_LABELS: Readonly<Record<string, string>> = {
  standardised: "standardised score", scaled: "KS2 scaled score", readingAge: "reading age", spellingAge: "spelling age",
  teacherAssessment: "teacher assessment", phonicsMark: "phonics check", mtcScore: "MTC score", rawScore: "score",
};

/**
 * A measure's name for the SENCO's documents (`MEASURE_LABELS`), or the code itself when it has none.
 * @example
 * measureLabel("phonicsMark") // => "phonics check"
 */
export function measureLabel(measure: string): string {
  return MEASURE_LABELS[measure] ?? measure;
}

const MEASURES: Record<string, string> = {
  scaled: "scaled score", standardised: "standardised score", readingAge: "reading age", spellingAge: "spelling age",
  teacherAssessment: "teacher assessment", phonicsMark: "phonics check mark", mtcScore: "multiplication tables check", rawScore: "score",
};

const GRADES: Record<string, string> = {
  GDS: "working at greater depth", EXS: "working at the expected standard", WTS: "working towards the expected standard",
  HNM: "has not met the expected standard", EM: "assessed with the engagement model", BLW: "working below the standard of the tests",
  A: "absent", D: "disapplied",
};

/**
 * Pounds to the penny: "£6,840.00".
 * @example
 * pounds(2331.818) // => "£2,331.82"
 */
export function pounds(x: number): string {
  return `£${x.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/**
 * A year group in words.
 * @example
 * yearGroupWords(0) // => "Reception"
 * yearGroupWords(5) // => "Year 5"
 */
export function yearGroupWords(yearGroup: number | null): string {
  if (yearGroup === null) return "year group not recorded";
  return yearGroup === 0 ? "Reception" : yearGroup === -1 ? "Nursery" : `Year ${yearGroup}`;
}

/**
 * An age in months in words.
 * @example
 * monthsAsAge(101) // => "8 years 5 months"
 */
export function monthsAsAge(months: number): string {
  const m = Math.round(months);
  const years = Math.floor(m / 12);
  const rest = m - years * 12;
  return `${years} year${years === 1 ? "" : "s"}${rest === 0 ? "" : ` ${rest} month${rest === 1 ? "" : "s"}`}`;
}

/**
 * A result in words: a grade as words, an age in years and months, a mark out of its total.
 * @example
 * resultWords({ measure: "readingAge", score: 101, grade: null }) // => "8 years 5 months"
 * resultWords({ measure: "teacherAssessment", score: null, grade: "EXS" }) // => "working at the expected standard"
 * resultWords({ measure: "phonicsMark", score: 36, grade: null }) // => "36 out of 40"
 */
export function resultWords(a: Pick<Assessment, "measure" | "score" | "grade">): string {
  if (a.measure === "teacherAssessment") {
    const g = (a.grade ?? "").trim().toUpperCase();
    const pk = /^PK([1-6])$/.exec(g);
    return pk ? `pre-key stage standard ${pk[1]}` : GRADES[g] ?? (a.grade ?? "no result");
  }
  if (a.score === null) return "no result";
  if (a.measure === "readingAge" || a.measure === "spellingAge") return monthsAsAge(a.score);
  if (a.measure === "phonicsMark") return `${a.score} out of 40`;
  if (a.measure === "mtcScore") return `${a.score} out of 25`;
  return String(a.score);
}

function targetWords(t: PupilTarget): string {
  if (t.targetScore !== null) {
    const measure = t.measure ?? "rawScore";
    return `${MEASURES[measure] ?? "score"} of ${resultWords({ measure, score: t.targetScore, grade: null })}`;
  }
  return resultWords({ measure: "teacherAssessment", score: null, grade: t.targetGrade });
}

function needWords(code: string | null): string {
  return code === null ? "not recorded" : NEED_LABELS[code as NeedCode] ?? code;
}

function dateOrDash(iso: string | null): string {
  return iso === null ? "–" : dateLabel(iso);
}

/** "16 Sep 2024": dates in the profile's wide tables. */
function shortDate(iso: string | null): string {
  return iso === null ? "–" : new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

function monthYear(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
}

function percent(rate: number | null): string {
  return rate === null ? "–" : `${(rate * 100).toFixed(1)}%`;
}

function termWords(term: string, academicYear: string): string {
  return `${term.charAt(0).toUpperCase()}${term.slice(1)} term ${academicYear}`;
}

function yesNo(v: boolean | null): string {
  return v === null ? "not recorded" : v ? "yes" : "no";
}

/**
 * The SENCO's pupil profile: everything the records hold about the pupil over time, marked confidential.
 * Sections: about the pupil; SEN status and needs over time; the EHC plan's annual review (for a pupil with a
 * plan); provision with dates, sessions, staff, cost and entry and exit measures; every assessment; targets and
 * whether each is met; attendance by term; suspensions.
 * @example
 * pupilProfileDocument(pupilTimeline(data, "001435", "2026-06-22"), { preparedOn: "2026-07-01" }).marking?.startsWith("CONFIDENTIAL") // => true
 */
export function pupilProfileDocument(t: PupilTimeline, options: PupilDocumentOptions): DocumentModel {
  const p = t.pupil;
  const sections: DocSection[] = [
    {
      title: "About the pupil",
      blocks: [{
        kind: "table", caption: "Record", head: ["", ""],
        rows: [
          ["Name", `${p.forename} ${p.surname}`], ["UPN", p.upn ?? "not recorded"], ["MIS id", p.misId ?? "not recorded"],
          ["Date of birth", dateOrDash(p.dateOfBirth)], ["Year group", yearGroupWords(t.yearGroup)],
          ["Admitted", dateOrDash(p.admissionDate)], ["Left", dateOrDash(p.leavingDate)],
          ["SEN status now", SEN_STATUS_LABELS[t.statusNow]],
          ["Free school meals / disadvantaged", `${yesNo(p.fsm)} / ${yesNo(p.disadvantaged)}`],
          ["English as an additional language / looked after", `${yesNo(p.eal)} / ${yesNo(p.lookedAfter)}`],
        ].map((row) => row.map((c) => [c])),
      }],
    },
    {
      title: "SEN status and needs over time",
      blocks: t.senHistory.length === 0
        ? [{ kind: "paragraph", parts: ["The SEN register holds no record for this pupil."] }]
        : [{
          kind: "table", caption: "SEN register", head: ["From", "To", "Status", "Primary need", "Secondary need", "EHC plan date", "Last annual review"],
          rows: t.senHistory.map((s) => [shortDate(s.startDate), s.endDate === null ? "open" : shortDate(s.endDate), SEN_STATUS_LABELS[s.status],
            needWords(s.primaryNeed), s.secondaryNeed === null ? "–" : needWords(s.secondaryNeed), shortDate(s.ehcPlanDate), shortDate(s.lastAnnualReview)].map((c) => [c])),
        }],
    },
  ];
  const r = t.review;
  if (r !== null) {
    sections.push({
      title: "EHC plan and annual review",
      blocks: [{
        kind: "table", caption: `Annual review plan on ${dateLabel(t.asOf)}`, head: ["", ""],
        rows: [
          ["Plan date", dateOrDash(r.planDate)], ["Last annual review", dateOrDash(r.lastReview)], ["Review due", dateOrDash(r.dueDate)],
          ["Meeting to be held by", dateOrDash(r.meetingBy)], ["Suggested meeting", dateOrDash(r.meeting)],
          ["Ask for advice and reports", dateOrDash(r.askForAdvice)], ["Invitations and advice out by", dateOrDash(r.invitationsBy)],
          ["Review report by", dateOrDash(r.reportBy)], ["Status", r.status],
          ...(r.phaseTransfer === null ? [] : [["Phase transfer", `${r.phaseTransfer.what}: amended plan by ${dateLabel(r.phaseTransfer.deadline)}`]]),
          ...(r.note === null ? [] : [["Note", r.note]]),
        ].map((row) => row.map((c) => [c])),
      }],
    });
  }
  sections.push({
    title: "Provision",
    blocks: t.provision.length === 0
      ? [{ kind: "paragraph", parts: ["The provision map holds no intervention for this pupil."] }]
      : [{
        kind: "table", caption: "Interventions (provision map)",
        head: ["Intervention", "From", "To", "Sessions attended", "Staff", "Cost", "Entry → exit (target)"],
        rows: t.provision.map((x) => [
          `${x.intervention}${x.group === null ? "" : ` (${x.group})`}`, shortDate(x.startDate), x.endDate === null ? "continuing" : shortDate(x.endDate),
          `${x.sessionsAttended ?? "–"} of ${x.sessionsPlanned ?? "–"}${x.minutesPerSession === null ? "" : `, ${x.minutesPerSession} min`}`,
          x.staff ?? "–", x.cost === null ? "–" : pounds(x.cost),
          x.measure === null ? "not measured"
            : `${measureLabel(x.measure)}: ${x.entryScore === null ? "–" : resultWords({ measure: x.measure, score: x.entryScore, grade: null })} → ${x.exitScore === null ? "–" : resultWords({ measure: x.measure, score: x.exitScore, grade: null })}${x.exitTarget === null ? "" : ` (${resultWords({ measure: x.measure, score: x.exitTarget, grade: null })})`}`,
        ].map((c) => [c])),
      }],
  });
  sections.push({
    title: "Assessments",
    blocks: t.assessments.length === 0
      ? [{ kind: "paragraph", parts: [`No assessment result up to ${dateLabel(t.asOf)}.`] }]
      : [{
        kind: "table", caption: `Every result up to ${dateLabel(t.asOf)}`, head: ["Subject", "Measure", "Point", "Date", "Result"],
        rows: t.assessments.map((a) => [SUBJECTS[a.subject] ?? a.subject, measureLabel(a.measure), a.point, shortDate(a.date),
          a.measure === "teacherAssessment" ? `${a.grade ?? "–"} (${resultWords(a)})` : resultWords(a)].map((c) => [c])),
      }],
  });
  sections.push({
    title: "Targets",
    blocks: t.targets.length === 0
      ? [{ kind: "paragraph", parts: ["No target is recorded for this pupil."] }]
      : [{
        kind: "table", caption: `Targets on ${dateLabel(t.asOf)}`, head: ["Subject", "Target", "By", "Latest result", "Status"],
        rows: t.targets.map((c) => [SUBJECTS[c.target.subject] ?? c.target.subject, targetWords(c.target), dateOrDash(c.target.targetDate),
          c.latest === null ? "–" : `${resultWords(c.latest)} (${dateLabel(c.latest.date)})`, c.status].map((x) => [x])),
      }],
  });
  sections.push({
    title: "Attendance by term",
    blocks: t.attendance.length === 0
      ? [{ kind: "paragraph", parts: ["No attendance is recorded for this pupil."] }]
      : [{
        kind: "table", caption: "Sessions (half days)", head: ["Term", "Possible", "Attended", "Attendance"],
        rows: t.attendance.map((a) => [termWords(a.term, a.academicYear), String(a.possibleSessions), String(a.attendedSessions), percent(a.rate)].map((c) => [c])),
      }],
  });
  sections.push({
    title: "Suspensions",
    blocks: t.suspensions.length === 0
      ? [{ kind: "paragraph", parts: ["None recorded."] }]
      : [{
        kind: "table", caption: "Suspensions and exclusions", head: ["Date", "Days", "Kind", "Reason"],
        rows: t.suspensions.map((s) => [dateLabel(s.startDate), s.days === null ? "–" : String(s.days), s.permanent ? "permanent exclusion" : "suspension", s.reason ?? "–"].map((c) => [c])),
      }],
  });
  return {
    title: `Pupil profile: ${p.forename} ${p.surname}`,
    subtitle: options.schoolName ?? null,
    dateLines: [`The record up to ${dateLabel(t.asOf)}.`, `Prepared on ${dateLabel(options.preparedOn)}.`],
    marking: "CONFIDENTIAL: special category data about one pupil (UK GDPR Article 9). For the SENCO and the people at the pupil's review; do not publish or send on.",
    sections,
    footer: "Made with sendscope from the school's own records of this pupil.",
  };
}

/**
 * The report for a pupil's parents or carers: the child's SEN support or EHC plan and main need, the extra help
 * they have had and how it went, how they are getting on in each subject (their own results, explained), their
 * targets, attendance each term, any suspensions, and the next annual review. About this child only: it holds
 * no other child's name or figure and no comparison with other children, and leaves out the UPN, staff names,
 * costs and group codes.
 * @example
 * parentsReportDocument(pupilTimeline(data, "001435", "2026-06-22"), { preparedOn: "2026-07-01" }).title // => "Olivia's progress: a report for parents and carers"
 */
export function parentsReportDocument(t: PupilTimeline, options: PupilDocumentOptions): DocumentModel {
  const name = t.pupil.forename.trim() === "" ? "Your child" : t.pupil.forename.trim();
  const sections: DocSection[] = [];
  const current = [...t.senHistory].reverse().find((s) => s.status !== "N" && s.startDate !== null && s.startDate <= t.asOf && (s.endDate === null || s.endDate >= t.asOf));
  const about: Block[] = [];
  if (t.statusNow === "N") {
    about.push({ kind: "paragraph", parts: [`${name} is in ${yearGroupWords(t.yearGroup)}. On ${dateLabel(t.asOf)} ${name} was not on the school's special educational needs (SEN) register.`] });
  } else {
    const kind = t.statusNow === "E" ? "an education, health and care (EHC) plan" : "SEN support: extra help planned, given and reviewed by the school";
    about.push({
      kind: "paragraph",
      parts: [`${name} is in ${yearGroupWords(t.yearGroup)} and has ${kind}${current?.startDate ? `, since ${dateLabel(current.startDate)}` : ""}. `,
        `The main area of need recorded is ${needWords(current?.primaryNeed ?? null).toLowerCase()}${current?.secondaryNeed ? `, and also ${needWords(current.secondaryNeed).toLowerCase()}` : ""}.`],
    });
  }
  const earlier = t.senHistory.filter((s) => s !== current && s.status !== "N" && s.startDate !== null);
  if (earlier.length > 0) {
    about.push({ kind: "paragraph", parts: ["Earlier on the SEN register:"] });
    about.push({ kind: "list", items: earlier.map((s) => [`${SEN_STATUS_LABELS[s.status]} from ${dateOrDash(s.startDate)}${s.endDate === null ? "" : ` to ${dateLabel(s.endDate)}`} (${needWords(s.primaryNeed).toLowerCase()})`]) });
  }
  sections.push({ title: `${name}'s special educational needs`, blocks: about });

  sections.push({
    title: `The extra help ${name} has had`,
    blocks: t.provision.length === 0
      ? [{ kind: "paragraph", parts: [`No extra group or one-to-one help (intervention) is recorded for ${name}.`] }]
      : [{
        kind: "list",
        items: t.provision.map((x) => {
          const when = `from ${monthYear(x.startDate)}${x.endDate === null ? ", still going on" : ` to ${monthYear(x.endDate)}`}`;
          const sessions = x.sessionsPlanned !== null && x.sessionsAttended !== null
            ? `: ${name} went to ${x.sessionsAttended} of ${x.sessionsPlanned} sessions${x.minutesPerSession === null ? "" : ` of ${x.minutesPerSession} minutes`}` : "";
          const measure = x.measure !== null && x.entryScore !== null && x.exitScore !== null
            ? `. ${MEASURES[x.measure] ? `${MEASURES[x.measure]!.charAt(0).toUpperCase()}${MEASURES[x.measure]!.slice(1)}` : "Score"} at the start: ${resultWords({ measure: x.measure, score: x.entryScore, grade: null })}; at the end: ${resultWords({ measure: x.measure, score: x.exitScore, grade: null })}${x.exitTarget === null ? "" : ` (the aim was ${resultWords({ measure: x.measure, score: x.exitTarget, grade: null })})`}` : "";
          return [`${x.intervention}, ${when}${sessions}${measure}.`];
        }),
      }],
  });

  const progress: Block[] = [];
  if (t.assessments.length === 0) progress.push({ kind: "paragraph", parts: [`No assessment result is recorded for ${name} yet.`] });
  else {
    const measures = new Set(t.assessments.map((a) => a.measure));
    const explain: string[] = [];
    if (measures.has("standardised")) explain.push("A standardised score compares a child with children of the same age across the country: 100 is average, and 85 to 115 is the average range.");
    if (measures.has("scaled")) explain.push("In the national tests at the end of Year 6 (key stage 2), a scaled score of 100 or more meets the expected standard.");
    if (measures.has("readingAge") || measures.has("spellingAge")) explain.push("A reading or spelling age is the age at which children typically read or spell as well as this.");
    if (measures.has("phonicsMark")) explain.push("In the Year 1 phonics check, 32 out of 40 or more meets the standard.");
    if (explain.length > 0) progress.push({ kind: "paragraph", parts: [explain.join(" ")] });
    const subjects = [...new Set(t.assessments.map((a) => a.subject))];
    for (const subject of subjects) {
      const rows = t.assessments.filter((a) => a.subject === subject);
      progress.push({
        kind: "table", caption: SUBJECTS[subject] ?? subject, head: ["When", "What", "Result"],
        rows: rows.map((a) => [monthYear(a.date), MEASURES[a.measure] ?? a.measure, resultWords(a)].map((c) => [c])),
      });
    }
  }
  sections.push({ title: `How ${name} is getting on`, blocks: progress });

  if (t.targets.length > 0) {
    sections.push({
      title: `${name}'s targets`,
      blocks: [{
        kind: "list",
        items: t.targets.map((c) => {
          const by = c.target.targetDate === null ? "" : ` by ${dateLabel(c.target.targetDate)}`;
          const how = c.status === "met" ? `met: the latest result (${monthYear(c.latest!.date)}) is ${resultWords(c.latest!)}`
            : c.status === "not yet" ? `not met yet: the latest result (${monthYear(c.latest!.date)}) is ${resultWords(c.latest!)}`
              : "no result yet to check it against";
          return [`${SUBJECTS[c.target.subject] ?? c.target.subject}: ${targetWords(c.target)}${by}. ${how.charAt(0).toUpperCase()}${how.slice(1)}.`];
        }),
      }],
    });
  }

  sections.push({
    title: "Attendance",
    blocks: t.attendance.length === 0
      ? [{ kind: "paragraph", parts: [`No attendance is recorded for ${name}.`] }]
      : [
        { kind: "paragraph", parts: ["A session is half a school day. Missing one session in ten or more (attendance of 90% or less) is called persistent absence."] },
        {
          kind: "table", caption: `${name}'s attendance each term`, head: ["Term", "Sessions attended", "Attendance"],
          rows: t.attendance.map((a) => [termWords(a.term, a.academicYear), `${a.attendedSessions} of ${a.possibleSessions}`, percent(a.rate)].map((c) => [c])),
        },
      ],
  });

  if (t.suspensions.length > 0) {
    sections.push({
      title: "Suspensions",
      blocks: [{ kind: "list", items: t.suspensions.map((s) => [`${dateLabel(s.startDate)}: ${s.permanent ? "permanent exclusion" : `suspension${s.days === null ? "" : ` of ${s.days} day${s.days === 1 ? "" : "s"}`}`}.`]) }],
    });
  }

  const r = t.review;
  if (r !== null && r.meeting !== null) {
    sections.push({
      title: "The next annual review of the EHC plan",
      blocks: [{
        kind: "paragraph",
        parts: [`${name}'s EHC plan is reviewed at least once a year. The next review is due by ${dateOrDash(r.dueDate)}, and the school plans to hold the meeting on or around ${dateLabel(r.meeting)}. `,
          "You will be invited at least two weeks before it, and you will receive the advice and reports for it at least two weeks before the meeting. You can share your own views and those of your child."],
      }],
    });
  }
  sections.push({
    title: "Questions",
    blocks: [{ kind: "paragraph", parts: [`If you would like to talk about anything in this report, please contact ${name}'s class teacher or the school's SENCO (special educational needs co-ordinator).`] }],
  });
  return {
    title: `${name}'s progress: a report for parents and carers`,
    subtitle: options.schoolName ?? null,
    dateLines: [`Up to ${dateLabel(t.asOf)}. Prepared on ${dateLabel(options.preparedOn)}.`],
    marking: null,
    sections,
    footer: `This report is about ${name} only: it holds no information about any other child.`,
  };
}
