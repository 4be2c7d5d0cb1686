import { describe, expect, it } from "vitest";
import { detachedCopy, StringTable } from "../../src/lib/import/intern.js";

describe("detachedCopy", () => {
  it("gives an equal string for plain, quoted, non-Latin and lone-surrogate text", () => {
    for (const text of ["X201300125001", "", 'Lee, "Jr"', "Zoë Ørsted 李", "\ud800x", "a\\b\nc"]) {
      expect(detachedCopy(text)).toBe(text);
    }
  });
  it("copies a cell cut out of a longer text", () => {
    const line = "X201300125001,001496,Phonics";
    // The first field, as the CSV reader cuts it: 13 characters, 0–12 of the line.
    expect(detachedCopy(line.slice(0, 13))).toBe("X201300125001");
  });
});

describe("StringTable", () => {
  it("returns one shared string per distinct value", () => {
    const table = new StringTable();
    const first = table.intern("2024-09-03");
    // Built at run time, so not the same string as the literal above until interned.
    const again = table.intern(["2024", "09", "03"].join("-"));
    expect(again).toBe("2024-09-03");
    expect(table.intern("2024-09-04")).toBe("2024-09-04");
    // Two distinct values were interned: "2024-09-03" (twice) and "2024-09-04".
    expect(table.size).toBe(2);
    expect(again === first).toBe(true);
  });
  it("passes null through internOrNull", () => {
    const table = new StringTable();
    expect(table.internOrNull(null)).toBeNull();
    expect(table.internOrNull("EXS")).toBe("EXS");
    expect(table.size).toBe(1);
  });
  it("starts again empty when the limit is reached, still giving equal values", () => {
    const table = new StringTable(2);
    table.intern("a");
    table.intern("b");
    // The third distinct value finds the table full (2 of 2): it is cleared, then holds only "c".
    expect(table.intern("c")).toBe("c");
    expect(table.size).toBe(1);
    expect(table.intern("a")).toBe("a");
    expect(table.size).toBe(2);
  });
  it("rejects a limit that is not a positive whole number, naming the class", () => {
    expect(() => new StringTable(0)).toThrow(/StringTable/);
    expect(() => new StringTable(1.5)).toThrow(/StringTable/);
  });
});
