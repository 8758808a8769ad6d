/**
 * The report in a real browser: headless Chromium (Debian's package, driven by playwright-core) opens
 * report.html from disk with the network blocked. Every chart must draw, fit the page, keep its text
 * apart (no two visible text elements' boxes overlap), and name the year on its time axes; tooltips
 * must show on hover; the numbers in the tables must be summary.json's; nothing may log an error;
 * text from the scenario must stay text. Two studies: the default scenario, and one whose horizon
 * starts in March. Run by `npm run test:browser` (.ci/run installs Chromium first).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario, parseScenario } from '../sim/scenario/load.js';
import { runStudy } from '../sim/study/study.js';
import type { Summary } from '../sim/study/summarize.js';
import { PAGE_WIDTH } from './chart.js';
import { npvDistributionChart } from './charts/npv-distribution.js';
import { pairedDifferenceChart } from './charts/paired-difference.js';
import { reportHtml } from './html.js';
import { writeReport } from './report-files.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const dir = mkdtempSync(join(tmpdir(), 'campus-browser-'));
let browser: Browser;

async function open(file: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // No network: the report must carry everything it needs.
  await context.route(/^(?!file:)/, (route) => route.abort());
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href);
  return { page, errors, dialogs, context };
}

/** Waits until every chart on the page has drawn; returns their names. */
async function drawn(page: Page): Promise<string[]> {
  const count = await page.locator('div.vega').count();
  // (String expressions: they run in the page, where `document` exists.)
  await page.waitForFunction(`document.querySelectorAll('div.vega svg.marks').length === ${count}`, undefined, { timeout: 30_000 });
  return page.locator('figure.chart').evaluateAll((els) => els.map((e) => e.getAttribute('data-chart')!));
}

/** Each visible text element of a chart: its text and box (a function built from text, for the page: no DOM types here). */
const TEXTS = new Function('root', `return [...root.querySelectorAll('svg.marks text')]
  .filter((t) => {
    for (let e = t; e && e !== root; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0 || e.getAttribute('opacity') === '0') return false;
    }
    return t.textContent.trim() !== '';
  })
  .map((t) => { const b = t.getBoundingClientRect(); return { text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height, axisLabel: t.closest('.role-axis-label') ? t.closest('.role-axis').getAttribute('aria-label') ?? '' : '' }; })`) as (root: unknown) => TextBox[];

interface TextBox {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** For an axis label: its axis's description (empty for other text). */
  axisLabel: string;
}

/** Pairs of boxes that overlap by more than a pixel each way (glyph boxes of neighbours touch). */
function overlaps(boxes: readonly TextBox[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (dx > 1 && dy > 1) out.push(`'${a.text}' and '${b.text}'`);
    }
  }
  return out;
}

/** A value of summary.json by its dotted path. */
const at = (summary: unknown, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], summary);

/**
 * The checks every drawn report must pass: charts fit, keep their text apart, show years on time
 * axes; every table number is summary.json's, shown at the precision written.
 */
