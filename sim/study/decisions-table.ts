/**
 * What adaptive layouts' rules did, as a table (terminal and report alike): per rule, how often it
 * fired and when it first did; per layout, its value of flexibility against the fixed plan it names.
 */
import { HOURS_PER_YEAR } from '../core/time.js';
import type { Summary } from './summarize.js';

export interface DecisionsTable {
  head: string[];
  rows: string[][];
  note: string;
}

export function decisionsTable(s: Summary): DecisionsTable | undefined {
  const p = s.policies;
  if (!p || p.length === 0) return undefined;
  const startMs = Date.parse(`${s.start ?? '1970-01-01'}T00:00:00Z`);
  // Year-months: a first firing is a month start, and its quantiles fall between month starts.
  const month = (years: number) => new Date(startMs + years * HOURS_PER_YEAR * 3600e3).toISOString().slice(0, 7);
  const musd = (x: number) => (x / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1, signDisplay: 'exceptZero' });
  const rows = p.flatMap((v) =>
    v.rules.map((rule, i) => {
      const f = i === 0 ? v.flexibility : undefined;
      const when = rule.firstFiredYears ? `${month(rule.firstFiredYears.p50)} (${month(rule.firstFiredYears.p10)} – ${month(rule.firstFiredYears.p90)})` : 'never';
      return [
        i === 0 ? v.variant : '',
        rule.name,
        `${(100 * rule.firedShare).toFixed(0)} %`,
        when,
        i === 0 ? (v.versus ?? '—') : '',
        f ? `${musd(f.meanDifference)} ± ${(f.halfWidth / 1e6).toFixed(1)}` : i === 0 ? '—' : '',
        f && f.probabilityBetter !== undefined ? `${(100 * f.probabilityBetter).toFixed(0)} %` : '',
      ];
    }),
  );
  const texts = p.flatMap((v) => v.rules.map((rule) => `${v.variant} / ${rule.name}: ${rule.text}.`));
  return {
    head: ['adaptive layout', 'rule', 'fired', 'first fired: median (p10 – p90)', 'versus', 'value of flexibility', 'better'],
    rows,
    note:
      `Fired: the share of replications in which the rule acted at least once; first fired: the month of its first action where it did. ` +
      `Value of flexibility: the adaptive layout's NPV less that of the fixed plan it names (versus), per replication on the same world, mean with its ${Math.round(s.confidence * 100)} % interval, million USD; better: the share of worlds in which adapting did better. Rules:\n` +
      texts.map((t) => `  ${t}`).join('\n'),
  };
}
