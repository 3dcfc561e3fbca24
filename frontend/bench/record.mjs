// One figure for the bench report (scripts/bench_report.py): a JSON line appended to
// $FITTRACK_BENCH_OUT, which `make bench` sets. Without it nothing is recorded.
import { appendFileSync } from 'node:fs';

export function record(name, value, unit, { target = null, better = 'lower' } = {}) {
  const out = process.env.FITTRACK_BENCH_OUT;
  if (!out) return;
  appendFileSync(out, `${JSON.stringify({ name, value: Math.round(value * 10_000) / 10_000, unit, target, better })}\n`);
}
