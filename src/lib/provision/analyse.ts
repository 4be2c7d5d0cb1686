/**
 * `analyseProvision`: the cost of the provision map in the report's year, against the £6,000 threshold, by
 * area of need, by intervention and in staff hours, with each pupil's annual cost for the SENCO. A pure
 * function of (data, asOf, config): nothing is cached between calls.
 */
import type { SchoolData } from "../schema/school-data.js";
import { DEFAULT_SEN_THRESHOLD, AREA_OF_NEED, AREA_OF_NEED_LABELS, AREAS_OF_NEED } from "../../data/costs.js";
import { senStatusOn, spellsByPupil } from "../cohort/sen-status.js";
import { yearGroupIn } from "../cohort/pupil-facts.js";
import { academicYearOf } from "../cohort/dates.js";
import type { CostsConfig } from "./config.js";
import { costPlacements, type PlacementCost } from "./placement-cost.js";
import { financialYearOf } from "./years.js";
import type { ProvisionCell, ProvisionPupil, ProvisionReport, StaffHoursCell } from "./schema.js";

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The basis sentence printed beside every figure. */
function statement(config: CostsConfig, yearLabel: string, counts: { export: number; model: number; none: number }): string {
  const kind = config.thresholdYear === "academic" ? "academic year" : "financial year (April to March)";
  const source = config.costSource === "export"
    ? "the cost the export states for each placement, else the model's"
    : "the model's cost for each placement, else the cost the export states";
  return `Costs of the provision recorded in the provision map for the ${kind} ${yearLabel}, in pounds: ${source} `
    + `(model: hours delivered × the staff role's hourly rate including on-costs ÷ group size, plus resources). `
    + `A placement spanning two years is split between them by day. ${counts.export} placements costed from the export, `
    + `${counts.model} by the model, ${counts.none} not costed. Not a budget forecast: provision not in the provision map `
    + `(in-class support, equipment, outside services) is not counted.`;
}

/** The smallest band whose amount covers `excess`, the largest when none does; null with no bands. */
function bandFor(excess: number, bands: CostsConfig["topUpBands"]): string | null {
  if (bands.length === 0) return null;
  return (bands.find((b) => b.amount >= excess) ?? bands[bands.length - 1]!).name;
}

/**
 * The provision section of the report (see `ProvisionReport`): each placement costed (`costPlacements`), its
 * cost split between the years it spans; the tables are for the year of `asOf` of the configuration's kind
 * (`thresholdYear`: the academic year by default). Pupils are grouped by SEN status and primary need on
 * `asOf` (a pupil not on the SEN register then is in group `N`); the broad area of need is the Code of
 * Practice's (`AREA_OF_NEED`). A pupil's annual cost is the sum of their placements' costs in the year;
 * above the threshold is more than it (`>`), near is within `margin` below it (≥ threshold − margin).
 * `byIntervention` has no total row (a pupil can be in several interventions); `byArea` and
 * `thresholdBands` do (group `all`).
 * @param data the imported school data
 * @param asOf the date the report describes (yyyy-mm-dd)
 * @param config the costing configuration (`costsConfig()` for the defaults)
 * @example
 * analyseProvision(data, "2026-06-22", costsConfig()).threshold.amount // => 6000
 */
