/**
 * Unique Pupil Numbers (UPNs). A UPN is 13 characters: a check letter, then the LA number (3 digits), the
 * DfE establishment number (4 digits), the year of allocation (2 digits) and a serial (3 characters: digits, or
 * for a temporary UPN two digits and a letter). The check letter is computed from the other 12 (DfE, "Unique
 * Pupil Numbers (UPN): guidance for schools and local authorities", annex on the check letter): multiply each
 * of characters 2–13 by its position (weights 2–13), add, take the remainder mod 23 and look it up in
 * `A B C D E F G H J K L M N P Q R T U V W X Y Z`. A letter in the last position counts as its index in that
 * same list (A = 0, B = 1, …).
 */

/** The 23 letters a check letter is drawn from (I, O and S are not used). */
export const UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

const BODY_PATTERN = /^\d{11}[0-9A-HJ-NP-RT-Z]$/;

/**
 * The check letter for the last 12 characters of a UPN.
 * @throws {Error} when `last12` is not 11 digits followed by a digit or one of the 23 check letters.
 * @example
 * upnCheckLetter("201300125001") // => "X"
 */
export function upnCheckLetter(last12: string): string {
  const body = last12.toUpperCase();
  if (!BODY_PATTERN.test(body)) {
    throw new Error(
      `upnCheckLetter: expected 11 digits then a digit or letter (12 characters), got '${last12}'`,
    );
  }
  let sum = 0;
  for (let i = 0; i < 12; i += 1) {
    const ch = body.charAt(i);
    const value = i === 11 && /[A-Z]/.test(ch) ? UPN_CHECK_LETTERS.indexOf(ch) : Number(ch);
    sum += value * (i + 2);
  }
  return UPN_CHECK_LETTERS.charAt(sum % 23);
}

/**
 * Why a string is not a valid UPN, in plain English, or `null` when it is valid.
 * @example
 * upnProblem("X20130012500") // => "a UPN has 13 characters; 'X20130012500' has 12"
 */
export function upnProblem(upn: string): string | null {
  const value = upn.trim().toUpperCase();
  if (value.length !== 13) return `a UPN has 13 characters; '${upn}' has ${value.length}`;
  const check = value.charAt(0);
  const body = value.slice(1);
  if (!BODY_PATTERN.test(body)) {
    return `'${upn}' is not a UPN: after the check letter it must have 11 digits and then a digit or letter`;
  }
  if (!UPN_CHECK_LETTERS.includes(check)) return `'${upn}' does not start with a check letter`;
  const expected = upnCheckLetter(body);
  if (check !== expected) return `UPN '${upn}' has the wrong check letter (expected '${expected}')`;
  return null;
}

/**
 * Whether a string is a valid UPN: 13 characters, well formed, with the right check letter. Case and
 * surrounding spaces are ignored.
 * @example
 * isValidUpn("X201300125001") // => true
 * isValidUpn("B201300125001") // => false
 */
export function isValidUpn(upn: string): boolean {
  return upnProblem(upn) === null;
}
