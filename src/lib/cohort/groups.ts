/**
 * The groups a cohort is cut by: SEN status (N/K/E), all SEN (K+E) against no SEN, primary need, year group,
 * disadvantaged, FSM, EAL, gender, looked after, summer-born. A pupil's profile is taken on one date (the SEN
 * status in force then) and in one academic year (the year group then).
 */
import { z } from "zod";
import type { Pupil, SenRecord } from "../schema/records.js";
import type { SchoolData } from "../schema/school-data.js";
import { Gender, Need, SenStatus } from "../schema/primitives.js";
import { academicYearOf } from "./dates.js";
import { isOnRollOn, isSummerBorn, yearGroupIn } from "./pupil-facts.js";
import { senStatusOn, spellsByPupil } from "./sen-status.js";
import { type AnalysisInput, type AnalysisContext, contextOf, derived } from "./context.js";

/** The dimensions a cohort can be split by. `all` is the whole cohort (one group, `all`). */
export const GROUP_DIMENSIONS = [
  "all", "senStatus", "senAny", "primaryNeed", "yearGroup", "disadvantaged", "fsm", "eal", "gender",
  "lookedAfter", "summerBorn",
] as const;
/** Zod enum of group dimensions. @example GroupDimension.parse("senStatus") // => "senStatus" */
export const GroupDimension = z.enum(GROUP_DIMENSIONS);
/** A dimension a cohort can be split by. */
export type GroupDimension = z.infer<typeof GroupDimension>;

/**
 * One pupil's characteristics on a date: the SEN status in force, its primary need, the year group in the
 * date's academic year (or the one asked for), and the flags from the pupil record.
 * @example
 * PupilProfile.parse({ pupilId: "A1", senStatus: "K", primaryNeed: "SLCN", yearGroup: 4,
 *   disadvantaged: true, fsm: true, eal: false, gender: "F", lookedAfter: false, summerBorn: true, onRoll: true })
 */
export const PupilProfile = z.object({
  pupilId: z.string(),
  senStatus: SenStatus,
  primaryNeed: Need.nullable(),
  yearGroup: z.number().int().nullable(),
  disadvantaged: z.boolean().nullable(),
  fsm: z.boolean().nullable(),
  eal: z.boolean().nullable(),
  gender: Gender,
  lookedAfter: z.boolean().nullable(),
  summerBorn: z.boolean().nullable(),
  onRoll: z.boolean(),
});
/** One pupil's characteristics on a date. */
export type PupilProfile = z.infer<typeof PupilProfile>;

/**
 * A pupil's profile on `date`, given the pupil's SEN spells.
 * @param pupil the pupil record
 * @param spells the pupil's SEN register spells
 * @param date ISO date: the SEN status in force then and whether on roll then
 * @param academicYear the academic year for the year group; default the academic year `date` falls in
 * @throws {InvalidArgumentError} when `date` or `academicYear` is malformed
 * @example
 * const pupil = data.pupils.find((p) => p.pupilId === "D873210124055");
 * const spells = data.senRegister.filter((s) => s.pupilId === pupil.pupilId);
 * profileOn(pupil, spells, "2025-01-16").senStatus // => "K"
 */
export function profileOn(
  pupil: Pupil,
  spells: readonly SenRecord[],
  date: string,
  academicYear: string = academicYearOf(date),
): PupilProfile {
  const sen = senStatusOn(spells, date);
  return {
    pupilId: pupil.pupilId,
    senStatus: sen.status,
    primaryNeed: sen.primaryNeed,
    yearGroup: yearGroupIn(pupil, academicYear),
    disadvantaged: pupil.disadvantaged,
    fsm: pupil.fsm,
    eal: pupil.eal,
    gender: pupil.gender,
    lookedAfter: pupil.lookedAfter,
    summerBorn: isSummerBorn(pupil),
    onRoll: isOnRollOn(pupil, date),
  };
}

/** The pupils and SEN register a profile is made from. */
type ProfileData = Pick<SchoolData, "pupils" | "senRegister">;

/**
 * Every pupil's profile on `date` (on roll or not: filter on `onRoll` for the pupils on roll that day).
 * Treat the profiles as read-only: in a context they are shared with other callers (see `profileLookup`).
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @throws {InvalidArgumentError} when `date` or `academicYear` is malformed
 * @example
 * pupilProfiles(data, "2025-01-16").filter((p) => p.onRoll && p.senStatus !== "N").length // => 71
 */
