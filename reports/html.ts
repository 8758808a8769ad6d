/**
 * report.html: one self-contained file that opens offline — vega, vega-lite and vega-embed inlined
 * from node_modules, every chart interactive (tooltips), the summary table, the scenario and the
 * run manifest. Every string that comes from a scenario file is escaped.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { METRIC_INFO } from '../sim/campus/metrics.js';
import { layoutContext } from '../sim/study/layout-context.js';
import type { Summary } from '../sim/study/summarize.js';
import type { Chart } from './chart.js';
import { escapeHtml, jsonForScript } from './escape.js';

/** A library's minified browser build, found beside its package entry. */
function browserBuild(pkg: string, file: string): string {
  const entry = fileURLToPath(import.meta.resolve(pkg));
  return readFileSync(join(dirname(entry), file), 'utf8').replace(/<\/script/gi, '<\\/script');
}

let libraries: string | undefined;
function inlineLibraries(): string {
  libraries ??= [browserBuild('vega', 'vega.min.js'), browserBuild('vega-lite', 'vega-lite.min.js'), browserBuild('vega-embed', 'vega-embed.min.js')]
    .map((code) => `<script>${code}</script>`)
    .join('\n');
  return libraries;
}

export interface ReportInput {
  summary: Summary;
  charts: readonly Chart[];
  description: string;
  manifest: unknown;
  /** Values of the scenario far outside what real sites have, one line each (shown above the tables). */
  warnings?: readonly string[];
}

const money = (x: number) => (x / 1e6).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function reportHtml(r: ReportInput): string {
  const s = r.summary;
  const pct = Math.round(s.confidence * 100);
  const context = layoutContext(s);
  const rows = s.variants
    .map((v) => {
      const m = v.metrics.npvUSD;
      const d = v.versusBaseline?.npvUSD;
      const q = (p: number) => money(m.quantiles.find((x) => x.p === p)!.value);
      const cells = [
        escapeHtml(v.name) + (v.name === s.baseline ? ' <em>(baseline)</em>' : ''),
        `${money(m.mean)} ± ${money(m.halfWidth)}`,
        q(0.1),
        q(0.9),
        money(m.cvar5),
        `${((m.probabilityOfLoss ?? 0) * 100).toFixed(1)} %`,
        d ? `${d.meanDifference >= 0 ? '+' : ''}${money(d.meanDifference)} ± ${money(d.halfWidth)}` : '—',
        d?.probabilityBetter !== undefined ? `${(d.probabilityBetter * 100).toFixed(0)} %` : '—',
        d ? `${d.tightening.toFixed(1)}×` : '—',
      ];
      return `<tr>${cells.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`;
    })
    .join('\n');
  const charts = r.charts
    .map((c, i) => `<figure class="chart"><div id="chart-${i}" class="vega"></div><script type="application/json" id="spec-${i}">${jsonForScript(c.spec)}</script></figure>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(s.scenario)} — campus-sim report</title>
<style>
  body { font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1200px; color: #222; padding: 0 1rem; }
  h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
  .lede { color: #555; max-width: 60rem; }
  table { border-collapse: collapse; margin: 1rem 0; font-variant-numeric: tabular-nums; }
  th, td { padding: 0.35rem 0.7rem; border-bottom: 1px solid #ddd; text-align: right; }
  th[scope="row"], thead th:first-child { text-align: left; }
  thead th { border-bottom: 2px solid #999; }
  .charts { display: flex; flex-wrap: wrap; gap: 1.5rem; }
  figure.chart { margin: 0; }
  details pre { background: #f6f6f6; padding: 1rem; overflow: auto; max-height: 30rem; }
  .note { color: #666; font-size: 0.9rem; }
  .warnings { border-left: 4px solid #e8a33d; background: #fff8ec; padding: 0.3rem 1rem; }
</style>
${inlineLibraries()}
</head>
<body>
<h1>${escapeHtml(s.scenario)}</h1>
<p class="lede">${escapeHtml(r.description)}</p>
<p class="note">${s.replications} replications · seed ${s.seed} · ${escapeHtml(s.stopping.detail)}</p>
${r.warnings && r.warnings.length > 0 ? `<div class="warnings"><p><strong>Check these inputs</strong> — values far outside what real sites have (the study ran with them as written):</p>\n<ul>\n${r.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('\n')}\n</ul></div>\n` : ''}<h2>Which layout wins, by how much, with what downside?</h2>
<p class="note">Net present value in million USD. ${pct} % intervals; CVaR 5 %: mean of the worst 5 % of replications; Δ: paired difference against the baseline on the same worlds; CRN gain: how many times narrower that paired interval is than an unpaired one.</p>
<table>
<thead><tr><th>Variant</th><th>Mean NPV ± ${pct} % CI</th><th>p10</th><th>p90</th><th>CVaR 5 %</th><th>P(NPV &lt; 0)</th><th>Δ vs baseline</th><th>P(better)</th><th>CRN gain</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>What does each layout need, and where does its money come from?</h2>
<table>
<thead><tr>${context.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${context.rows.map((row) => `<tr>${row.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`).join('\n')}
</tbody>
</table>
<p class="note">${escapeHtml(context.note)}</p>
<h2>Charts</h2>
<div class="charts">
${charts}
</div>
<h2>Definitions and run</h2>
<ul class="note">
${Object.entries(s.definitions).map(([k, v]) => `<li><strong>${escapeHtml(k)}</strong>: ${escapeHtml(v)}</li>`).join('\n')}
<li><strong>NPV</strong>: ${escapeHtml(METRIC_INFO.npvUSD.label)}</li>
</ul>
<details><summary>Summary (summary.json)</summary><pre>${escapeHtml(JSON.stringify(s, null, 2))}</pre></details>
<details><summary>Run manifest (manifest.json)</summary><pre>${escapeHtml(JSON.stringify(r.manifest, null, 2))}</pre></details>
<script>
  for (const el of document.querySelectorAll('div.vega')) {
    const spec = JSON.parse(document.getElementById(el.id.replace('chart', 'spec')).textContent);
    vegaEmbed(el, spec, { actions: { export: true, source: true, compiled: false, editor: false }, renderer: 'svg' })
      .catch((e) => console.error('chart ' + el.id + ': ' + e.message));
  }
</script>
</body>
</html>
`;
}
