import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { detachedCopy, memoized, StringTable, internalized } from "../../src/lib/import/intern.js";

describe("detachedCopy", () => {
  it("gives an equal string for plain, quoted, non-Latin and lone-surrogate text", () => {
    for (const text of ["X201300125001", "", 'Lee, "Jr"', "Zoë Ørsted 李", "\ud800x", "a\\b\nc"]) {
      expect(detachedCopy(text)).toBe(text);
    }
  });
  it("copies a cell cut out of a longer text, so that holding the cell does not keep the text alive", () => {
    // V8 makes a cut of 13 characters or more a view of the whole text (a "sliced string"): if `detachedCopy`
    // gave the cut back as it is (`return text`), each cell held below would keep its 4 MB line in memory.
    v8.setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const LINES = 10;
    const LINE_BYTES = 4 * 2 ** 20; // one-byte characters: 4 MB of heap per line
    gc();
    const before = v8.getHeapStatistics().used_heap_size;
    const cells: string[] = [];
    for (let i = 0; i < LINES; i += 1) {
      const line = `X20130012500${i},001496,Phonics,`.padEnd(LINE_BYTES, "y");
      // The first field, as the CSV reader cuts it: 13 characters, 0–12 of the line.
      cells.push(detachedCopy(line.slice(0, 13)));
    }
    gc();
    const grown = v8.getHeapStatistics().used_heap_size - before;
    expect(cells).toEqual(Array.from({ length: LINES }, (_, i) => `X20130012500${i}`));
    // Copies: the ten cells hold 10 × 13 bytes (at most one line may still be reachable from the loop's last
    // pass). Views would hold all ten lines, 40 MB. Checked by replacing the body with `return text`: 40 MB grown.
    expect(grown).toBeLessThan(3 * LINE_BYTES);
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

describe("memoized", () => {
  it("parses each distinct text once and gives every caller the same answer", () => {
    const seen: string[] = [];
    const length = memoized((text: string) => {
      seen.push(text);
      return { ok: true, value: text.length };
    });
    const first = length("2024/25");
    expect(first).toEqual({ ok: true, value: 7 }); // "2024/25" has 7 characters
    expect(length(["2024", "25"].join("/"))).toBe(first);
    expect(length("Autumn")).toEqual({ ok: true, value: 6 });
    expect(seen).toEqual(["2024/25", "Autumn"]);
  });
  it("forgets everything at the limit, then parses again", () => {
    const seen: string[] = [];
    const upper = memoized((text: string) => {
      seen.push(text);
      return text.toUpperCase();
    }, 1);
    expect(upper("a")).toBe("A");
    expect(upper("b")).toBe("B"); // the memory held "a" (1 of 1): cleared, now holds "b"
    expect(upper("a")).toBe("A");
    expect(seen).toEqual(["a", "b", "a"]);
  });
  it("rejects a limit that is not a positive whole number, naming the function", () => {
    expect(() => memoized((t: string) => t, 0)).toThrow(/memoized/);
  });
});

describe("internalized", () => {
  it("gives back the same text, whatever it looks like (labels, dates, and texts that are odd as property names)", () => {
    for (const text of ["2024/25 autumn", "2024-12-13", "2024/25", "", "__proto__", "123", "007", "constructor", "a b\nc"]) {
      expect(internalized(text)).toBe(text);
    }
    // A label made on the fly (a joined string) comes back as one flat copy with the same characters.
    const year = "2024/25";
    expect(internalized(`${year} summer`)).toBe("2024/25 summer");
  });
});
