import { describe, expect, it } from "vitest";
import { isValidUpn, upnCheckLetter, upnProblem } from "../../src/lib/import/upn.js";

// Hand computation (DfE UPN guidance, check-letter annex): characters 2–13 weighted 2–13, sum mod 23,
// looked up in ABCDEFGHJKLMNPQRTUVWXYZ (A=0 … X=20).
// Body 201300125001: 2·2 + 0·3 + 1·4 + 3·5 + 0·6 + 0·7 + 1·8 + 2·9 + 5·10 + 0·11 + 0·12 + 1·13 = 112;
// 112 mod 23 = 20 → X.
// Body 823456789012: 8·2+2·3+3·4+4·5+5·6+6·7+7·8+8·9+9·10+0·11+1·12+2·13 = 16+6+12+20+30+42+56+72+90+0+12+26
// = 382; 382 mod 23 = 14 → Q.
// Temporary UPN body 20130012500A: the final letter counts as its index (A=0): 112 − 1·13 + 0 = 99;
// 99 mod 23 = 7 → H.
describe("upnCheckLetter", () => {
  it("matches hand-computed check letters", () => {
    expect(upnCheckLetter("201300125001")).toBe("X");
    expect(upnCheckLetter("823456789012")).toBe("Q");
    expect(upnCheckLetter("20130012500A")).toBe("H");
  });
  it("rejects bodies of the wrong shape, naming the function", () => {
    expect(() => upnCheckLetter("2013001250")).toThrow(/upnCheckLetter/);
    expect(() => upnCheckLetter("20130012500I")).toThrow(/upnCheckLetter/);
  });
});

describe("isValidUpn", () => {
  it("accepts UPNs with the right check letter, in any case and with spaces around", () => {
    expect(isValidUpn("X201300125001")).toBe(true);
    expect(isValidUpn(" x201300125001 ")).toBe(true);
    expect(isValidUpn("Q823456789012")).toBe(true);
    expect(isValidUpn("H20130012500A")).toBe(true);
  });
  it("rejects wrong check letters, wrong lengths and wrong shapes", () => {
    expect(isValidUpn("A201300125001")).toBe(false);
    expect(isValidUpn("X20130012500")).toBe(false);
    expect(isValidUpn("X2013001250011")).toBe(false);
    expect(isValidUpn("XA01300125001")).toBe(false);
    expect(isValidUpn("")).toBe(false);
  });
  it("says why in plain English", () => {
    expect(upnProblem("A201300125001")).toBe("UPN 'A201300125001' has the wrong check letter (expected 'X')");
    expect(upnProblem("X2013")).toMatch(/13 characters/);
    expect(upnProblem("X201300125001")).toBeNull();
  });
});
