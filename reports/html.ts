/**
 * report.html: one self-contained file that opens offline — vega, vega-lite and vega-embed inlined
 * from node_modules, every chart interactive (tooltips). It reads as a board paper: which layout
 * wins and how likely it is to clear the target, why it wins (NPV by segment), what moves the answer
 * (the tornado), cash year by year, and what was assumed; then the other charts, the definitions,
 * the summary and the manifest. Every string that comes from a scenario file is escaped.
 *
 * Each number taken from summary.json carries its path there (`data-path`) and its exact value
 * (`data-value`), so a test can check that what the page shows is what the summary says.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { METRIC_INFO } from '../sim/campus/metrics.js';
import { WORLD_DRIVERS } from '../sim/campus/world-drivers.js';
import { NPV_SEGMENTS } from '../sim/finance/segments.js';
import type { Assumptions } from '../sim/scenario/assumptions.js';
import { breakEvenTable } from '../sim/study/break-even-table.js';
import { decisionsTable } from '../sim/study/decisions-table.js';
import { layoutContext } from '../sim/study/layout-context.js';
import type { Row } from '../sim/study/replicate.js';
import type { Summary } from '../sim/study/summarize.js';
import type { Chart } from './chart.js';
import { columns, probabilityAbove } from './charts/s-curve.js';
import { TOTAL, waterfallSteps } from './charts/waterfall.js';
import { escapeHtml, jsonForScript } from './escape.js';
import { formatValue, inputLabel, periodLabel } from './words.js';

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
  /** The replications' rows, for P(NPV > target); without them that column is left out. */
  rows?: readonly Row[];
  targetUSD?: number;
  assumptions?: Assumptions;
  /** The uncertain inputs as the study saved them. */
  inputs?: ReadonlyArray<{ id: string; text: string; variants?: readonly string[]; unit?: string }>;
}

const known = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);
/** Million USD, one decimal, with a true minus; what rounds to zero shows as 0.0, unsigned. */
const money = (x: number) => {
  const m = Math.round(x / 1e5) / 10;
  return `${m < 0 ? '−' : ''}${Math.abs(m).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}`;
};
const signed = (x: number) => (Math.round(x / 1e5) === 0 ? '0.0' : `${x > 0 ? '+' : ''}${money(x)}`);
/** A target in million USD as a planner writes it: 0, 250, 1,200.5. */
const targetText = (usd: number) => (usd / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 });
const percent = (x: number, digits = 1) => `${(x * 100).toFixed(digits)} %`;

/**
 * A table cell showing a number of summary.json: its path and exact value ride along for checking.
 * Money shows in millions and shares as percentages; a value shown in a unit of its own (a log
 * return as a percentage change, hours as months) says so in `data-unit`.
 */
function num(value: number | null | undefined, path: string, format: (x: number) => string, unit?: string): string {
  const attrs = `data-path="${escapeHtml(path)}"${unit ? ` data-unit="${escapeHtml(unit)}"` : ''}`;
  if (!known(value)) return `<td ${attrs}>—</td>`;
  return `<td ${attrs} data-value="${value}">${format(value)}</td>`;
}

const row = (head: string, cells: string[]) => `<tr><th scope="row">${head}</th>${cells.join('')}</tr>`;
const thead = (cells: string[]) => `<thead><tr>${cells.map((c) => `<th>${c}</th>`).join('')}</tr></thead>`;

/** The charts named, each in a figure (an id from its name, so tests and links find it). */
function figures(charts: readonly Chart[], names: readonly string[], placed: Set<string>): string {
  return charts
    .filter((c) => names.includes(c.name))
    .map((c) => {
      placed.add(c.name);
      return figure(c);
    })
    .join('\n');
}

const figure = (c: Chart) =>
  `<figure class="chart" data-chart="${escapeHtml(c.name)}"><div id="chart-${escapeHtml(c.name)}" class="vega"></div><script type="application/json" id="spec-${escapeHtml(c.name)}">${jsonForScript(c.spec)}</script></figure>`;

