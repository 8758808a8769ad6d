/**
 * replications.csv: one row per replication × variant, every metric a column, then each uncertain
 * input's draw and what the world turned out to be. annual-cash-flows.csv: one row per replication ×
 * variant × year (then the values at the horizon), the cash of each NPV segment and their sum.
 */
import { METRICS } from '../campus/metrics.js';
import { WORLD_DRIVERS } from '../campus/world-drivers.js';
import { NPV_SEGMENTS } from '../finance/segments.js';
import type { AnnualPeriod } from './annual-summary.js';
import type { Row } from './replicate.js';

/** Quotes a field when it holds a comma, quote or line break (RFC 4180). */
export const field = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Column name of an uncertain input's draw. */
export const inputColumn = (id: string): string => `input:${id}`;

/** Column name of a world driver. */
export const worldColumn = (name: string): string => `world:${name}`;

/** Column name of a segment's cash in annual-cash-flows.csv: its NPV metric without "npv" (npvMiningUSD → miningUSD). */
export const cashColumn = (metric: string): string => metric.charAt(3).toLowerCase() + metric.slice(4);

export function rowsToCsv(rows: readonly Row[], inputIds: readonly string[]): string {
  const lines = [['replication', 'variant', ...METRICS, ...inputIds.map((id) => field(inputColumn(id))), ...WORLD_DRIVERS.map((d) => worldColumn(d.name))].join(',')];
  for (const r of rows) {
    lines.push([String(r.replication), field(r.variant), ...METRICS.map((m) => String(r.metrics[m])), ...Array.from(r.inputs, String), ...Array.from(r.drivers, String)].join(','));
  }
  return lines.join('\n') + '\n';
}

export function annualToCsv(rows: readonly Row[], periods: readonly AnnualPeriod[]): string {
  const P = periods.length;
  const lines = [['replication', 'variant', 'period', 'from', 'to', ...NPV_SEGMENTS.map((s) => cashColumn(s.metric)), 'netUSD'].join(',')];
  for (const r of rows) {
    periods.forEach((period, p) => {
      const cash = NPV_SEGMENTS.map((_, k) => r.annual[k * P + p]);
      lines.push([String(r.replication), field(r.variant), field(period.label), period.from ?? '', period.to ?? '', ...cash.map(String), String(cash.reduce((a, b) => a + b, 0))].join(','));
    });
  }
  return lines.join('\n') + '\n';
}
