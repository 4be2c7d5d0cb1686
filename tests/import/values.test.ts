import { describe, expect, it } from "vitest";
import {
  parseAgeInMonths, parseDate, parseDateInOrder, parseFlag, parseGender, parseNumber, parseWholeNumber, parseYearGroup,
} from "../../src/lib/import/values.js";
import {
  academicYearOf, parseMeasure, parseNeed, parseSenStatus, parseSubject, parseWideHeader, resolvePoint, termOf,
} from "../../src/lib/import/codes.js";

const value = <T>(p: { ok: boolean; value?: T }) => (p.ok ? p.value : undefined);

describe("parseDate", () => {
  it("reads UK and ISO dates, never US order", () => {
    expect(value(parseDate("03/09/2024"))).toBe("2024-09-03");
    expect(value(parseDate("3/9/2024"))).toBe("2024-09-03");
    expect(value(parseDate("03-09-2024"))).toBe("2024-09-03");
    expect(value(parseDate("2024-09-03"))).toBe("2024-09-03");
    expect(value(parseDate("2024-09-03T00:00:00"))).toBe("2024-09-03");
    expect(value(parseDate("3 Sep 2024"))).toBe("2024-09-03");
    expect(value(parseDate("29/02/2024"))).toBe("2024-02-29"); // 2024 is a leap year
  });
  it("rejects impossible dates with a reason", () => {
    const feb = parseDate("2025-02-31");
    expect(feb.ok).toBe(false);
    expect(feb.ok ? "" : feb.reason).toMatch(/February 2025 has 28 days/);
    expect(parseDate("29/02/2025").ok).toBe(false);
    expect(parseDate("13/13/2024").ok).toBe(false);
    expect(parseDate("09/03").ok).toBe(false);
    expect(parseDate("yesterday").ok).toBe(false);
  });
  it("reads two-digit years as 20yy with a warning", () => {
    const parsed = parseDate("01/02/25");
    expect(parsed).toMatchObject({ ok: true, value: "2025-02-01" });
    expect(parsed.ok && parsed.warning).toMatch(/two-digit year/);
  });
});

describe("flags, year groups, genders, numbers, ages", () => {
  it("reads Yes/No/Y/N/True/False/1/0", () => {
    for (const t of ["Yes", "Y", "true", "TRUE", "1", "t"]) expect(value(parseFlag(t))).toBe(true);
    for (const t of ["No", "n", "False", "0", "F"]) expect(value(parseFlag(t))).toBe(false);
    expect(parseFlag("maybe").ok).toBe(false);
  });
  it("reads year groups", () => {
    expect(value(parseYearGroup("Year 6"))).toBe(6);
    expect(value(parseYearGroup("Y1"))).toBe(1);
    expect(value(parseYearGroup("R"))).toBe(0);
    expect(value(parseYearGroup("Reception"))).toBe(0);
    expect(value(parseYearGroup("YR"))).toBe(0);
    expect(value(parseYearGroup("N2"))).toBe(-1);
    expect(value(parseYearGroup("Nursery 2"))).toBe(-1);
    expect(value(parseYearGroup("NC Year 10"))).toBe(10);
    expect(parseYearGroup("Year 20").ok).toBe(false);
  });
  it("reads genders", () => {
    expect(value(parseGender("Female"))).toBe("F");
    expect(value(parseGender("m"))).toBe("M");
    expect(value(parseGender("Unknown"))).toBe("U");
    expect(parseGender("Q").ok).toBe(false);
  });
  it("reads numbers with £ and thousands commas, refuses junk", () => {
    expect(value(parseNumber("£1,234.50"))).toBe(1234.5);
    expect(value(parseNumber(" -3 "))).toBe(-3);
    expect(parseNumber("1,23").ok).toBe(false);
    expect(parseNumber("12abc").ok).toBe(false);
    expect(parseWholeNumber("2.5").ok).toBe(false);
  });
  it("reads ages as months: 8y 2m = 8·12 + 2 = 98", () => {
    for (const t of ["98", "8y 2m", "8:02", "8.02", "8 years 2 months", "8y2m"]) expect(value(parseAgeInMonths(t))).toBe(98);
    expect(value(parseAgeInMonths("7y"))).toBe(84);
    expect(parseAgeInMonths("8y 13m").ok).toBe(false);
  });
});