function winnerTable(s: Summary, r: ReportInput): string {
  const pct = Math.round(s.confidence * 100);
  const target = r.targetUSD ?? 0;
  const npv = r.rows ? columns(r.rows, s.variants.map((v) => v.name)) : undefined;
  const body = s.variants
    .map((v, i) => {
      const m = v.metrics.npvUSD;
      const at = `variants.${i}.metrics.npvUSD`;
      const d = v.versusBaseline?.npvUSD;
      const dAt = `variants.${i}.versusBaseline.npvUSD`;
      const q = (p: number) => m.quantiles.findIndex((x) => x.p === p);
      return row(escapeHtml(v.name) + (v.name === s.baseline ? ' <em>(baseline)</em>' : ''), [
        num(m.mean, `${at}.mean`, money),
        num(m.halfWidth, `${at}.halfWidth`, (x) => `± ${money(x)}`),
        num(m.quantiles[q(0.1)].value, `${at}.quantiles.${q(0.1)}.value`, money),
        num(m.quantiles[q(0.5)].value, `${at}.quantiles.${q(0.5)}.value`, money),
        num(m.quantiles[q(0.9)].value, `${at}.quantiles.${q(0.9)}.value`, money),
        num(m.cvar5, `${at}.cvar5`, money),
        num(m.probabilityOfLoss, `${at}.probabilityOfLoss`, (x) => percent(x)),
        ...(npv ? [`<td data-target="${target}">${percent(probabilityAbove(npv.get(v.name)!, target))}</td>`] : []),
        d ? num(d.meanDifference, `${dAt}.meanDifference`, signed) : '<td>—</td>',
        d ? num(d.halfWidth, `${dAt}.halfWidth`, (x) => `± ${money(x)}`) : '<td>—</td>',
        d ? num(d.probabilityBetter, `${dAt}.probabilityBetter`, (x) => percent(x, 0)) : '<td>—</td>',
        d ? num(d.tightening, `${dAt}.tightening`, (x) => `${x.toFixed(1)}×`) : '<td>—</td>',
      ]);
    })
    .join('\n');
  const targetHead = npv ? [`P(NPV &gt; ${escapeHtml(targetText(target))})`] : [];
  return `<table class="numbers" id="winner-table">
${thead(['Layout', 'Mean NPV', `± ${pct} % CI`, 'p10', 'p50', 'p90', 'CVaR 5 %', 'P(NPV &lt; 0)', ...targetHead, 'Δ vs baseline', `± ${pct} % CI`, 'P(better)', 'CRN gain'])}
<tbody>
${body}
</tbody>
</table>
<p class="note">Net present value in million USD. CVaR 5 %: mean of the worst 5 % of replications. Δ: paired difference against the baseline on the same worlds; P(better): share of worlds in which the layout beats it; CRN gain: how many times narrower that paired interval is than an unpaired one.${npv ? ` P(NPV &gt; ${escapeHtml(targetText(target))}): share of replications above the target of ${escapeHtml(targetText(target))} million USD (set with <code>--target</code>).` : ''}</p>`;
}

function whyTable(s: Summary): string {
  const steps = waterfallSteps(s);
  if (steps.length === 0) return '<p class="note">One layout only: nothing to compare with.</p>';
  const layouts = s.variants.map((v, i) => ({ v, i })).filter(({ v }) => v.versusBaseline);
  const shown = [...new Set(steps.map((x) => x.step))];
  const body = shown
    .map((label) => {
      const seg = NPV_SEGMENTS.find((x) => x.label === label);
      const metric = seg ? seg.metric : 'npvUSD';
      const head = label === TOTAL ? `<strong>${escapeHtml(label)}</strong>` : escapeHtml(label);
      return row(head, layouts.map(({ v, i }) => num(v.versusBaseline![metric].meanDifference, `variants.${i}.versusBaseline.${metric}.meanDifference`, signed)));
    })
    .join('\n');
  return `<table class="numbers" id="why-table">
${thead(['Segment', ...layouts.map(({ v }) => escapeHtml(v.name))])}
<tbody>
${body}
</tbody>
</table>
<p class="note">Mean NPV less ${escapeHtml(s.baseline)}’s on the same worlds, million USD. Each segment’s NPV is its own cash flows discounted as the whole is, so they add up to the total. Segments: ${NPV_SEGMENTS.map((x) => `<strong>${escapeHtml(x.label)}</strong>: ${escapeHtml(x.description)}`).join('; ')}.</p>`;
}

