/**
 * The report in a real browser: headless Chromium (Debian's package, driven by playwright-core) opens
 * report.html from disk with the network blocked, and every chart must draw, tooltips must show on
 * hover, nothing may log an error, and text from the scenario must stay text.
 * Run by `npm run test:browser` (.ci/run installs Chromium first).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeReport } from '../sim/cli/report-files.js';
import { loadScenario } from '../sim/scenario/load.js';
import { runStudy } from '../sim/study/study.js';
import type { Summary } from '../sim/study/summarize.js';
import { studyCharts } from './charts.js';
import { reportHtml } from './html.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const dir = mkdtempSync(join(tmpdir(), 'campus-browser-'));
let browser: Browser;

async function open(file: string) {
  const context = await browser.newContext();
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

test('the study report opens offline: every chart draws, tooltips appear, no console errors', async () => {
  const out = join(dir, 'study');
  // As the CLI does: the study writes its data, the report is drawn into the folder before the swap.
  await runStudy(loadScenario('scenarios/capital-raise.yaml'), { outDir: out, replications: 30, workers: 1, beforeCommit: writeReport });
  const { page, errors, context } = await open(join(out, 'report.html'));
  const charts = page.locator('div.vega');
  const count = await charts.count();
  assert.ok(count >= 8, `${count} charts`);
  // (A string expression: it runs in the page, where `document` exists.)
  await page.waitForFunction(`document.querySelectorAll('div.vega svg.marks').length === ${count}`, undefined, { timeout: 20_000 });
  for (let i = 0; i < count; i++) {
    const box = await charts.nth(i).locator('svg.marks').boundingBox();
    assert.ok(box && box.width > 100 && box.height > 50, `chart ${i} has size ${JSON.stringify(box)}`);
    const marks = await charts.nth(i).locator('svg.marks path, svg.marks rect, svg.marks line, svg.marks circle, svg.marks text').count();
    assert.ok(marks > 0, `chart ${i} drew marks`);
  }
  // Hover the mean point of the paired-difference chart: vega-tooltip shows its element.
  const point = page.locator('#chart-1 svg.marks g.mark-symbol path').first();
  await point.hover({ force: true });
  await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 5000 });
  const tip = await page.locator('#vg-tooltip-element').innerText();
  assert.match(tip, /Δ NPV/);
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
  writeFileSync(file, reportHtml({ summary, charts: studyCharts(summary, [], { discountRatePerYear: 0.12, bands: [] }).slice(0, 2), description: `${hostile} <img src=x onerror=alert(2)>`, manifest: { note: hostile }, warnings: [`x.yaml:1:1: site.grid: ${hostile} <img src=x onerror=alert(3)>`] }));
  const { page, errors, dialogs, context } = await open(file);
  await page.waitForFunction(`document.querySelectorAll('div.vega svg.marks').length === 2`, undefined, { timeout: 20_000 });
  assert.equal(dialogs, [], 'no script from the scenario ran');
  assert.is(await page.locator('h1').innerText(), hostile);
  // Both tables name the variants: in each, the hostile name is text.
  const bodies = page.locator('tbody');
  assert.is(await bodies.count(), 2);
  for (let i = 0; i < 2; i++) assert.match(await bodies.nth(i).innerText(), /<script>alert\(1\)<\/script>/);
  assert.is(await page.locator('img').count(), 0);
  assert.match(await page.locator('.warnings li').innerText(), /site\.grid: <script>alert\(1\)<\/script>/, 'a warning quoting the scenario is text too');
  assert.equal(errors, []);
  await context.close();
});

test.run();