describe("codes written as codes or words", () => {
  it("reads SEN status codes and words; legacy codes map with a warning", () => {
    expect(value(parseSenStatus("K"))).toBe("K");
    expect(value(parseSenStatus("SEN Support"))).toBe("K");
    expect(value(parseSenStatus("E - Education, Health and Care Plan"))).toBe("E");
    expect(value(parseSenStatus("EHCP"))).toBe("E");
    expect(value(parseSenStatus("N - No Special Educational Need"))).toBe("N");
    const statement = parseSenStatus("S");
    expect(statement).toMatchObject({ ok: true, value: "E", warningCode: "legacy-sen-status" });
    expect(parseSenStatus("A")).toMatchObject({ ok: true, value: "K", warningCode: "legacy-sen-status" });
    expect(parseSenStatus("School Action Plus")).toMatchObject({ ok: true, value: "K", warningCode: "legacy-sen-status" });
    expect(parseSenStatus("Gifted").ok).toBe(false);
  });
  it("reads needs as codes or words; BESD becomes SEMH with a warning", () => {
    expect(value(parseNeed("slcn"))).toBe("SLCN");
    expect(value(parseNeed("Autism"))).toBe("ASD");
    expect(value(parseNeed("Speech, Language and Communication Needs"))).toBe("SLCN");
    expect(value(parseNeed("SPLD - Specific learning difficulty"))).toBe("SPLD");
    expect(parseNeed("BESD")).toMatchObject({ ok: true, value: "SEMH", warningCode: "legacy-need" });
    expect(parseNeed("Tall").ok).toBe(false);
  });
  it("reads subjects and measures", () => {
    expect(value(parseSubject("Mathematics"))).toBe("maths");
    expect(value(parseSubject("Multiplication Tables Check"))).toBe("mtc");
    expect(value(parseMeasure("Standardised Score", "reading"))).toBe("standardised");
    expect(value(parseMeasure("Age", "spelling"))).toBe("spellingAge");
    expect(value(parseMeasure("Score", "mtc"))).toBe("mtcScore");
    expect(parseWideHeader("Reading Standardised Score")).toEqual({ subject: "reading", measure: "standardised" });
    expect(parseWideHeader("maths_scaled")).toEqual({ subject: "maths", measure: "scaled" });
    expect(parseWideHeader("Writing TA")).toEqual({ subject: "writing", measure: "teacherAssessment" });
    expect(parseWideHeader("Legal Surname")).toBeNull();
  });
  it("resolves assessment points on the school year (Sep–Aug)", () => {
    expect(academicYearOf("2024-09-01")).toBe("2024/25");
    expect(academicYearOf("2025-08-31")).toBe("2024/25");
    expect(termOf("2025-01-10")).toBe("spring");
    expect(value(resolvePoint("Autumn 2024", null, null))).toEqual({ academicYear: "2024/25", term: "autumn", date: "2024-12-15" });
    expect(value(resolvePoint("Summer 2025", null, null))).toEqual({ academicYear: "2024/25", term: "summer", date: "2025-07-15" });
    expect(value(resolvePoint("2023/24 spring", null, null))).toEqual({ academicYear: "2023/24", term: "spring", date: "2024-03-31" });
    expect(value(resolvePoint(null, null, "2025-05-12"))).toEqual({ academicYear: "2024/25", term: "summer", date: "2025-05-12" });
    expect(resolvePoint("Week 3", null, null).ok).toBe(false);
  });
});

// Real exports' values (issue #12, part B). Each expectation is worked by hand in the comment beside it.
describe("real exports' dates", () => {
  it("reads Excel re-saves: d-mmm-yy, dd-mmm-yyyy, dd/mm/yy (two-digit years as 20yy, with a warning)", () => {
    expect(parseDate("3-Sep-20")).toEqual({ ok: true, value: "2020-09-03", warning: "two-digit year in '3-Sep-20' read as 2020", warningCode: "two-digit-year" });
    expect(parseDate("03-Sep-2020")).toEqual({ ok: true, value: "2020-09-03" });
    expect(value(parseDate("3 September 2020"))).toBe("2020-09-03");
    expect(value(parseDate("16 Dec 2025"))).toBe("2025-12-16"); // Arbor's SEN report
    expect(value(parseDate("14/02/17"))).toBe("2017-02-14");
    expect(parseDate("3-Sepx-20").ok).toBe(false); // not a month name
    expect(parseDate("31-Sep-20").ok).toBe(false); // September has 30 days
  });
  it("reads dates with times: report designers and Excel (dd/mm/yyyy 00:00:00), APIs (ISO with T, Z, milliseconds)", () => {
    expect(value(parseDate("03/09/2020 00:00:00"))).toBe("2020-09-03");
    expect(value(parseDate("03/09/2020 00:00"))).toBe("2020-09-03");
    expect(value(parseDate("03/09/2020 12:00:00 AM"))).toBe("2020-09-03");
    expect(value(parseDate("2020-09-03T00:00:00"))).toBe("2020-09-03");
    expect(value(parseDate("2020-12-04T17:57:33.686Z"))).toBe("2020-12-04"); // Star's UTC completion time
    expect(value(parseDate("2020-09-03T08:00:00+01:00"))).toBe("2020-09-03");
  });
  it("never guesses month-first: a date that can only be month-first fails and says how to declare the order", () => {
    const us = parseDate("09/23/2024"); // day 9 of month 23 is impossible; month 9 day 23 is the only reading
    expect(us.ok).toBe(false);
    expect(us.ok ? "" : us.reason).toMatch(/can only be read month-first.*"dateOrder": "mdy"/);
    expect(value(parseDate("03/04/2024"))).toBe("2024-04-03"); // either way round: read day-first
  });
  it("reads a month-first file's dates when the mapping says so", () => {
    expect(value(parseDateInOrder("09/23/2024", "mdy"))).toBe("2024-09-23");
    expect(value(parseDateInOrder("03/04/2024", "mdy"))).toBe("2024-03-04");
    expect(value(parseDateInOrder("2024-03-04", "mdy"))).toBe("2024-03-04"); // ISO has one order
    expect(value(parseDateInOrder("4 Mar 2024", "mdy"))).toBe("2024-03-04");
    expect(parseDateInOrder("23/09/2024", "mdy").ok).toBe(false); // no month 23
  });
});