function annualTable(s: Summary): string {
  const a = s.annualCashFlows;
  if (!a) return '';
  const stats = [
    ['mean', (n: (typeof a.variants)[number]['net'][number]) => n.mean],
    ['p10', (n: (typeof a.variants)[number]['net'][number]) => n.p10],
    ['p50', (n: (typeof a.variants)[number]['net'][number]) => n.p50],
    ['p90', (n: (typeof a.variants)[number]['net'][number]) => n.p90],
  ] as const;
  const body = a.variants
    .map((v, i) =>
      stats
        .map(([stat, of], k) => {
          const head = k === 0 ? `<th scope="rowgroup" rowspan="${stats.length}">${escapeHtml(v.name)}</th>` : '';
          return `<tr>${head}<td class="stat">${stat}</td>${v.net.map((n, p) => num(of(n), `annualCashFlows.variants.${i}.net.${p}.${stat}`, money)).join('')}</tr>`;
        })
        .join('\n'),
    )
    .join('\n');
  return `<table class="numbers" id="annual-table">
${thead(['Layout', '', ...a.periods.map((p) => escapeHtml(p.from ? `${periodLabel(p)}` : 'at the horizon'))])}
<tbody>
${body}
</tbody>
</table>
<p class="note">Net cash flow in million USD, undiscounted: revenue less power, opex and capex in the year they are paid (the years run from ${escapeHtml(a.periods[0]?.from ?? '')}). At the horizon: BTC kept in treasury, rent still due, book value left and any terminal value. Mean, and the 10th, 50th and 90th percentiles over replications; results.xlsx has each segment’s mean by year.</p>`;
}

function assumptionsSection(s: Summary, r: ReportInput): string {
  const a = r.assumptions;
  const world = a ? `<table class="assumptions" id="world-table">${thead(['World, shared by every layout', 'As the scenario writes it'])}<tbody>${a.world.map((x) => `<tr><th scope="row">${escapeHtml(x.topic)}</th><td>${escapeHtml(x.value)}</td></tr>`).join('\n')}</tbody></table>` : '';
  const realised = s.world.filter((d) => d.n > 0);
  const unitOf = (name: string) => WORLD_DRIVERS.find((d) => d.name === name)?.unit;
  const turned = realised.length
    ? `<table class="numbers" id="realised-table">${thead(['What the worlds turned out to be', 'p10', 'median', 'p90'])}<tbody>${realised
        .map((d) => {
          const i = s.world.indexOf(d);
          const label = WORLD_DRIVERS.find((w) => w.name === d.name)?.label ?? d.name;
          const f = (x: number) => escapeHtml(formatValue(x, unitOf(d.name)));
          return row(escapeHtml(label), [num(d.p10, `world.${i}.p10`, f, unitOf(d.name)), num(d.p50, `world.${i}.p50`, f, unitOf(d.name)), num(d.p90, `world.${i}.p90`, f, unitOf(d.name))]);
        })
        .join('\n')}</tbody></table>`
    : '';
  const inputs = r.inputs && r.inputs.length
    ? `<table class="assumptions" id="inputs-table">${thead(['Uncertain input', 'Drawn from, each replication', 'Read by'])}<tbody>${r.inputs
        .map((i) => `<tr><th scope="row">${escapeHtml(inputLabel(i.id))}<br><code>${escapeHtml(i.id)}</code></th><td>${escapeHtml(i.text)}</td><td>${escapeHtml((i.variants ?? []).length === s.variants.length ? 'every layout' : (i.variants ?? []).join(', '))}</td></tr>`)
        .join('\n')}</tbody></table>`
    : '';
  const layouts = a
    ? `<table class="assumptions" id="layouts-table">${thead(['Layout', 'What it is', 'What it changes against the base campus'])}<tbody>${a.layouts
        .filter((l) => s.variants.some((v) => v.name === l.name))
        .map((l) => {
          const changes = l.changes.length === 0 ? '<em>nothing: the base campus</em>' : `<ul class="changes">${l.changes.map((c) => `<li><code>${escapeHtml(c.key)}</code>: ${escapeHtml(c.value)}</li>`).join('')}</ul>`;
          const folded = l.changes.length > 8 ? `<details><summary>${l.changes.length} keys</summary>${changes}</details>` : changes;
          return `<tr><th scope="row">${escapeHtml(l.name)}${l.name === s.baseline ? ' <em>(baseline)</em>' : ''}</th><td>${escapeHtml(l.description) || '—'}</td><td>${folded}</td></tr>`;
        })
        .join('\n')}</tbody></table>`
    : '';
  return [layouts, world, inputs, turned].filter(Boolean).join('\n');
}

