/** The report drawn into a study's folder before it is swapped in, as the CLI does (report-files.ts). */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runStudy } from '../sim/study/study.js';
import { SCENARIO } from '../sim/study/study-test-scenario.js';
import { redrawStudy } from '../sim/study/whole-study.js';
import { writeReport } from './report-files.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'campus-report-'));
const CHARTS = ['charts/npv.svg', 'charts/npv.vl.json', 'charts/s-curve.svg', 'charts/why-it-wins.svg', 'results.xlsx'];

test('the same scenario and seed draw byte-identical charts and workbook', async () => {
  const a = scratch(), b = scratch();
  try {
    await runStudy(SCENARIO, { outDir: a, replications: 12, workers: 1, beforeCommit: writeReport });
    await runStudy(SCENARIO, { outDir: b, replications: 12, workers: 1, beforeCommit: writeReport });
    for (const f of CHARTS) assert.ok(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), `${f} differs between ${a} and ${b}`);
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

test('a saved study re-renders to the same charts without re-running', async () => {
  const dir = scratch();
  try {
    await runStudy(SCENARIO, { outDir: dir, replications: 6, workers: 1, beforeCommit: writeReport });
    const before = readFileSync(join(dir, 'charts/npv.svg'));
    rmSync(join(dir, 'charts'), { recursive: true });
    const files = await redrawStudy(dir, (temp, study) => writeReport(temp, { plan: study.plan, summary: study.summary, rows: study.acc.rows(), bands: study.acc.bands, manifest: study.manifest }));
    assert.ok(files.includes('charts/npv.svg'));
    assert.ok(readFileSync(join(dir, 'charts/npv.svg')).equals(before));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a study run again into the same folder with fewer layouts leaves none of the old charts behind', async () => {
  const dir = scratch();
  try {
    await runStudy(SCENARIO, { outDir: dir, replications: 4, workers: 1, beforeCommit: writeReport });
    assert.ok(existsSync(join(dir, 'charts/fan-gpuUtilisation.svg')), 'the GPU hall layout draws its utilisation');
    const again = await runStudy(SCENARIO, { outDir: dir, replications: 4, workers: 1, variants: ['small', 'big'], beforeCommit: writeReport });
    const charts = readdirSync(join(dir, 'charts')).map((f) => `charts/${f}`).sort();
    assert.equal(charts, again.files.filter((f) => f.startsWith('charts/')).sort());
    assert.not.ok(existsSync(join(dir, 'charts/fan-gpuUtilisation.svg')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
