/**
 * Unique Pupil Numbers for synthetic pupils (DfE "Unique pupil numbers (UPNs): guidance"). A UPN is 13
 * characters: a check letter, then the LA code (3 digits), the DfE establishment number (4), the 2-digit year
 * of allocation and a 3-digit serial. This is the generator's own implementation, kept separate from the
 * library's so one can test the other.
 */

/** The 23 check letters, indexed by the weighted sum mod 23 (I, O and S are not used). */
export const UPN_CHECK_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ";

/**
 * The check letter for the 12 characters after it: sum of each character's value × its position's weight
 * (character 2 of the UPN has weight 2, … character 13 weight 13), mod 23, indexes `UPN_CHECK_ALPHABET`.
 * Digits count as their value; a letter (temporary UPNs end in one) counts as its index in the alphabet.
 * @throws {Error} when `rest` is not 12 characters.
 * @example
 * upnCheckLetter("873210119001") // => "B"
 */
export function upnCheckLetter(rest: string): string {
  if (rest.length !== 12) throw new Error(`upnCheckLetter: expected 12 characters, got ${rest.length}`);
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = rest.charAt(i);
    const digit = ch.charCodeAt(0) - 48;
    const value = digit >= 0 && digit <= 9 ? digit : UPN_CHECK_ALPHABET.indexOf(ch.toUpperCase());
    sum += value * (i + 2);
  }
  return UPN_CHECK_ALPHABET.charAt(sum % 23);
}

/**
 * Build a UPN from its parts.
 * @example
 * makeUpn(873, 2101, 19, 1) // => "B873210119001"
 */
export function makeUpn(la: number, establishment: number, year: number, serial: number): string {
  const rest =
    String(la).padStart(3, "0") +
    String(establishment).padStart(4, "0") +
    String(year % 100).padStart(2, "0") +
    String(serial).padStart(3, "0");
  return upnCheckLetter(rest) + rest;
}

/**
 * The same UPN with a different (wrong) check letter, for the deliberate `upn-check-letter` problem.
 * @example
 * withWrongCheckLetter("B873210119001") // => "C873210119001"
 */
export function withWrongCheckLetter(upn: string): string {
  const i = UPN_CHECK_ALPHABET.indexOf(upn.charAt(0));
  return UPN_CHECK_ALPHABET.charAt((i + 1) % 23) + upn.slice(1);
}