/** A table the terminal prints too (text cells, the first a row header), as HTML. */
function textTable(id: string, head: readonly string[], rows: readonly string[][]): string {
  return `<table class="numbers" id="${id}">
${thead(head.map(escapeHtml))}
<tbody>
${rows.map((cells) => row(escapeHtml(cells[0]), cells.slice(1).map((c) => `<td>${escapeHtml(c)}</td>`))).join('\n')}
</tbody>
</table>`;
}

/** Where each layout breaks even against the baseline (study/break-even-table.ts). */
function breakEvenHtml(s: Summary): string {
  const b = breakEvenTable(s);
  if (!b) return '';
  return `${textTable('break-even-table', b.head, b.rows)}
<p class="note">${escapeHtml(b.note)}</p>`;
}

/** What adaptive layouts' rules did, and what flexibility was worth (study/decisions-table.ts). */
function decisionsHtml(s: Summary): string {
  const d = decisionsTable(s);
  if (!d) return '';
  const [note, ...rules] = d.note.split('\n');
  return `${textTable('decisions-table', d.head, d.rows)}
<p class="note">${escapeHtml(note)}</p>
<ul class="note">${rules.map((r) => `<li>${escapeHtml(r.trim())}</li>`).join('')}</ul>`;
}

/** Layouts that do not fit the capital, said before anything else. */
function capitalWarnings(warnings: readonly string[]): string {
  return warnings.map((w) => `<p class="warning" role="alert">${escapeHtml(w)}</p>\n`).join('');
}

export function reportHtml(r: ReportInput): string {
  const s = r.summary;
  const context = layoutContext(s);
  const placed = new Set<string>();
  const section = (id: string, title: string, body: string, charts: string[]) => `<section id="${id}">
<h2>${title}</h2>
${body}
<div class="charts">
${figures(r.charts, charts, placed)}
</div>
</section>`;
  const sections = [
    section('answer', 'Which layout wins, by how much, with what downside?', capitalWarnings(context.warnings) + winnerTable(s, r), ['npv', 'npv-vs-baseline', 's-curve']),
    section('why', `Why does a layout win or lose against ${escapeHtml(s.baseline)}?`, whyTable(s) + breakEvenHtml(s), ['why-it-wins']),
    ...(s.policies ? [section('decisions', 'What did the adaptive layouts decide, and what was deciding later worth?', decisionsHtml(s), ['decision-dates', 'flexibility'])] : []),
    section('drivers', 'What moves the answer?', s.tornado ? `<p class="note">${escapeHtml(s.tornado.method)}. Drivers: the uncertain inputs the scenario declares, and what each world turned out to be (${WORLD_DRIVERS.filter((d) => d.ranked).map((d) => escapeHtml(d.label)).join(', ')}).</p>` : '<p class="note">Nothing varied enough between replications to rank.</p>', ['tornado', 'tornado-vs-baseline', 'risk-return']),
    section(
      'cash',
      'Cash, year by year',
      `${annualTable(s)}
${textTable('context-table', context.head, context.rows)}
<p class="note">${escapeHtml(context.note)}</p>`,
      ['fan-cumulativeCashUSD', 'revenue-mix'],
    ),
    section('assumptions', 'What was assumed', assumptionsSection(s, r), []),
  ];
  const rest = r.charts.filter((c) => !placed.has(c.name));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(s.scenario)} — campus-sim report</title>
