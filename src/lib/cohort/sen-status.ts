/**
 * A pupil's SEN status on a date, from the spells of the SEN register.
 */
import type { NeedCode, SenStatusCode } from "../../data/codes.js";
import type { SenRecord } from "../schema/records.js";

/** The SEN status in force for one pupil on one date, and the spell it came from (null for none). */
export interface SenStatusOnDate {
  /** `N` no SEN, `K` SEN support, `E` EHC plan. */
  status: SenStatusCode;
  /** The primary need of the spell in force (null for `N` or when the register gives none). */
  primaryNeed: NeedCode | null;
  /** The spell in force, or null when none is. */
  spell: SenRecord | null;
}

const LEVEL: Record<SenStatusCode, number> = { N: 0, K: 1, E: 2 };

/** The answer for a date no spell covers; one shared, frozen object (most pupils, most look-ups). */
const NOT_ON_REGISTER: SenStatusOnDate = Object.freeze({ status: "N", primaryNeed: null, spell: null });

/**
 * Whether a spell is in force on a date: `startDate ≤ date` (a missing start counts as always) and
 * `endDate` is null or `≥ date`.
 * @example
 * spellInForce({ startDate: "2024-09-01", endDate: null }, "2025-01-16") // => true
 */
export function spellInForce(spell: Pick<SenRecord, "startDate" | "endDate">, date: string): boolean {
  return (spell.startDate === null || spell.startDate <= date) && (spell.endDate === null || spell.endDate >= date);
}

/**
 * The SEN status in force on `date` among one pupil's spells: the spell in force with the latest start date
 * (a tie goes to the higher provision, E over K over N). A pupil with no spell in force is `N`.
 * @param spells the pupil's SEN register spells (any order)
 * @param date ISO date
 * @example
 * senStatusOn([{ status: "K", startDate: "2023-09-04", endDate: "2025-01-31", primaryNeed: "SLCN", … },
 *   { status: "E", startDate: "2025-02-01", endDate: null, primaryNeed: "ASD", … }], "2025-03-01").status
 * // => "E"
 */
export function senStatusOn(spells: readonly SenRecord[], date: string): SenStatusOnDate {
  let best: SenRecord | null = null;
  for (const spell of spells) {
    if (!spellInForce(spell, date)) continue;
    if (best === null) {
      best = spell;
      continue;
    }
    const a = spell.startDate ?? "";
    const b = best.startDate ?? "";
    if (a > b || (a === b && LEVEL[spell.status] > LEVEL[best.status])) best = spell;
  }
  if (best === null) return NOT_ON_REGISTER;
  return { status: best.status, primaryNeed: best.status === "N" ? null : best.primaryNeed, spell: best };
}

/**
 * The SEN register grouped by pupil, for repeated look-ups with `senStatusOn`.
 * @example
 * spellsByPupil(data.senRegister).get("A123…")?.length // => 2
 */
export function spellsByPupil(register: readonly SenRecord[]): Map<string, SenRecord[]> {
  const index = new Map<string, SenRecord[]>();
  for (const spell of register) {
    const list = index.get(spell.pupilId);
    if (list) list.push(spell);
    else index.set(spell.pupilId, [spell]);
  }
  return index;
}
