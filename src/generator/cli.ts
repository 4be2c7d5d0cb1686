/**
 * `npm run fixtures`: regenerate `fixtures/sample-school/` (seed 20261123, 420 pupils, one school), or a bigger
 * synthetic data set with `--seed`, `--out`, `--pupils`, `--schools` and `--problems`.
 */
import { Command, InvalidArgumentError as CommanderArgumentError } from "commander";
import { DEFAULT_SEED, generate } from "./generate.js";

const whole = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CommanderArgumentError("expected a whole number");
  return n;
};

const program = new Command()
  .name("fixtures")
  .description("Generate synthetic SEND exports (everything is made up; no real pupils)")
  .option("--seed <n>", "seed of the pseudo-random generator", whole, DEFAULT_SEED)
  .option("--out <dir>", "output folder", "fixtures/sample-school")
  .option("--pupils <n>", "pupils on roll over all schools", whole, 420)
  .option("--schools <n>", "number of schools (more than one: school-001/ … under --out)", whole, 1)
  .option("--problems", "plant the deliberate data problems (always on for a single school)")
  .parse();

const opts = program.opts<{ seed: number; out: string; pupils: number; schools: number; problems?: boolean }>();
const started = performance.now();
const summary = generate(
  { seed: opts.seed, out: opts.out, pupils: opts.pupils, schools: opts.schools, ...(opts.problems ? { problems: true } : {}) },
  (done) => {
    if (opts.schools > 1 && (done % 20 === 0 || done === opts.schools)) process.stderr.write(`  ${done}/${opts.schools} schools\n`);
  },
);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(`wrote ${summary.schools} school(s), ${summary.pupilRows} pupils (roll + leavers) to ${opts.out} in ${seconds}s\n`);