export function analyseProvision(data: SchoolData, asOf: string, config: CostsConfig): ProvisionReport {
  const placements = costPlacements(data.interventions, config);
  const academicYear = academicYearOf(asOf);
  const financialYear = financialYearOf(asOf);
  const kind = config.thresholdYear;
  const year = kind === "academic" ? academicYear : financialYear;
  const counts = { export: 0, model: 0, none: 0 };
  for (const p of placements) counts[p.basis] += 1;

  const inYear = (p: PlacementCost, k: "academic" | "financial", y: string) =>
    (k === "academic" ? p.academicYears : p.financialYears).find((s) => s.year === y);
  const otherKind = kind === "academic" ? "financial" : "academic";
  const otherYear = kind === "academic" ? financialYear : academicYear;

  // Per pupil in the basis year.
  const spells = spellsByPupil(data.senRegister);
  interface Acc { cost: number; other: number; hours: number; list: PlacementCost[] }
  const byPupil = new Map<string, Acc>();
  for (const p of placements) {
    if (p.basis === "none") continue; // listed in `uncosted`, counted nowhere else
    const share = inYear(p, kind, year);
    const other = inYear(p, otherKind, otherYear);
    if (share === undefined && other === undefined) continue;
    const acc = byPupil.get(p.pupilId) ?? { cost: 0, other: 0, hours: 0, list: [] };
    acc.cost += share?.cost ?? 0;
    acc.other += other?.cost ?? 0;
    acc.hours += share?.staffHours ?? 0;
    acc.list.push(p);
    byPupil.set(p.pupilId, acc);
  }
  // The pupils with costed provision (most pupils have none), for their names and year groups.
  const pupilsById = new Map<string, SchoolData["pupils"][number]>();
  for (const p of data.pupils) if (byPupil.has(p.pupilId)) pupilsById.set(p.pupilId, p);
  const rows: ProvisionPupil[] = [];
  const areaOf = new Map<string, string>();
  for (const [pupilId, acc] of byPupil) {
    if (!acc.list.some((p) => inYear(p, kind, year) !== undefined)) continue;
    const status = senStatusOn(spells.get(pupilId) ?? [], asOf);
    const area = status.status === "N" ? "N" : status.primaryNeed === null ? "OTHER" : AREA_OF_NEED[status.primaryNeed];
    areaOf.set(pupilId, area);
    const cost = round2(acc.cost);
    const above = cost > config.threshold;
    const pupil = pupilsById.get(pupilId);
    rows.push({
      pupilId,
      name: pupil === undefined ? null : `${pupil.forename} ${pupil.surname}`.trim(),
      yearGroup: pupil === undefined ? null : yearGroupIn(pupil, academicYear),
      senStatus: status.status,
      primaryNeed: status.primaryNeed,
      cost,
      otherYearCost: round2(acc.other),
      aboveThreshold: above,
      nearThreshold: !above && cost >= config.threshold - config.margin,
      excess: above ? round2(cost - config.threshold) : null,
      band: above ? bandFor(cost - config.threshold, config.topUpBands) : null,
      placements: acc.list.map((p) => ({
        intervention: p.intervention, start: p.start, end: p.end, basis: p.basis, cost: p.cost,
        costInYear: inYear(p, kind, year)?.cost ?? 0, sessions: p.sessions, minutesPerSession: p.minutesPerSession,
        groupSize: p.groupSize, role: p.role, hourlyRate: p.hourlyRate, resources: p.resources,
      })),
    });
  }
  rows.sort((a, b) => b.cost - a.cost || (a.pupilId < b.pupilId ? -1 : 1));
  const costOf = new Map(rows.map((r) => [r.pupilId, r]));

  const cell = (partition: string, group: string, label: string, ids: Iterable<string>, isTotal = false): ProvisionCell => {
    let n = 0;
    let cost = 0;
    let hours = 0;
    for (const id of ids) {
      n += 1;
      cost += costOf.get(id)?.cost ?? 0;
      hours += byPupil.get(id)?.hours ?? 0;
    }
    return {
      partition, group, label, ...(isTotal ? { isTotal: true } : {}), n, cost: round2(cost),
      costPerPupil: n === 0 ? null : round2(cost / n), staffHours: Math.round(hours * 10) / 10,
    };
  };

  // By area of need.
  const areaPartition = `provision|${year}|area`;
  const areaGroups = [...AREAS_OF_NEED, "N"] as const;
  const areaLabel = (g: string) => (g === "N" ? "Not on the SEN register" : AREA_OF_NEED_LABELS[g as (typeof AREAS_OF_NEED)[number]]);
  const idsByArea = new Map<string, string[]>();
  for (const r of rows) {
    const area = areaOf.get(r.pupilId) as string;
    const ids = idsByArea.get(area);
    if (ids === undefined) idsByArea.set(area, [r.pupilId]);
    else ids.push(r.pupilId);
  }
  const byArea = [
    ...areaGroups.map((g) => cell(areaPartition, g, areaLabel(g), idsByArea.get(g) ?? [])),
    cell(areaPartition, "all", "All pupils with costed provision", rows.map((r) => r.pupilId), true),
  ];

  // By intervention: the cost of each intervention's placements in the year (not the pupils' whole cost).
  const ivPartition = `provision|${year}|intervention`;
  const names = [...new Set(placements.map((p) => p.intervention))].sort();
  const byIntervention: ProvisionCell[] = [];
  for (const name of names) {
    const ps = placements.filter((p) => p.basis !== "none" && p.intervention === name && inYear(p, kind, year) !== undefined);
    if (ps.length === 0) continue;
    const pupils = new Set(ps.map((p) => p.pupilId));
    const cost = round2(ps.reduce((a, p) => a + (inYear(p, kind, year)?.cost ?? 0), 0));
    const hours = ps.reduce((a, p) => a + (inYear(p, kind, year)?.staffHours ?? 0), 0);
    byIntervention.push({
      partition: ivPartition, group: name, label: name, n: pupils.size, cost, costPerPupil: round2(cost / pupils.size),
      staffHours: Math.round(hours * 10) / 10, placements: ps.length,
    });
  }

  // Against the threshold.
  const thPartition = `provision|${year}|threshold`;
  const thresholdBands = [
    cell(thPartition, "above", `Above £${config.threshold.toLocaleString("en-GB")}`, rows.filter((r) => r.aboveThreshold).map((r) => r.pupilId)),
    cell(thPartition, "near", `Within £${config.margin.toLocaleString("en-GB")} below it`, rows.filter((r) => r.nearThreshold).map((r) => r.pupilId)),
    cell(thPartition, "below", "Further below", rows.filter((r) => !r.aboveThreshold && !r.nearThreshold).map((r) => r.pupilId)),
    cell(thPartition, "all", "All pupils with costed provision", rows.map((r) => r.pupilId), true),
  ];

  // Staff hours by role and year group.
  const hoursKey = new Map<string, { role: string; yearGroup: number | null; pupils: Set<string>; hours: number }>();
  for (const p of placements) {
    const share = inYear(p, kind, year);
    if (share === undefined || p.basis === "none" || p.role === null || share.staffHours === 0) continue;
    const yg = costOf.get(p.pupilId)?.yearGroup ?? null;
    const key = `${p.role}|${yg}`;
    const e = hoursKey.get(key) ?? { role: p.role, yearGroup: yg, pupils: new Set<string>(), hours: 0 };
    e.pupils.add(p.pupilId);
    e.hours += share.staffHours;
    hoursKey.set(key, e);
  }
  const staffHours: StaffHoursCell[] = [...hoursKey.values()]
    .sort((a, b) => (a.role < b.role ? -1 : a.role > b.role ? 1 : (a.yearGroup ?? -9) - (b.yearGroup ?? -9)))
    .map((e) => ({
      partition: `provision|${year}|hours|${e.role}`, group: e.yearGroup === null ? "unknown" : `Y${e.yearGroup}`,
      role: e.role, yearGroup: e.yearGroup, n: e.pupils.size, hours: Math.round(e.hours * 10) / 10,
    }));

  // Whole-provision totals for every year either kind spans: one pass over the placements per kind, each
  // year's costs added in placement order.
  const years: ProvisionReport["years"] = [];
  for (const k of ["academic", "financial"] as const) {
    const totals = new Map<string, { pupils: Set<string>; cost: number }>();
    for (const p of placements) {
      for (const s of k === "academic" ? p.academicYears : p.financialYears) {
        let total = totals.get(s.year);
        if (total === undefined) totals.set(s.year, (total = { pupils: new Set(), cost: 0 }));
        if (p.basis === "none" || inYear(p, k, s.year) !== s) continue; // a year's first share, as `inYear` takes
        total.pupils.add(p.pupilId);
        total.cost += s.cost;
      }
    }
    for (const y of [...totals.keys()].sort()) {
      const total = totals.get(y) as { pupils: Set<string>; cost: number };
      years.push({ yearKind: k, year: y, n: total.pupils.size, cost: round2(total.cost) });
    }
  }

  const senRows = rows.filter((r) => r.senStatus !== "N");
  const senSpent = round2(senRows.reduce((a, r) => a + r.cost, 0));
  const notionalSenBudget = config.notionalSenBudget === null ? null : {
    amount: config.notionalSenBudget, n: senRows.length, spent: senSpent, remaining: round2(config.notionalSenBudget - senSpent),
  };

  return {
    asOf,
    basis: {
      yearKind: kind, year, academicYear, financialYear, costSource: config.costSource, placements: counts,
      workingWeeks: config.workingWeeks,
      rates: Object.entries(config.roles).map(([role, r]) => ({ role, label: r.label ?? role, hourlyRate: r.hourlyRate, source: r.source ?? null })),
      config: config.from,
      statement: statement(config, year, counts),
    },
    threshold: {
      amount: config.threshold,
      margin: config.margin,
      source: config.threshold === DEFAULT_SEN_THRESHOLD && config.from === "defaults"
        ? "DfE, The notional SEN budget for mainstream schools: operational guidance 2025 to 2026: schools meet the costs of additional support up to £6,000 per pupil a year from the notional SEN budget (element 2); the local authority pays top-up (element 3) above it."
        : `The costs file ${config.from}.`,
      bands: config.topUpBands.map((b) => ({ name: b.name, amount: b.amount })),
    },
    years,
    notionalSenBudget,
    byArea,
    byIntervention,
    thresholdBands,
    staffHours,
    pupils: { pupilLevel: true, rows },
    uncosted: {
      pupilLevel: true,
      rows: placements.filter((p) => p.basis === "none").map((p) => ({
        pupilId: p.pupilId, intervention: p.intervention, file: p.source.file, line: p.source.line, reason: p.reason ?? "",
      })),
    },
  };
}
