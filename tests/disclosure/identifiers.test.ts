import { describe, expect, it } from "vitest";
import {
  assertNoPupilIdentifiers, findPupilIdentifiers, isPupilIdentifierField, looksLikeUpn,
} from "../../src/lib/disclosure/identifiers.js";
import { policyFor } from "../../src/lib/disclosure/policy.js";
import { InvalidArgumentError } from "../../src/lib/errors.js";

describe("looksLikeUpn", () => {
  it("matches the DfE shape (letter, 11 digits, digit or letter) alone or inside text, whatever the check letter", () => {
    expect(looksLikeUpn("X201300125001")).toBe(true); // valid UPN (check letter X, see tests of upnCheckLetter)
    expect(looksLikeUpn("B201300125001")).toBe(true); // wrong check letter: still an identifier
    expect(looksLikeUpn("x20130012500A")).toBe(true); // temporary UPN, lower case
    expect(looksLikeUpn("pupil X201300125001, Y6")).toBe(true);
  });
  it("does not match words or other codes", () => {
    expect(looksLikeUpn("Comprehension")).toBe(false); // 13 letters
    expect(looksLikeUpn("X2013001250")).toBe(false); // 11 characters
    expect(looksLikeUpn("X2013001250012")).toBe(false); // 14 characters
    expect(looksLikeUpn("2024/25 summer")).toBe(false);
  });
});

describe("isPupilIdentifierField", () => {
  it("ignores case, spaces, _ and -", () => {
    expect(["pupilId", "UPN", "mis_id", "Forename", "surname", "date-of-birth", "name"].map(isPupilIdentifierField))
      .toEqual([true, true, true, true, true, true, true]);
    expect(["schoolName", "n", "label", "need"].map(isPupilIdentifierField)).toEqual([false, false, false, false]);
  });
});

describe("findPupilIdentifiers", () => {
  const pupils = [{ upn: "X201300125001", misId: "100234", forename: "Summer", surname: "Okafor", dateOfBirth: "2014-07-03" }];
  it("finds a known pupil's name, DOB in several formats and MIS id, but not look-alike labels", () => {
    const found = findPupilIdentifiers({
      a: "Okafor, Summer", b: "born 03/07/2014", c: "3/7/2014", d: "100234", e: "Summer-born", f: "summer", g: "Okafor",
    }, pupils);
    expect(found).toEqual([
      { path: "$.a", kind: "name" }, { path: "$.b", kind: "date of birth" }, { path: "$.c", kind: "date of birth" },
      { path: "$.d", kind: "MIS id" }, { path: "$.g", kind: "name" },
    ]);
  });
  it("reports identifier fields with a value", () => {
    expect(findPupilIdentifiers({ rows: [{ pupilId: "1001" }, { pupilId: null }] })).toEqual([{ path: "$.rows[0].pupilId", kind: "identifier field" }]);
  });
});

describe("assertNoPupilIdentifiers", () => {
  it("throws an InvalidArgumentError naming paths, not values", () => {
    expect(() => assertNoPupilIdentifiers({ note: "X201300125001" })).toThrow(InvalidArgumentError);
    expect(() => assertNoPupilIdentifiers({ note: "X201300125001" })).toThrow("assertNoPupilIdentifiers: pupil identifiers would leak: UPN at $.note");
    expect(() => assertNoPupilIdentifiers({ n: 3, label: "EHC plan" })).not.toThrow();
  });
});

describe("policyFor", () => {
  it("has the documented defaults", () => {
    expect(policyFor("senco")).toEqual({ audience: "senco", threshold: 6 });
    expect(policyFor("governors")).toEqual({ audience: "governors", threshold: 6 });
    expect(policyFor("public")).toEqual({ audience: "public", threshold: 6, roundCountsTo: 5 });
    expect(policyFor("governors", { threshold: 11, roundCountsTo: 10 })).toEqual({ audience: "governors", threshold: 11, roundCountsTo: 10 });
  });
  it("rejects a bad threshold or audience", () => {
    expect(() => policyFor("governors", { threshold: 2.5 })).toThrow("policyFor: threshold must be a whole number of pupils, at least 1; got 2.5");
    expect(() => policyFor("parents" as "senco")).toThrow(InvalidArgumentError);
  });
});
