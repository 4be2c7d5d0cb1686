/**
 * Pupil profiles and reports for parents (issue #18). Two sample pupils: Ibrahim Nguyen (E873210123045, SEN
 * support, two suspensions) and Samuel Okafor (G873210123056, SEN support then an EHC plan). Expected values are
 * read by hand from the fixture CSVs (sims-attendance.csv is UTF-16; percentages worked out with Python).
 * The report for parents must hold no other pupil's name, UPN, MIS id or figure: it is checked by scanning for
 * every other pupil's identifiers, and by building it again with every other pupil's records removed or changed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { findPupilIdentifiers } from "../../src/lib/disclosure/identifiers.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";
import { documentHtml, documentMarkdown } from "../../src/lib/documents/document.js";
import { findPupil, onePupilData, pupilTimeline } from "../../src/lib/documents/pupil-timeline.js";
import { monthsAsAge, parentsReportDocument, pupilProfileDocument, resultWords } from "../../src/lib/documents/pupil-documents.js";
import { isOnRollOn } from "../../src/lib/cohort/pupil-facts.js";
import { capture } from "../helpers/capture.js";

const ASOF = "2026-06-22";
const OPTIONS = { preparedOn: "2026-07-01" };
let data: SchoolData;

beforeAll(async () => {
  data = await importFolder("fixtures/sample-school");
});

/** Every other pupil's records changed: names, ids kept, every score +7, every attendance figure −1. */
function othersChanged(d: SchoolData, keep: string): SchoolData {
  const other = (id: string) => id !== keep;
  return {
    ...d,
    pupils: d.pupils.map((p) => (other(p.pupilId) ? { ...p, forename: "Zed", surname: "Changed" } : p)),
    assessments: d.assessments.map((a) => (other(a.pupilId) && a.score !== null ? { ...a, score: a.score + 7 } : a)),
    attendance: d.attendance.map((a) => (other(a.pupilId) ? { ...a, attendedSessions: Math.max(0, a.attendedSessions - 1) } : a)),
    interventions: d.interventions.map((x) => (other(x.pupilId) ? { ...x, sessionsAttended: 0, exitScore: 1 } : x)),
    targets: d.targets.filter((t) => !other(t.pupilId)),
    suspensions: [...d.suspensions, ...d.suspensions.filter((s) => other(s.pupilId))],
  };
}

describe("pupilTimeline", () => {
  it("finds a pupil by UPN (any case) or MIS id (with or without leading zeros), and refuses an unknown one", () => {
    expect(findPupil(data.pupils, "e873210123045").misId).toBe("001362");
    expect(findPupil(data.pupils, "1362").upn).toBe("E873210123045");
    expect(() => findPupil(data.pupils, "X999")).toThrow(/no pupil/);
  });

  it("holds the pupil's own records over time (Ibrahim: attendance 122 of 125 in autumn 2023/24, two suspensions, two targets)", () => {
    const t = pupilTimeline(data, "E873210123045", ASOF);
    expect(t.statusNow).toBe("K");
    expect(t.attendance).toHaveLength(9);
    expect(t.attendance[0]).toEqual({ academicYear: "2023/24", term: "autumn", possibleSessions: 125, attendedSessions: 122, rate: 122 / 125 });
    expect(t.suspensions.map((s) => [s.startDate, s.days])).toEqual([["2024-10-11", 3], ["2026-02-11", 1]]);
    // Targets: maths 91 and reading 113 (standardised) by 22 June 2026; his 22 June results are 101 and (see below).
    const maths = t.targets.find((c) => c.target.subject === "maths")!;
    expect([maths.target.targetScore, maths.latest?.score, maths.status]).toEqual([91, 101, "met"]);
    expect(t.review).toBeNull();
    expect(t.assessments.every((a) => a.pupilId === t.pupil.pupilId && a.date <= ASOF)).toBe(true);
  });

  it("gives a pupil with an EHC plan its review plan (Samuel: last review 26 June 2026, due 26 June 2027)", () => {
    const t = pupilTimeline(data, "G873210123056", ASOF);
    expect(t.statusNow).toBe("E");
    expect(t.senHistory.map((s) => [s.status, s.startDate, s.endDate])).toEqual([["K", "2024-02-08", "2024-06-07"], ["E", "2024-06-08", null]]);
    expect(t.review).toMatchObject({ dueDate: "2027-06-26", meeting: "2027-06-11" });
  });
});

