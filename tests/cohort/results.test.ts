import { describe, expect, it } from "vitest";
import { profiledResults, readProfiledResults, withSharedResults } from "../../src/lib/cohort/results.js";
import { shareProfileLookup, profileLookup, profileLookupByPupil } from "../../src/lib/cohort/groups.js";
import { withSharedValues } from "../../src/lib/cohort/shared.js";
import { result } from "./builders.js";
import { smallSchool } from "./fixture-small.js";

// Results of the six-pupil school at three points, two subjects; p4 has two results at one point (the later-dated wins).
const data = smallSchool({
  assessments: [
    result("p1", { point: "2024/25 autumn", term: "autumn", date: "2024-12-10", subject: "reading", score: 90 }),
    result("p2", { point: "2024/25 summer", term: "summer", date: "2025-06-20", subject: "maths", score: 101 }),
    result("p3", { point: "2024/25 spring", term: "spring", date: "2025-03-20", subject: "reading", score: 95 }),
    result("p4", { point: "2024/25 autumn", term: "autumn", date: "2024-12-10", subject: "maths", score: 99 }),
    result("p1", { point: "2024/25 summer", term: "summer", date: "2025-06-20", subject: "reading", score: 97 }),
    result("p4", { point: "2024/25 autumn", term: "autumn", date: "2024-12-12", subject: "maths", score: 104 }),
    result("p5", { point: "2024/25 spring", term: "spring", date: "2025-03-20", subject: "maths", score: 110 }),
  ],
});
const summary = (rows: Readonly<ReturnType<typeof profiledResults>>) => rows.map((r) => `${r.pupilId} ${r.subject} ${r.point} ${r.value} ${r.profile.senStatus}`);

describe("profiledResults inside an analysis", () => {
  it("filters by point to the same rows, in the same order, as reading every result", () => {
    // Expected by hand from the list above: data order, p4's later maths result in place of its first.
    const expected = ["p1 reading 2024/25 autumn 90 K", "p2 maths 2024/25 summer 101 E", "p4 maths 2024/25 autumn 104 N", "p1 reading 2024/25 summer 97 K"];
    const shared = withSharedResults(() => {
      profiledResults(data); // makes the shared rows
      return profiledResults(data, { points: ["2024/25 summer", "2024/25 autumn", "2024/25 summer", "no such point"] });
    });
    expect(summary(shared)).toEqual(expected);
    expect(summary(profiledResults(data, { points: ["2024/25 autumn", "2024/25 summer"] }))).toEqual(expected);
  });

  it("combines a point filter with the other filters", () => {
    const rows = withSharedResults(() => profiledResults(data, { points: ["2024/25 spring", "2024/25 autumn"], subjects: ["maths"] }));
    expect(summary(rows)).toEqual(["p4 maths 2024/25 autumn 104 N", "p5 maths 2024/25 spring 110 N"]);
  });
});

describe("readProfiledResults", () => {
  it("gives the shared rows themselves inside an analysis, and the same rows as profiledResults", () => {
    withSharedResults(() => {
      const read = readProfiledResults(data);
      expect(readProfiledResults(data)).toBe(read); // not a copy
      expect(profiledResults(data)).not.toBe(read);
      // Six results kept of seven (p4's two maths results at one point are one), in data order (by hand).
      expect(read.length).toBe(6);
      expect(summary(readProfiledResults(data, { subjects: ["maths"], measures: ["standardised"] }))).toEqual(
        summary(profiledResults(data, { subjects: ["maths"], measures: ["standardised"] })),
      );
    });
  });
});

describe("profileLookupByPupil", () => {
  it("gives the same (shared) profiles as profileLookup, and null for an unknown pupil", () => {
    withSharedValues(() => {
      const at = profileLookupByPupil(data)("p1");
      expect(at?.("2025-06-20")).toBe(profileLookup(data)("p1", "2025-06-20"));
      expect(at?.("2025-06-20").senStatus).toBe("K"); // p1 is on SEN support in the fixture
      expect(profileLookupByPupil(data)("nobody")).toBeNull();
    });
  });
});

describe("shareProfileLookup", () => {
  it("lets a share of the pupils use the whole school's look-up, with the same profiles", () => {
    const share = { pupils: data.pupils.slice(0, 2), senRegister: data.senRegister.filter((s) => s.pupilId === "p1" || s.pupilId === "p2") };
    withSharedValues(() => {
      expect(shareProfileLookup(data, [share])).toBe(true);
      const whole = profileLookup(data)("p2", "2025-03-01");
      expect(profileLookup(share)("p2", "2025-03-01")).toBe(whole); // the same object
      expect(whole?.senStatus).toBe("E"); // p2 holds an EHC plan from 2025-02-01 (fixture-small.ts)
    });
  });

  it("refuses when a pupil id appears twice", () => {
    const twice = { ...data, pupils: [...data.pupils, ...data.pupils.slice(0, 1)] };
    withSharedValues(() => expect(shareProfileLookup(twice, [])).toBe(false));
  });
});