<style>
  body { font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1200px; color: #222; padding: 0 1rem; }
  h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
  h2 { margin-top: 2.5rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
  .lede { color: #555; max-width: 60rem; }
  nav a { margin-right: 1rem; }
  table { border-collapse: collapse; margin: 1rem 0; }
  table.numbers { font-variant-numeric: tabular-nums; }
  th, td { padding: 0.35rem 0.7rem; border-bottom: 1px solid #ddd; text-align: right; vertical-align: top; }
  table.numbers td { white-space: nowrap; }
  th[scope="row"], th[scope="rowgroup"], thead th:first-child, td.stat { text-align: left; }
  table.assumptions td, table.assumptions th { text-align: left; max-width: 36rem; }
  ul.changes { margin: 0; padding-left: 1rem; }
  thead th { border-bottom: 2px solid #999; }
  .charts { display: flex; flex-wrap: wrap; gap: 1.5rem; }
  figure.chart { margin: 0; max-width: 100%; overflow-x: auto; }
  details pre { background: #f6f6f6; padding: 1rem; overflow: auto; max-height: 30rem; }
  .note { color: #666; font-size: 0.9rem; max-width: 70rem; }
  .warning { background: #fff4e5; border-left: 4px solid #d97706; padding: 0.4rem 0.8rem; max-width: 70rem; }
  .warnings { border-left: 4px solid #e8a33d; background: #fff8ec; padding: 0.3rem 1rem; }
</style>
${inlineLibraries()}
</head>
<body>
<h1>${escapeHtml(s.scenario)}</h1>
<p class="lede">${escapeHtml(r.description)}</p>
<p class="note">${s.replications} replications · seed ${s.seed} · ${escapeHtml(s.stopping.detail)} · the workbook: <a href="results.xlsx">results.xlsx</a></p>
<nav><a href="#answer">Which layout wins</a><a href="#why">Why</a>${s.policies ? '<a href="#decisions">Decisions</a>' : ''}<a href="#drivers">What moves it</a><a href="#cash">Cash by year</a><a href="#assumptions">Assumptions</a><a href="#more">More charts</a></nav>
${r.warnings && r.warnings.length > 0 ? `<div class="warnings"><p><strong>Check these inputs</strong> — values far outside what real sites have (the study ran with them as written):</p>\n<ul>\n${r.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('\n')}\n</ul></div>\n` : ''}${sections.join('\n')}
<section id="more">
<h2>More charts</h2>
<div class="charts">
${rest.map(figure).join('\n')}
</div>
</section>
<h2>Definitions and run</h2>
<ul class="note">
${Object.entries(s.definitions).map(([k, v]) => `<li><strong>${escapeHtml(k)}</strong>: ${escapeHtml(v)}</li>`).join('\n')}
<li><strong>NPV</strong>: ${escapeHtml(METRIC_INFO.npvUSD.label)}</li>
</ul>
<details><summary>Summary (summary.json)</summary><pre>${escapeHtml(JSON.stringify(s, null, 2))}</pre></details>
<details><summary>Run manifest (manifest.json)</summary><pre>${escapeHtml(JSON.stringify(r.manifest, null, 2))}</pre></details>
<script>
  for (const el of document.querySelectorAll('div.vega')) {
    const spec = JSON.parse(document.getElementById(el.id.replace('chart-', 'spec-')).textContent);
    vegaEmbed(el, spec, { actions: { export: true, source: true, compiled: false, editor: false }, renderer: 'svg' })
      .catch((e) => console.error('chart ' + el.id + ': ' + e.message));
  }
</script>
</body>
</html>
`;
}