export function pupilProfiles(
  input: AnalysisInput<ProfileData>,
  date: string,
  academicYear: string = academicYearOf(date),
): PupilProfile[] {
  const ctx = contextOf(input);
  const data = ctx.data;
  // With one record per pupil id, the context's look-up gives the same profiles and reuses what other analyses
  // made; the list on a date is made once per context (a report asks for the census day's more than once).
  if (ctx.get(PUPIL_IDS_UNIQUE)) return ctx.get(PROFILES_ON, date, academicYear).slice();
  const spells = spellsByPupil(data.senRegister);
  return data.pupils.map((p) => profileOn(p, spells.get(p.pupilId) ?? [], date, academicYear));
}

/**
 * A lookup that makes pupils' profiles on any date, reusing one index of the SEN register (held on the
 * context). Profiles are shared: the same pupil with the same SEN status, primary need, year group and roll
 * status gets the same (read-only) object back, so looking up millions of results makes only a few profiles
 * per pupil.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @example
 * const at = profileLookup(data);
 * at("A123…", "2025-06-20")?.senStatus // => "E"
 */
export function profileLookup(
  input: AnalysisInput<ProfileData>,
): (pupilId: string, date: string, academicYear?: string) => PupilProfile | null {
  return contextOf(input).get(PROFILE_INDEX).lookup;
}

/**
 * `profileLookup` one pupil at a time: the pupil's own look-up by date (or null for an id not in
 * `data.pupils`), sharing its profiles with `profileLookup`. A caller with many results per pupil then finds
 * the pupil once, not once per result.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @example
 * const at = profileLookupByPupil(data)("A123…");
 * at?.("2025-06-20").senStatus // => "E"
 */
export function profileLookupByPupil(
  input: AnalysisInput<ProfileData>,
): (pupilId: string) => ((date: string, academicYear?: string) => PupilProfile) | null {
  const index = contextOf(input).get(PROFILE_INDEX);
  return (pupilId) => {
    const entry = index.entryOf(pupilId);
    // A new function each call (not kept on the entry): callers ask once per pupil and let it go.
    return entry === null ? null : (date, academicYear) => index.profileOf(entry, date, academicYear);
  };
}

/**
 * The pupil record of a pupil id (for an id given twice, the last record, as a `Map` made from the pupils
 * would give), from the index the profiles are made with (no map of its own).
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @example
 * pupilRecordLookup(data)(data.pupils[0].pupilId) === data.pupils[0] // => true
 */
export function pupilRecordLookup(input: AnalysisInput<ProfileData>): (pupilId: string) => Pupil | undefined {
  const index = contextOf(input).get(PROFILE_INDEX);
  return (pupilId) => index.entryOf(pupilId)?.pupil;
}

/** The look-up shared by `profileLookup` and `profileLookupByPupil`: one per context. */
const PROFILE_INDEX = derived("profile index", (ctx: AnalysisContext<ProfileData>) => new ProfileIndex(ctx.data));

/** Each pupil record's entry in the profile index, in the order of `data.pupils` (see `pupilProfiles`). */
const PROFILE_ENTRIES = derived("profile entries of the pupils", (ctx: AnalysisContext<ProfileData>) => {
  const index = ctx.get(PROFILE_INDEX);
  return ctx.data.pupils.map((p) => index.entryOf(p.pupilId));
});

/** Every pupil's profile on a date, year group in an academic year, in the order of `data.pupils` (for unique pupil ids). */
const PROFILES_ON = derived("pupils' profiles on a date", (ctx: AnalysisContext<ProfileData>, date: string, academicYear: string): readonly PupilProfile[] => {
  const index = ctx.get(PROFILE_INDEX);
  return ctx.get(PROFILE_ENTRIES).map((entry) => (entry === null ? null : index.profileOf(entry, date, academicYear)) as PupilProfile);
});

/** Whether no pupil id appears twice (then a look-up by id finds each pupil record). */
const PUPIL_IDS_UNIQUE = derived("pupil ids unique", (ctx: AnalysisContext<ProfileData>) => {
  const pupils = ctx.data.pupils;
  return new Set(pupils.map((p) => p.pupilId)).size === pupils.length;
});

/**
 * Lets the contexts of shares of `source` (some pupils' part of it, as `splitBySchool` makes: their pupil
 * records and SEN spells) use `source`'s profile look-up instead of making their own, so a pupil's profiles
 * are made once for the trust and its school. Only when every pupil id in `source`'s pupils is there once
 * (then a pupil's profile is the same in both), and only for a share that has no look-up yet; returns
 * whether it could.
 * @param source the whole data's context
 * @param shares the shares' contexts
 * @example
 * shareProfileLookup(prepareAnalysis(data), [prepareAnalysis({ ...data, pupils: data.pupils.slice(0, 10) })]) // => true
 */
