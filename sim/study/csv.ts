/** replications.csv: one row per replication × variant, every metric a column. */
import { METRICS } from '../campus/metrics.js';
import type { Row } from './replicate.js';

/** Quotes a field when it holds a comma, quote or line break (RFC 4180). */
const field = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function rowsToCsv(rows: readonly Row[]): string {
  const lines = [['replication', 'variant', ...METRICS].join(',')];
  for (const r of rows) lines.push([String(r.replication), field(r.variant), ...METRICS.map((m) => String(r.metrics[m]))].join(','));
  return lines.join('\n') + '\n';
}
