/**
 * Rules the import once wrote twice, now written once and used everywhere: the delimiter of delimited text
 * (`.csv` and `.txt` alike), the term words (an assessment point, a term column and a test name alike), and
 * the likeness of an unread header to a field (`sendscope map` and `validate` alike). Each expectation is
 * read off the text by hand.
 */
import { describe, expect, it } from "vitest";
import { detectDelimiter, readCsv } from "../../src/lib/import/csv.js";
import { delimiterFor } from "../../src/lib/import/formats/delimited.js";
import { openText } from "../../src/lib/import/import-file.js";

describe("one delimiter rule for .csv and .txt", () => {
  // A title line with two commas above a semicolon table: the table's three lines agree on two semicolons each,
  // the title alone has commas (the header line's count decided it before, and took the comma).
  const titled = "Reading, Year 4, autumn\nUPN;Surname;Forename\nA1;Lee;Ada\nA2;Khan;Ben\n";

  it("the lines that agree decide, not a title line", () => {
    expect(detectDelimiter(titled)).toBe(";");
    expect(readCsv(titled, (fields) => fields.includes("UPN")).header).toEqual(["UPN", "Surname", "Forename"]);
  });

  it("a .txt and a .csv of the same text are read with the same delimiter", () => {
    for (const text of [titled, "UPN\tName\tPossible\nA1\tLee, Ada\t120\n", "UPN|Surname\nA1|Lee\nA2|Khan\n", "UPN,Surname\nA1,Lee\n"]) {
      const asCsv = openText("x.csv", text, "utf-8", undefined, delimiterFor("x.csv", text));
      const asTxt = openText("x.txt", text, "utf-8", undefined, delimiterFor("x.txt", text));
      expect(asTxt.result.header, JSON.stringify(text)).toEqual(asCsv.result.header);
    }
    // Lee, Ada is one name: the tab is on every line, the comma on one.
    expect(detectDelimiter("UPN\tName\tPossible\nA1\tLee, Ada\t120\n")).toBe("\t");
    expect(detectDelimiter("UPN|Surname\nA1|Lee\nA2|Khan\n")).toBe("|");
  });
});
