import { describe, expect, it } from "vitest";
import { sharedValueOf, withSharedValues } from "../../src/lib/cohort/shared.js";

describe("sharedValueOf", () => {
  it("makes a value once per combination of arrays and name inside an analysis, on every call outside", () => {
    const a: number[] = [];
    const b: number[] = [];
    const c: number[] = [];
    let made = 0;
    const make = () => ({ n: ++made });
    withSharedValues(() => {
      const first = sharedValueOf([a, b, c], "x", make);
      expect(sharedValueOf([a, b, c], "x", make)).toBe(first); // same arrays and name: made once
      expect(sharedValueOf([a, c, b], "x", make)).not.toBe(first); // another combination
      expect(sharedValueOf([a, b, c], "y", make)).not.toBe(first); // another name
      expect(sharedValueOf([a], "x", make)).not.toBe(first); // one array only
      expect(sharedValueOf([a], "x", make)).toBe(sharedValueOf([a], "x", make));
    });
    expect(made).toBe(4); // counted by hand from the calls above
    sharedValueOf([a, b, c], "x", make);
    sharedValueOf([a, b, c], "x", make);
    expect(made).toBe(6); // outside withSharedValues nothing is kept
  });
});
