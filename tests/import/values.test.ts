import { describe, expect, it } from "vitest";
import {
  parseAgeInMonths, parseDate, parseFlag, parseGender, parseNumber, parseWholeNumber, parseYearGroup,
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
