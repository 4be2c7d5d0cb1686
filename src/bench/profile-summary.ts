/**
 * Summarise a V8 CPU profile (`node --cpu-prof`): the functions with the most self time and the most
 * inclusive time (time with everything they call). Used to decide where to optimise.
 *
 * Usage: npx tsx src/bench/profile-summary.ts <file.cpuprofile> [--top 30] [--filter text]
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** One function's self and inclusive time, in milliseconds. */
export interface FunctionTime {
  name: string;
  selfMs: number;
  totalMs: number;
}

function label(node: ProfileNode): string {
  const url = node.callFrame.url.replace(/^file:\/\//, "").replace(/^.*\/(src|node_modules)\//, "$1/");
  return `${node.callFrame.functionName || "(anonymous)"} ${url}:${node.callFrame.lineNumber + 1}`;
}

/**
 * Self and inclusive time per function of a CPU profile (recursive calls are counted once per sample).
 * @example
 * summariseProfile(JSON.parse(readFileSync("x.cpuprofile", "utf8")))[0] // => { name: "…", selfMs: 1234, totalMs: 5678 }
 */
export function summariseProfile(profile: CpuProfile): FunctionTime[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n] as const));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (node === undefined) return;
    const own = label(node);
    self.set(own, (self.get(own) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at);
      if (n === undefined) break;
      const name = label(n);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + ms);
    }
  });
  return [...total.keys()].map((name) => ({ name, selfMs: self.get(name) ?? 0, totalMs: total.get(name) ?? 0 }));
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/^.*\/src\//, "src/"));
if (isMain) {
  const file = process.argv[2];
  if (file === undefined) {
    process.stderr.write("usage: tsx src/bench/profile-summary.ts <file.cpuprofile> [--top N] [--filter text]\n");
    process.exit(2);
  }
  const topAt = process.argv.indexOf("--top");
  const top = topAt > 0 ? Number(process.argv[topAt + 1]) : 30;
  const filterAt = process.argv.indexOf("--filter");
  const filter = filterAt > 0 ? (process.argv[filterAt + 1] ?? "") : "";
  const times = summariseProfile(JSON.parse(readFileSync(file, "utf8")) as CpuProfile).filter((t) => t.name.includes(filter));
  const fmt = (t: FunctionTime) => `${t.selfMs.toFixed(0).padStart(8)} ${t.totalMs.toFixed(0).padStart(8)}  ${t.name}`;
  process.stdout.write(`self ms  total ms  — by self time\n${[...times].sort((a, b) => b.selfMs - a.selfMs).slice(0, top).map(fmt).join("\n")}\n\n`);
  process.stdout.write(`self ms  total ms  — by inclusive time\n${[...times].sort((a, b) => b.totalMs - a.totalMs).slice(0, top).map(fmt).join("\n")}\n`);
}