describe("the report for parents", () => {
  const pupilsOnRoll = () => data.pupils.filter((p) => isOnRollOn(p, ASOF));

  it("is the same with every other pupil's records removed or changed (it uses none of them), for every pupil on roll", () => {
    const pupils = pupilsOnRoll();
    expect(pupils.length).toBe(420);
    for (const p of pupils.filter((_, i) => i % 6 === 0)) {
      const key = p.upn ?? p.misId!;
      const whole = documentMarkdown(parentsReportDocument(pupilTimeline(data, key, ASOF), OPTIONS));
      expect(documentMarkdown(parentsReportDocument(pupilTimeline(onePupilData(data, p.pupilId), key, ASOF), OPTIONS)), key).toBe(whole);
      expect(documentMarkdown(parentsReportDocument(pupilTimeline(othersChanged(data, p.pupilId), key, ASOF), OPTIONS)), key).toBe(whole);
    }
  });

  it("holds no other pupil's name, UPN, MIS id or date of birth, and not the child's own UPN, staff or costs", () => {
    for (const key of ["E873210123045", "G873210123056"]) {
      const t = pupilTimeline(data, key, ASOF);
      const doc = parentsReportDocument(t, OPTIONS);
      const text = { markdown: documentMarkdown(doc), html: documentHtml(doc) };
      const others = data.pupils.filter((p) => p.pupilId !== t.pupil.pupilId);
      expect(findPupilIdentifiers(text, others), key).toEqual([]);
      expect(text.markdown).not.toContain(t.pupil.upn!);
      expect(text.markdown).not.toMatch(/[A-Z]\d{11}[0-9A-Z]|£|\(TA\)|\(Teacher\)|ELSA-2024/);
      // The same scan finds another pupil's name planted in the report, so the empty list above means something.
      const planted = { ...doc, subtitle: `With ${others[0]!.forename} ${others[0]!.surname}` };
      expect(findPupilIdentifiers({ markdown: documentMarkdown(planted) }, others).length).toBeGreaterThan(0);
    }
  });

  it("says in plain English what the records hold (Samuel: EHC plan since 8 June 2024, 30 of 40 sessions, phonics 21 out of 40)", () => {
    const md = documentMarkdown(parentsReportDocument(pupilTimeline(data, "G873210123056", ASOF), OPTIONS));
    expect(md).toContain("Samuel is in Year 2 and has an education, health and care (EHC) plan, since 8 June 2024.");
    expect(md).toContain("- Reading recovery-style 1:1, from September 2025 to March 2026: Samuel went to 30 of 40 sessions of 30 minutes.");
    expect(md).toContain("| June 2025 | phonics check mark | 21 out of 40 |");
    expect(md).toContain("- Reading: standardised score of 95 by 22 June 2026. Not met yet: the latest result (June 2026) is 94.");
    // 87 of 110 sessions = 79.1% (Python: round(87/110*100, 1)).
    expect(md).toContain("| Summer term 2025/26 | 87 of 110 | 79.1% |");
    expect(md).toContain("the school plans to hold the meeting on or around 11 June 2027");
  });
});

describe("the SENCO's pupil profile", () => {
  it("is marked confidential and holds the whole record (Ibrahim: UPN, MIS id, ELSA 10 of 12 with its staff and cost, both suspensions)", () => {
    const md = documentMarkdown(pupilProfileDocument(pupilTimeline(data, "001362", ASOF), OPTIONS));
    expect(md.startsWith("**CONFIDENTIAL")).toBe(true);
    expect(md).toContain("| UPN | E873210123045 |");
    expect(md).toContain("| ELSA (emotional literacy support) (ELSA-202425-A) | 16 Sept 2024 | 27 Nov 2024 | 10 of 12, 30 min | Ms Zoë Clarke (Teacher) | £96.00 | not measured |");
    expect(md).toContain("| 11 October 2024 | 3 | suspension | Persistent disruptive behaviour |");
    // 126 of 126 sessions in autumn 2025/26 = 100.0%.
    expect(md).toContain("| Autumn term 2025/26 | 126 | 126 | 100.0% |");
  });

  it("words results as a reader would say them", () => {
    expect(monthsAsAge(70)).toBe("5 years 10 months");
    expect(resultWords({ measure: "teacherAssessment", score: null, grade: "PK4" })).toBe("pre-key stage standard 4");
    expect(resultWords({ measure: "mtcScore", score: 20, grade: null })).toBe("20 out of 25");
  });
});

describe("sendscope profile", () => {
  it("writes the profile and the report for parents; an unknown pupil is exit 2", async () => {
    const { main } = await import("../../src/lib/cli/main.js");
    const { mkdtempSync, readdirSync, readFileSync, rmSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const { findBrowser } = await import("../../src/report-build/find-browser.js");
    const dir = mkdtempSync(join(tmpdir(), "sendscope-profile-"));
    try {
      const { io, err } = capture();
      const pdf = findBrowser().path === null ? ["--no-pdf"] : [];
      expect(await main(["profile", "fixtures/sample-school", "--pupil", "G873210123056", "--out", dir, "--prepared-on", "2026-07-01", ...pdf], io)).toBe(0);
      expect(await main(["profile", "fixtures/sample-school", "--pupil", "G873210123056", "--parents", "--out", dir, "--prepared-on", "2026-07-01", ...pdf], io)).toBe(0);
      const files = readdirSync(dir).sort();
      const stems = ["pupil-profile-Okafor-Samuel-2026-06-22", "report-for-parents-Samuel-Okafor-2026-06-22"];
      const kinds = pdf.length === 0 ? ["html", "md", "pdf"] : ["html", "md"];
      expect(files).toEqual(stems.flatMap((s) => kinds.map((k) => `${s}.${k}`)));
      if (pdf.length === 0) expect(readFileSync(join(dir, `${stems[1]}.pdf`)).subarray(0, 5).toString()).toBe("%PDF-");
      expect(readFileSync(join(dir, `${stems[1]}.html`), "utf8")).toContain("<h1>Samuel&#39;s progress: a report for parents and carers</h1>");
      expect(await main(["profile", "fixtures/sample-school", "--pupil", "X999", "--no-pdf", "--out", dir], io)).toBe(2);
      expect(err.join("")).toMatch(/^sendscope profile: findPupil: no pupil has the UPN or MIS id 'X999'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