async function checkReport(page: Page, summary: Summary, where: string): Promise<string[]> {
  const names = await drawn(page);
  for (const name of names) {
    const chart = page.locator(`#chart-${name}`);
    const box = await chart.locator('svg.marks').boundingBox();
    assert.ok(box && box.width > 100 && box.height > 50, `${where} ${name}: drawn at ${JSON.stringify(box)}`);
    assert.ok(box!.width <= PAGE_WIDTH + 40, `${where} ${name}: ${box!.width} px wide, wider than the page`);
    const texts = await chart.evaluate(TEXTS);
    assert.ok(texts.length > 0, `${where} ${name}: no text`);
    assert.equal(overlaps(texts), [], `${where} ${name}: text overlaps`);
    const year = /(19|20)\d\d/;
    const timeAxes = new Set(texts.filter((t) => t.axisLabel && /(time|utc) scale/.test(t.axisLabel)).map((t) => t.axisLabel));
    if (name.startsWith('fan-')) assert.ok(timeAxes.size > 0, `${where} ${name}: no time axis`);
    for (const axis of timeAxes) {
      // Every label of a date axis names its year, whatever month the horizon starts in.
      const labels = texts.filter((t) => t.axisLabel === axis).map((t) => t.text);
      assert.ok(labels.length >= 2 && labels.every((t) => year.test(t)), `${where} ${name}: time axis labels ${JSON.stringify(labels)}`);
    }
  }
  // The tables' numbers: the value summary.json holds at the path each cell names, shown as that value.
  const cells = (await page.locator('td[data-path]').evaluateAll((tds) => tds.map((td) => ({ path: td.getAttribute('data-path')!, value: td.getAttribute('data-value'), unit: td.getAttribute('data-unit'), text: td.textContent!.trim() })))) as Array<{ path: string; value: string | null; unit: string | null; text: string }>;
  assert.ok(cells.length > 50, `${where}: ${cells.length} checked numbers`);
  for (const c of cells) {
    const truth = at(summary, c.path);
    if (c.value === null) {
      assert.ok(truth === null || truth === undefined, `${where} ${c.path}: shown as — but summary.json has ${truth}`);
      continue;
    }
    assert.is(Number(c.value), truth, `${where} ${c.path}`);
    if (c.unit === 'log change') {
      // A log return, shown as the change it makes: e^x − 1.
      assert.is(c.text, `${(truth as number) >= 0 ? '+' : '−'}${Math.abs((Math.exp(truth as number) - 1) * 100).toFixed(0)} %`, `${where} ${c.path}`);
      continue;
    }
    if (c.unit !== null) continue; // shown in its own unit (hours, USD/MWh): the value above is what it shows
    const shown = Number(c.text.replace(/[±,×%\s]/g, '').replace('−', '-'));
    const decimals = (c.text.match(/\.(\d+)/)?.[1].length ?? 0);
    const scale = /%/.test(c.text) ? 100 : /×/.test(c.text) ? 1 : 1e-6;
    assert.ok(Math.abs(shown - (truth as number) * scale) <= 0.5 * 10 ** -decimals + 1e-9, `${where} ${c.path}: shows '${c.text}' for ${truth}`);
  }
  return names;
}

test.before(async () => {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
});

test.after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the default study’s report: every chart draws, fits, keeps its text apart, shows years; the numbers are summary.json’s; tooltips appear', async () => {
  const out = join(dir, 'study');
  // As the CLI does: the study writes its data, the report is drawn into the folder before the swap.
  await runStudy(loadScenario('scenarios/capital-raise.yaml'), { outDir: out, replications: 30, workers: 1, targetUSD: 500e6, beforeCommit: writeReport });
  const summary: Summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  const { page, errors, context } = await open(join(out, 'report.html'));
  const names = await checkReport(page, summary, 'capital-raise');
  for (const name of ['npv', 's-curve', 'why-it-wins', 'tornado', 'tornado-vs-baseline', 'risk-return', 'fan-cumulativeCashUSD', 'revenue-mix']) assert.ok(names.includes(name), `${name} drawn`);
  // P(NPV > target), from the rows: the share of replications.csv above 500 million USD.
  const csv = readFileSync(join(out, 'replications.csv'), 'utf8').trim().split('\n');
  const head = csv[0].split(',');
  const npvAt = head.indexOf('npvUSD');
  const shown = await page.locator('#winner-table td[data-target]').allInnerTexts();
  summary.variants.forEach((v, i) => {
    const npv = csv.slice(1).map((l) => l.split(',')).filter((c) => c[1] === v.name).map((c) => Number(c[npvAt]));
    assert.is(shown[i], `${((npv.filter((x) => x > 500e6).length / npv.length) * 100).toFixed(1)} %`, `${v.name}: P(NPV > 500M)`);
  });
  // The assumptions are there: each layout's description, and the world's power price and BTC model.
  const assumptions = await page.locator('#assumptions').innerText();
  for (const s of ['Build a 100 MW (IT) liquid-cooled hall', 'mining.capacity', 'Power price', '45 USD/MWh', 'BTC price model', 'kou', 'Network model']) assert.ok(assumptions.includes(s), s);
  // Hover the mean point of the paired-difference chart: vega-tooltip shows its element.
  await page.locator('#chart-npv-vs-baseline svg.marks g.mark-symbol path').first().hover({ force: true });
  await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 5000 });
  assert.match(await page.locator('#vg-tooltip-element').innerText(), /Δ NPV/);
  assert.equal(errors, []);
  await context.close();
});

