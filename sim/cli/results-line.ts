/** The closing line of a study or a merge: where the report is and which files were written. */
import { join, relative } from 'node:path';

export function resultsLine(outDir: string, files: readonly string[]): string {
  const rel = relative(process.cwd(), outDir);
  const where = rel === '' ? '.' : rel.startsWith('..') ? outDir : rel;
  const charts = files.filter((f) => f.endsWith('.svg')).length;
  const report = files.includes('report.html') ? `Report: ${join(where, 'report.html')} (opens offline in a browser). ` : '';
  // Name what this run wrote: a shard writes its rows and state, not a summary.
  const main = ['summary.json', 'replications.csv', 'annual-cash-flows.csv', 'bands.csv', 'results.xlsx', 'manifest.json'].filter((f) => files.includes(f));
  return `${report}Results in ${where}/: ${main.join(', ')}${charts ? `, ${charts} charts in charts/ (SVG, PNG, Vega-Lite)` : ''}.`;
}