describe("real exports' ages, flags, year groups and codes", () => {
  it("reads SIMS ages y/m and y:m, and Hodder/GL reading ages y:mm", () => {
    expect(value(parseAgeInMonths("7/10"))).toBe(94); // 7·12 + 10
    expect(value(parseAgeInMonths("8:05"))).toBe(101); // 8·12 + 5
    expect(value(parseAgeInMonths("9:11"))).toBe(119); // 9·12 + 11
    expect(value(parseAgeInMonths("6/09"))).toBe(81); // 6·12 + 9
    expect(parseAgeInMonths("7/13").ok).toBe(false); // 13 months
    expect(parseAgeInMonths("seven").ok).toBe(false);
  });
  it("reads flags as Excel, Target Tracker and the census write them", () => {
    for (const t of ["TRUE", "T", "Y", "1"]) expect(value(parseFlag(t))).toBe(true);
    for (const t of ["FALSE", "F", "N", "0"]) expect(value(parseFlag(t))).toBe(false);
  });
  it("reads the census's NCyearActual codes; X (not following NC years) fails with its meaning", () => {
    expect(value(parseYearGroup("R"))).toBe(0);
    expect(value(parseYearGroup("N1"))).toBe(-1);
    expect(value(parseYearGroup("N2"))).toBe(-1);
    expect(value(parseYearGroup("Nursery 2"))).toBe(-1);
    expect(value(parseYearGroup("6"))).toBe(6);
    expect(value(parseYearGroup("Y4"))).toBe(4); // Target Tracker's Year column
    const x = parseYearGroup("X");
    expect(x.ok ? "" : x.reason).toMatch(/not following National Curriculum year groups/);
  });
  it("reads Arbor's SEN statuses: Monitoring is no SEN (census N), with a note", () => {
    expect(parseSenStatus("Monitoring")).toMatchObject({ ok: true, value: "N", warningCode: "sen-monitoring" });
    expect(parseSenStatus("No Special Educational Need")).toEqual({ ok: true, value: "N" });
    expect(parseSenStatus("SEN Support")).toEqual({ ok: true, value: "K" });
    expect(parseSenStatus("Education, Health and Care Plan")).toEqual({ ok: true, value: "E" });
    expect(parseSenStatus("Statement")).toMatchObject({ ok: true, value: "E", warningCode: "legacy-sen-status" });
    expect(parseSenStatus("Monitoring (N)")).toMatchObject({ ok: true, value: "N", warningCode: "sen-monitoring" });
    expect(parseSenStatus("SEN Support (K)")).toEqual({ ok: true, value: "K" }); // the code after the words
    expect(parseSenStatus("Education, Health and Care Plan (E)")).toEqual({ ok: true, value: "E" });
  });
  it("reads needs in Arbor's words, & for and", () => {
    expect(value(parseNeed("Social, Emotional & Mental Health"))).toBe("SEMH");
    expect(value(parseNeed("Speech, Language and Communication Needs"))).toBe("SLCN");
    expect(value(parseNeed("Autistic Spectrum Disorder"))).toBe("ASD");
    expect(value(parseNeed("Specific Learning Difficulty"))).toBe("SPLD");
    expect(value(parseNeed("Hearing Impairment"))).toBe("HI");
    expect(value(parseNeed("Speech, language and Communications needs"))).toBe("SLCN"); // the CBDS's wording
    expect(value(parseNeed("Profound & Multiple Learning Difficulty"))).toBe("PMLD");
  });
  it("reads test publishers' names for a standardised score", () => {
    expect(value(parseMeasure("Age Standardised Score", "reading"))).toBe("standardised"); // NFER, Hodder
    expect(value(parseMeasure("Standard Age Score", "reading"))).toBe("standardised"); // GL
    expect(parseWideHeader("Reading Age Standardised Score")).toEqual({ subject: "reading", measure: "standardised" });
    expect(parseWideHeader("Reading Age")).toEqual({ subject: "reading", measure: "readingAge" });
    expect(parseWideHeader("ReadingAgeStandardisedScore")).toEqual({ subject: "reading", measure: "standardised" }); // camelCase
  });
});