test('a horizon that starts in March: time axes still name the year, the annual table runs March to February', async () => {
  const scenario = parseScenario('march.yaml', `name: march
description: A March start.
horizon: { start: 2026-03-01, years: 1.5 }
market: { btc: { model: gbm, price: 90000 USD, volatility: 0.5 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000 }
study: { baseline: mine }
site: { grid: 50 MW, powerPrice: 45 USD/MWh }
mining: { asic: { hashrate: 200 TH/s, power: 3500 W }, capacity: 20 MW }
variants:
  mine: { description: Mining only. }
  more: { description: Twice the mining., mining: { capacity: 40 MW } }
  lease: { description: A leased hall., lease: { it: 5 MW, rent: 120 USD/kW/month, termYears: 3, hallCapex: 8e6 USD/MW } }
  both: { mining: { capacity: 30 MW }, lease: { it: 3 MW, rent: 120 USD/kW/month, termYears: 3, hallCapex: 8e6 USD/MW } }
`);
  const out = join(dir, 'march');
  await runStudy(scenario, { outDir: out, replications: 20, workers: 1, beforeCommit: writeReport });
  const summary: Summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  const { page, errors, context } = await open(join(out, 'report.html'));
  await checkReport(page, summary, 'march');
  assert.equal(await page.locator('#annual-table thead th').allInnerTexts(), ['Layout', '', '2026–27', 'Mar–Aug 2027', 'at the horizon']);
  assert.equal(errors, []);
  await context.close();
});

test('text from a scenario is shown as text, never run', async () => {
  const out = join(dir, 'study');
  const summary: Summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  const hostile = '<script>alert(1)</script>';
  summary.scenario = hostile;
  summary.variants[1].name = hostile;
  const file = join(dir, 'hostile.html');
  const charts = [npvDistributionChart(summary, [], 0.12), pairedDifferenceChart(summary)!];
  const assumptions = { world: [{ topic: hostile, value: hostile }], layouts: [{ name: hostile, description: hostile, changes: [{ key: hostile, value: hostile }] }] };
  writeFileSync(file, reportHtml({ summary, charts, description: `${hostile} <img src=x onerror=alert(2)>`, manifest: { note: hostile }, assumptions, warnings: [`x.yaml:1:1: site.grid: ${hostile} <img src=x onerror=alert(3)>`] }));
  const { page, errors, dialogs, context } = await open(file);
  await page.waitForFunction(`document.querySelectorAll('div.vega svg.marks').length === 2`, undefined, { timeout: 20_000 });
  assert.equal(dialogs, [], 'no script from the scenario ran');
  assert.is(await page.locator('h1').innerText(), hostile);
  // The tables that name layouts: in each, the hostile name is text.
  for (const id of ['#winner-table', '#why-table', '#layouts-table', '#world-table']) assert.match(await page.locator(id).innerText(), /<script>alert\(1\)<\/script>/, id);
  assert.is(await page.locator('img').count(), 0);
  assert.match(await page.locator('.warnings li').innerText(), /site\.grid: <script>alert\(1\)<\/script>/, 'a warning quoting the scenario is text too');
  assert.equal(errors, []);
  await context.close();
});

test.run();
