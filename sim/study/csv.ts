/** replications.csv: one row per replication × variant, every metric a column, then each uncertain input's draw. */
import { METRICS } from '../campus/metrics.js';
import type { Row } from './replicate.js';

/** Quotes a field when it holds a comma, quote or line break (RFC 4180). */
const field = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Column name of an uncertain input's draw. */
export const inputColumn = (id: string): string => `input:${id}`;

export function rowsToCsv(rows: readonly Row[], inputIds: readonly string[]): string {
  const lines = [['replication', 'variant', ...METRICS, ...inputIds.map((id) => field(inputColumn(id)))].join(',')];
  for (const r of rows) {
    lines.push([String(r.replication), field(r.variant), ...METRICS.map((m) => String(r.metrics[m])), ...Array.from(r.inputs, String)].join(','));
  }
  return lines.join('\n') + '\n';
}
