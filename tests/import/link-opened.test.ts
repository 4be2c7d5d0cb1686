/**
 * `linkOpened` (what `importFolder` runs per school: pupil lists first, every other row linked as it is read)
 * must give exactly what the two-pass `linkFiles` gives for the same files: same records in the same order,
 * same file reports, same problems. The reference is `linkFiles` over `importFile`, the plain path.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importFile, openExport } from "../../src/lib/import/import-file.js";
import { linkFiles, linkOpened } from "../../src/lib/import/link.js";
import { csvBytes, testUpn } from "./helpers.js";

function bothWays(files: Array<[string, Buffer]>) {
  const twoPass = linkFiles(files.map(([name, bytes]) => importFile(name, bytes)));
  const onePass = linkOpened(files.map(([name, bytes]) => openExport(name, bytes)));
  return { twoPass, onePass };
}

describe("linkOpened gives what linkFiles gives", () => {
  it("the sample school", () => {
    const folder = "fixtures/sample-school";
    const files = readdirSync(folder).filter((f) => f.endsWith(".csv")).sort()
      .map((f): [string, Buffer] => [f, readFileSync(join(folder, f))]);
    const { twoPass, onePass } = bothWays(files);
    expect(onePass).toEqual(twoPass);
    expect(onePass.assessments.length).toBeGreaterThan(0);
  });

  it("a school with duplicate and conflicting pupils, unknown pupils, key conflicts and list SEN columns", () => {
    const [a, b, c, d] = [testUpn(1), testUpn(2), testUpn(3), testUpn(4)];
    const files: Array<[string, Buffer]> = [
      // Sorted before the pupil list, as an Arbor export would be: rows read before the list in file order.
      ["a-assessments.csv", csvBytes([
        "UPN,Arbor Student ID,Subject,Measure,Assessment Point,Academic Year,Assessment Date,Score",
        `${a},1001,Reading,Standardised Score,Autumn 2024,2024/25,2024-12-02,95`,
        `${d},1004,Reading,Standardised Score,Autumn 2024,2024/25,2024-12-02,101`, // not on the list
        `${b},1001,Maths,Standardised Score,Autumn 2024,2024/25,2024-12-02,99`, // UPN of b, MIS id of a
        `,1002,Maths,Standardised Score,Autumn 2024,2024/25,2024-12-02,88`, // MIS id only
      ])],
      ["b-attendance.csv", csvBytes([
        "UPN,Adno,Academic Year,Term,Possible Marks,Present + AEA",
        `${a},1001,2024/25,Autumn,126,120`,
        `${c},1003,2024/25,Autumn,126,100`,
      ])],
      ["pupils.csv", csvBytes([
        "UPN,Adno,Legal Surname,Legal Forename,DOB,Gender,Year,SEN Status,Primary Need",
        `${a},1001,Lee,Ada,01/05/2016,F,Year 3,K,SLCN`,
        `${b},1002,Khan,Omar,12/11/2015,M,Year 4,N,`,
        `${a},1001,Lee,Ada,01/05/2016,F,Year 3,K,SLCN`, // exact repeat
        `${b},1002,Khan,Omar,12/11/2015,M,Year 5,N,`, // conflicting year group
        `${c},1003,Ng,Mei,03/03/2016,F,Year 3,E,ASD`,
      ])],
    ];
    const { twoPass, onePass } = bothWays(files);
    expect(onePass).toEqual(twoPass);
    // By hand: the assessments file loses d (unknown), b/1001 (key conflict); the pupil list loses two rows.
    expect(onePass.problems.map((p) => `${p.file}:${p.line}:${p.code}`)).toEqual(expect.arrayContaining([
      "a-assessments.csv:3:unknown-pupil", "a-assessments.csv:4:pupil-key-conflict",
      "pupils.csv:4:duplicate-row", "pupils.csv:5:duplicate-pupil",
    ]));
    expect(onePass.assessments.map((r) => r.pupilId)).toEqual([a, b]);
    expect(onePass.senRegister.map((r) => r.pupilId)).toEqual([a, b, c]);
    expect(onePass.files.map((f) => [f.file, f.imported, f.rejected])).toEqual([
      ["a-assessments.csv", 2, 2], ["b-attendance.csv", 2, 0], ["pupils.csv", 3, 2],
    ]);
  });

  it("a school with no pupil list keeps provisional ids, as linkFiles does", () => {
    const files: Array<[string, Buffer]> = [["att.csv", csvBytes([
      "UPN,Adno,Academic Year,Term,Possible Marks,Present + AEA", `${testUpn(5)},1005,2024/25,Spring,110,99`,
    ])]];
    const { twoPass, onePass } = bothWays(files);
    expect(onePass).toEqual(twoPass);
    expect(onePass.attendance[0]?.pupilId).toBe(testUpn(5));
  });
});
