/**
 * The cost of each placement of the provision map: the cost the export states, or the model's
 * (hours delivered × the staff role's hourly rate including on-costs ÷ group size) + resources, with which
 * was used and every figure that went into it, so a SENCO (or a local authority) can check it by hand.
 */
import type { InterventionRecord, Source } from "../schema/records.js";
import { academicYearBounds, academicYearOf, dayNumber } from "../cohort/dates.js";
import type { CostsConfig } from "./config.js";
import { type YearShare, yearShares } from "./years.js";

/**
 * The cost of one pupil's place in one run of an intervention.
 * - `basis`: `"export"` (the cost the export states), `"model"` (worked out), or `"none"` (neither: `reason`
 *   says what is missing).
 * - `sessions`, `minutesPerSession`, `staffHours`: the sessions costed (planned, else attended, else sessions
 *   a week × weeks), their length, and the staff hours they make (sessions × minutes ÷ 60).
 * - `groupSize`: pupils sharing each session (the configuration's, else the pupils recorded in the run).
 * - `role`, `hourlyRate`: the staff role (the configuration's `staff` entry for the name, else a role's alias
 *   in the staff column, else the intervention's configured role) and its rate including on-costs.
 * - `staffCost` = staffHours × hourlyRate ÷ groupSize; `resources`: resources per pupil; `cost`: the cost used.
 * - `end`: the last day costed (the end date, else the end of the start's academic year).
 * - `academicYears`, `financialYears`: the cost split pro rata by day between the years it spans.
 */
export interface PlacementCost {
  pupilId: string;
  intervention: string;
  group: string | null;
  start: string;
  end: string;
  basis: "export" | "model" | "none";
  cost: number | null;
  exportCost: number | null;
  modelCost: number | null;
  sessions: number | null;
  minutesPerSession: number | null;
  staffHours: number | null;
  groupSize: number | null;
  role: string | null;
  hourlyRate: number | null;
  staffCost: number | null;
  resources: number;
  reason: string | null;
  academicYears: { year: string; cost: number; staffHours: number }[];
  financialYears: { year: string; cost: number; staffHours: number }[];
  source: Source;
}