export function shareProfileLookup(
  source: AnalysisContext<ProfileData>,
  shares: Iterable<AnalysisContext<ProfileData>>,
): boolean {
  if (!source.get(PUPIL_IDS_UNIQUE)) return false;
  const index = source.get(PROFILE_INDEX);
  for (const share of shares) {
    share.provide(PROFILE_INDEX, index);
    share.provide(PUPIL_IDS_UNIQUE, true); // a share's pupils are some of the source's, each id once
  }
  return true;
}

/** Per pupil: its spells, summer-born, and the profiles made so far with the academic year they are for. */
interface Known {
  pupil: Pupil;
  spells: readonly SenRecord[];
  summerBorn: boolean | null | undefined;
  made: Array<{ academicYear: string; profile: PupilProfile }>;
  /** The last look-up's date and academic year and its answer: callers often ask again for the same day. */
  lastDate: string | undefined;
  lastYear: string | undefined;
  lastProfile: PupilProfile | undefined;
}

/** Pupils' profiles on any date, from one index of the SEN register (see `profileLookup`). */
class ProfileIndex {
  /** Each pupil id's entry (for an id given twice, the last record's, as a map from the pupils would keep). */
  private readonly known = new Map<string, Known>();
  private readonly yearOfDate = new Map<string, string>();
  /** `profileLookup`'s function. */
  readonly lookup: ProfileLookup;

  constructor(data: Pick<SchoolData, "pupils" | "senRegister">) {
    const spells = spellsByPupil(data.senRegister);
    for (const pupil of data.pupils) {
      const entry: Known = {
        pupil, spells: spells.get(pupil.pupilId) ?? [], summerBorn: undefined, made: [], lastDate: undefined,
        lastYear: undefined, lastProfile: undefined,
      };
      this.known.set(pupil.pupilId, entry);
    }
    this.lookup = (pupilId, date, academicYear) => {
      const entry = this.entryOf(pupilId);
      return entry === null ? null : this.profileOf(entry, date, academicYear);
    };
  }

  /** The pupil's entry; null when the id is not a pupil's. */
  entryOf(pupilId: string): Known | null {
    return this.known.get(pupilId) ?? null;
  }

  /** The pupil's profile on `date` (year group in `academicYear`, default the date's). */
  profileOf(entry: Known, date: string, academicYear: string | undefined): PupilProfile {
    if (entry.lastDate === date && entry.lastYear === academicYear && entry.lastProfile !== undefined) return entry.lastProfile;
    let year = academicYear;
    if (year === undefined) {
      year = this.yearOfDate.get(date);
      if (year === undefined) {
        year = academicYearOf(date);
        this.yearOfDate.set(date, year);
      }
    }
    const sen = senStatusOn(entry.spells, date);
    const onRoll = isOnRollOn(entry.pupil, date);
    entry.lastDate = date;
    entry.lastYear = academicYear;
    for (const m of entry.made) {
      const p = m.profile;
      if (m.academicYear === year && p.senStatus === sen.status && p.primaryNeed === sen.primaryNeed && p.onRoll === onRoll) return (entry.lastProfile = p);
    }
    const pupil = entry.pupil;
    const yearGroup = yearGroupIn(pupil, year);
    if (entry.summerBorn === undefined) entry.summerBorn = isSummerBorn(pupil);
    const profile: PupilProfile = {
      pupilId: pupil.pupilId,
      senStatus: sen.status,
      primaryNeed: sen.primaryNeed,
      yearGroup,
      disadvantaged: pupil.disadvantaged,
      fsm: pupil.fsm,
      eal: pupil.eal,
      gender: pupil.gender,
      lookedAfter: pupil.lookedAfter,
      summerBorn: entry.summerBorn,
      onRoll,
    };
    entry.made.push({ academicYear: year, profile });
    return (entry.lastProfile = profile);
  }
}

type ProfileLookup = (pupilId: string, date: string, academicYear?: string) => PupilProfile | null;

function flag(value: boolean | null): string {
  return value === null ? "unknown" : value ? "yes" : "no";
}

/**
 * The group a profile falls in along one dimension. Keys: `senStatus` → N/K/E; `senAny` → SEN (K or E) / N;
 * `primaryNeed` → the need code, `none` for no SEN, `unknown` when K/E has no need; `yearGroup` → N (nursery),
 * R, Y1 … Y13, `unknown`; flags → yes/no/unknown; `gender` → M/F/U; `all` → all.
 * @example
 * const profile = pupilProfiles(data, "2025-01-16").find((p) => p.onRoll && p.senStatus === "E");
 * groupKey(profile, "senAny") // => "SEN"
 * groupKey(profile, "senStatus") // => "E"
 */
