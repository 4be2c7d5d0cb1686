/**
 * Whether reading dates needs a cache: times `academicYearOf` and `academicYearStartYear` (src/lib/cohort/dates.ts,
 * which read dates character by character and keep nothing) against the same functions with their whole
 * answers remembered in module-level maps (more than the memo dates.ts had before the analysis context, #16,
 * which remembered the parsed parts only), on ~3,000 distinct dates and 9 academic years, 3 million calls
 * each, alternating, in CPU time:
 *
 *   npx tsx src/bench/dates.ts
 *
 * On the shared 2-core machine (5 December 2026): memo 175–237 ms, by hand 313–355 ms per 6 million calls,
 * so a cache would save about 25 ns a call, and less than that against dates.ts's old memo (timed by hand
 * against a copy of the old module: 408–511 ms against 454–478 ms; the old regular-expression reading
 * without its memo took 1,675–1,746 ms). The whole report's main-thread CPU is compared in the #16 report.
 */
import { cpuUsage } from "node:process";
import { academicYearOf, academicYearStartYear } from "../lib/cohort/dates.js";

const dates: string[] = [];
for (let i = 0; i < 3000; i++) dates.push(new Date(Date.UTC(2017, 8, 1) + i * 86_400_000).toISOString().slice(0, 10));
const years = ["2017/18", "2018/19", "2019/20", "2020/21", "2021/22", "2022/23", "2023/24", "2024/25", "2025/26"];

/** The same functions, remembered in maps (the memo dates.ts no longer has). */
const yearOfSeen = new Map<string, string>();
const startSeen = new Map<string, number>();
const memoised = {
  academicYearOf(date: string): string {
    let y = yearOfSeen.get(date);
    if (y === undefined) yearOfSeen.set(date, (y = academicYearOf(date)));
    return y;
  },
  academicYearStartYear(year: string): number {
    let s = startSeen.get(year);
    if (s === undefined) startSeen.set(year, (s = academicYearStartYear(year)));
    return s;
  },
};
const plain = { academicYearOf, academicYearStartYear };

function work(f: typeof plain): number {
  let acc = 0;
  for (let i = 0; i < 3_000_000; i++) {
    acc += f.academicYearOf(dates[(i * 7919) % dates.length] as string).length;
    acc += f.academicYearStartYear(years[i % years.length] as string);
  }
  return acc;
}

const times: Record<"memo" | "plain", number[]> = { memo: [], plain: [] };
for (const name of ["memo", "plain", "plain", "memo", "memo", "plain"] as const) {
  const start = cpuUsage();
  work(name === "memo" ? memoised : plain);
  const used = cpuUsage(start);
  times[name].push((used.user + used.system) / 1000);
}
for (const [name, ms] of Object.entries(times)) process.stdout.write(`${name}: ${ms.map((t) => t.toFixed(0)).join(", ")} ms CPU\n`);
