import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { jsonChunks, writeJsonInPieces } from "../../src/lib/cli/json-chunks.js";

// The reference for every case is JSON.stringify itself: the pieces, joined, must be exactly its text.
describe("jsonChunks", () => {
  it("joins to JSON.stringify's text for a small nested value at every depth", () => {
    const value = { a: [1, { b: "x\ny", c: [] }], d: {}, e: null, f: undefined, g: [undefined, 2], h: "ü \u2028" };
    for (let depth = 0; depth <= 4; depth++) {
      expect([...jsonChunks(value, 2, depth)].join("")).toBe(JSON.stringify(value, null, 2));
    }
  });

  it("joins to JSON.stringify's text for random JSON values, indents and depths", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 5 }), (value, indent, depth) => {
        expect([...jsonChunks(value, indent, depth)].join("")).toBe(JSON.stringify(value, null, indent));
      }),
      { numRuns: 300 },
    );
  });

  it("yields the opened levels as separate pieces", () => {
    // By hand: root opened, each member stringified whole.
    expect([...jsonChunks({ a: [1], b: 2 }, 2, 1)]).toEqual(["{", "\n  \"a\": ", "[\n    1\n  ]", ",\n  \"b\": ", "2", "\n}"]);
  });

  it("lays out a member two levels down with its lines indented to its place", () => {
    // By hand: the array under a.b starts after 4 spaces; its item is 6 in, its closing bracket 4 in.
    expect([...jsonChunks({ a: { b: [1, { c: [] }] } }, 2, 2)]).toEqual([
      "{", "\n  \"a\": ", "{", "\n    \"b\": ", "[\n      1,\n      {\n        \"c\": []\n      }\n    ]", "\n  }", "\n}",
    ]);
  });
});

describe("writeJsonInPieces", () => {
  it("writes JSON.stringify's text and a newline, in pieces of about a megabyte for a large value", () => {
    const value = { rows: Array.from({ length: 40_000 }, (_, i) => ({ i, label: `row ${i}`, values: [i / 3, null, true] })) };
    const pieces: string[] = [];
    writeJsonInPieces(value, (piece) => pieces.push(piece));
    expect(pieces.join("")).toBe(`${JSON.stringify(value, null, 2)}\n`);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeGreaterThanOrEqual(1 << 20);
  });

  it("writes a large member stringified whole as a piece of its own, between the small pieces gathered around it", () => {
    // By hand: the opened levels' text before the member, the member's 100,002 characters (quotes included), then
    // the rest with the closing newline; joined, JSON.stringify's text.
    const big = "x".repeat(100_000);
    const value = { a: { big }, b: [1, 2] };
    const pieces: string[] = [];
    writeJsonInPieces(value, (piece) => pieces.push(piece));
    expect(pieces).toEqual(['{\n  "a": {\n    "big": ', `"${big}"`, '\n  },\n  "b": [\n    1,\n    2\n  ]\n}\n']);
    expect(pieces.join("")).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });
});