/** Whole words of `text`, folded to lower case. */
function hasWords(text: string, phrase: string): boolean {
  const esc = phrase.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\p{L}\\p{N}])${esc}($|[^\\p{L}\\p{N}])`, "u").test(text.toLowerCase());
}

/**
 * The staff role of a staff column's text: the configuration's `staff` entry for exactly that text, else
 * the role one of whose aliases (or its own key) is a whole word of it ("Mrs Kelly (TA)" → TA; a longer alias
 * wins, so "HLTA" is not read as "TA"). Null when none matches.
 * @example
 * staffRole("Mr Łukasz Nowak (HLTA)", costsConfig()) // => "HLTA"
 * staffRole("Mrs Aoife Kelly (TA)", costsConfig()) // => "TA"
 * staffRole("A. N. Other", costsConfig()) // => null
 */
export function staffRole(staff: string | null, config: Pick<CostsConfig, "staff" | "roles">): string | null {
  if (staff === null) return null;
  const named = config.staff[staff.trim()];
  if (named !== undefined) return named;
  let best: { role: string; length: number } | null = null;
  for (const [role, r] of Object.entries(config.roles)) {
    for (const alias of [role, ...r.aliases]) {
      if (hasWords(staff, alias) && (best === null || alias.length > best.length)) best = { role, length: alias.length };
    }
  }
  return best?.role ?? null;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * The cost of every placement (see `PlacementCost`). The group size of a run is the configuration's for the
 * intervention, else the number of pupils recorded with the same intervention and `group`; a placement with
 * neither is not costed by the model (its group size is not guessed). Costs are in pounds, to the penny.
 * @param records the provision map (`data.interventions`)
 * @param config the costing configuration (`costsConfig`)
 * @example
 * const [p] = costPlacements([{ pupilId: "P1", intervention: "Lego therapy", group: "L1", startDate: "2025-01-06",
 *   endDate: "2025-03-28", sessionsPlanned: 10, sessionsAttended: 9, minutesPerSession: 30, staff: "Ms A (TA)",
 *   cost: null, measure: null, entryScore: null, entryDate: null, exitScore: null, exitDate: null, exitTarget: null,
 *   source: { file: "p.csv", line: 2 } }], costsConfig());
 * p.cost // => 90
 * p.basis // => "model"
 */
export function costPlacements(records: readonly InterventionRecord[], config: CostsConfig): PlacementCost[] {
  // The pupils of each run, by intervention and then group.
  const runPupils = new Map<string, Map<string, Set<string>>>();
  for (const r of records) {
    if (r.group === null) continue;
    let byGroup = runPupils.get(r.intervention);
    if (byGroup === undefined) runPupils.set(r.intervention, (byGroup = new Map()));
    const pupils = byGroup.get(r.group);
    if (pupils === undefined) byGroup.set(r.group, new Set([r.pupilId]));
    else pupils.add(r.pupilId);
  }
  // A provision map names few staff, each on many placements: each text's role is worked out once per call.
  const roles = new Map<string | null, string | null>();
  const roleOf = (staff: string | null): string | null => {
    let role = roles.get(staff);
    if (role === undefined) {
      role = staffRole(staff, config);
      roles.set(staff, role);
    }
    return role;
  };
  // Placements of a run share their dates: each span's split between years is worked out once per call.
  const sharesOf = new Map<string, { academic: YearShare[]; financial: YearShare[] }>();
  const spanShares = (start: string, end: string) => {
    const key = `${start}/${end}`;
    let shares = sharesOf.get(key);
    if (shares === undefined) {
      shares = { academic: yearShares("academic", start, end), financial: yearShares("financial", start, end) };
      sharesOf.set(key, shares);
    }
    return shares;
  };
  return records.map((r) => {
    const iv = config.interventions[r.intervention] ?? {};
    const start = r.startDate;
    const end = r.endDate !== null && r.endDate >= start ? r.endDate : academicYearBounds(academicYearOf(start)).end;
    const missing: string[] = [];
    // Sessions: planned (the sessions the group was timetabled for), else attended, else a week's × weeks.
    const minutes = r.minutesPerSession ?? iv.minutesPerSession ?? null;
    let sessions: number | null = r.sessionsPlanned ?? r.sessionsAttended ?? null;
    if (sessions === null && iv.sessionsPerWeek !== undefined) {
      // Weeks: the working weeks of a year × the share of a year (365 days) the placement covers, at most a year's.
      const days = dayNumber(end) - dayNumber(start) + 1;
      sessions = iv.sessionsPerWeek * config.workingWeeks * Math.min(1, days / 365);
    }
    if (sessions === null) missing.push("the number of sessions (planned or attended, or sessionsPerWeek in the costs file)");
    if (minutes === null) missing.push("the session length (minutes)");
    const staffHours = sessions !== null && minutes !== null ? (sessions * minutes) / 60 : null;
    const groupSize = iv.groupSize ?? (r.group !== null ? runPupils.get(r.intervention)?.get(r.group)?.size ?? null : null);
    if (groupSize === null) missing.push("the group size (a group name in the export, or groupSize for the intervention in the costs file)");
    const role = roleOf(r.staff) ?? iv.role ?? null;
    if (role === null) missing.push(`the staff role (${r.staff === null ? "no staff recorded" : `'${r.staff}' names no role`}: add it under "staff", or a role for the intervention, in the costs file)`);
    const hourlyRate = role === null ? null : config.roles[role]?.hourlyRate ?? null;
    const resources = iv.resourcesPerPupil ?? 0;
    const staffCost = staffHours !== null && groupSize !== null && hourlyRate !== null ? round2((staffHours * hourlyRate) / groupSize) : null;
    const modelCost = staffCost === null ? null : round2(staffCost + resources);
    const exportCost = r.cost;
    let basis: PlacementCost["basis"];
    let cost: number | null;
    if (config.costSource === "export" && exportCost !== null) [basis, cost] = ["export", exportCost];
    else if (modelCost !== null) [basis, cost] = ["model", modelCost];
    else if (exportCost !== null) [basis, cost] = ["export", exportCost];
    else [basis, cost] = ["none", null];
    const reason = basis === "none" ? `not costed: no cost in the export, and the model lacks ${missing.join("; ")}` : null;
    // Staff hours attributable to this pupil: the session hours ÷ the group size.
    const pupilHours = staffHours !== null && groupSize !== null ? staffHours / groupSize : 0;
    const shares = spanShares(start, end);
    const split = (kind: "academic" | "financial") => shares[kind].map((s) => ({
      year: s.year, cost: cost === null ? 0 : round2(cost * s.share), staffHours: pupilHours * s.share,
    }));
    return {
      pupilId: r.pupilId, intervention: r.intervention, group: r.group, start, end, basis, cost, exportCost, modelCost,
      sessions, minutesPerSession: minutes, staffHours, groupSize, role, hourlyRate, staffCost, resources, reason,
      academicYears: split("academic"), financialYears: split("financial"), source: r.source,
    };
  });
}