export function groupKey(profile: PupilProfile, dimension: GroupDimension): string {
  switch (dimension) {
    case "all":
      return "all";
    case "senStatus":
      return profile.senStatus;
    case "senAny":
      return profile.senStatus === "N" ? "N" : "SEN";
    case "primaryNeed":
      return profile.senStatus === "N" ? "none" : (profile.primaryNeed ?? "unknown");
    case "yearGroup":
      if (profile.yearGroup === null) return "unknown";
      return profile.yearGroup === -1 ? "N" : profile.yearGroup === 0 ? "R" : `Y${profile.yearGroup}`;
    case "gender":
      return profile.gender;
    case "disadvantaged":
    case "fsm":
    case "eal":
    case "lookedAfter":
    case "summerBorn":
      return flag(profile[dimension]);
  }
}

/**
 * The groups always reported along a dimension, even when empty (so an empty group shows as `n: 0`);
 * other groups appear only when a pupil is in them.
 * @example
 * fixedGroups("senStatus") // => ["N", "K", "E"]
 */
export function fixedGroups(dimension: GroupDimension): string[] {
  switch (dimension) {
    case "all":
      return ["all"];
    case "senStatus":
      return ["N", "K", "E"];
    case "senAny":
      return ["SEN", "N"];
    case "gender":
      return ["F", "M"];
    case "disadvantaged":
    case "fsm":
    case "eal":
    case "lookedAfter":
    case "summerBorn":
      return ["yes", "no"];
    default:
      return [];
  }
}

/**
 * Splits items into the groups of a dimension, in a stable order: the fixed groups first (possibly empty),
 * then any others in sorted order.
 * @param items anything with a profile
 * @param profileOf the item's profile
 * @param dimension the dimension to split by
 * @example
 * const profiles = pupilProfiles(data, "2025-01-16").filter((p) => p.onRoll);
 * splitByGroup(profiles, (p) => p, "senStatus").map(([g, xs]) => [g, xs.length]) // => [["N", 337], ["K", 58], ["E", 13]]
 */
export function splitByGroup<T>(
  items: readonly T[],
  profileOf: (item: T) => PupilProfile,
  dimension: GroupDimension,
): Array<[string, T[]]> {
  if (dimension === "senStatus" || dimension === "senAny") {
    const bySen = splitBySen(items, profileOf, dimension);
    if (bySen !== null) return bySen;
  }
  const groups = new Map<string, T[]>(fixedGroups(dimension).map((g) => [g, []] as [string, T[]]));
  const extra: string[] = [];
  for (const item of items) {
    const key = groupKey(profileOf(item), dimension);
    const list = groups.get(key);
    if (list) list.push(item);
    else {
      groups.set(key, [item]);
      extra.push(key);
    }
  }
  const fixed = fixedGroups(dimension);
  const ordered = [...fixed, ...extra.sort(compareGroupKeys)];
  return ordered.map((g) => [g, groups.get(g) ?? []]);
}

/**
 * `splitByGroup` by SEN status or any SEN, without a key or map look-up per item (the splits every table
 * makes, over millions of results); null when a status is not N, K or E (the general path then keeps it).
 */
function splitBySen<T>(
  items: readonly T[],
  profileOf: (item: T) => PupilProfile,
  dimension: "senStatus" | "senAny",
): Array<[string, T[]]> | null {
  const none: T[] = [];
  const support: T[] = [];
  const plan: T[] = [];
  const sen: T[] = [];
  const byStatus = dimension === "senStatus";
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i]!;
    const status = profileOf(item).senStatus;
    if (status === "N") none.push(item);
    else if (status !== "K" && status !== "E") return null;
    else if (!byStatus) sen.push(item);
    else if (status === "K") support.push(item);
    else plan.push(item);
  }
  return byStatus ? [["N", none], ["K", support], ["E", plan]] : [["SEN", sen], ["N", none]];
}

function compareGroupKeys(a: string, b: string): number {
  const year = (k: string): number | null => (k === "N" ? -1 : k === "R" ? 0 : /^Y\d+$/.test(k) ? Number(k.slice(1)) : null);
  const ya = year(a);
  const yb = year(b);
  if (ya !== null && yb !== null) return ya - yb;
  if (a === "unknown") return 1;
  if (b === "unknown") return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
