/**
 * The folders import only downward: core at the bottom, then the domain (market, network, site,
 * mining, hpc, finance), then scenario/ (reads files into the domain's plain specs), campus/
 * (composes one variant's run), study/ and calibrate/ (run replications; fit and backtest the
 * network), reports/ and cluster/ (read a study), and the CLI on top. A domain folder that reached up into scenario/ or campus/ would tie the model
 * to one way of reading files or of composing a run, and an import cycle would make the order in
 * which modules initialise matter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Each folder's layer: a module may import from its own layer and the layers below it. */
const LAYERS: ReadonlyArray<readonly string[]> = [
  ['sim/core', 'sim/package-files'],
  ['sim/market'],
  ['sim/network'],
  ['sim/site'],
  ['sim/mining'],
  ['sim/hpc'],
  ['sim/finance'],
  ['sim/scenario'],
  ['sim/campus'],
  ['sim/study', 'sim/calibrate'],
  ['reports', 'sim/cluster'],
  ['sim/cli', 'sim/index', 'sim/import-graph'],
];

interface Source {
  /** Path from the package root, e.g. `sim/mining/fleet.ts`. */
  path: string;
  text: string;
}

function sources(dir: string): Source[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [{ path, text: readFileSync(join(ROOT, path), 'utf8') }] : [];
  });
}

/** Relative imports of a file, static and dynamic, type-only included (a type import ties folders too): target path and line. */
function importsOf(file: Source): Array<{ to: string; line: number }> {
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
  return [...file.text.matchAll(pattern)].map((m) => ({
    to: relative(ROOT, resolve(ROOT, dirname(file.path), m[1])).replace(/\.js$/, '.ts'),
    line: file.text.slice(0, m.index).split('\n').length,
  }));
}

/** The layer of a path, and the entry of LAYERS it matched (undefined for a path outside them). */
function layerOf(path: string): { rank: number; folder: string } | undefined {
  for (let rank = 0; rank < LAYERS.length; rank++) {
    for (const folder of LAYERS[rank]) if (path.startsWith(`${folder}/`) || path.startsWith(`${folder}.`)) return { rank, folder };
  }
  return undefined;
}

/** Imports in `files` that reach a higher layer, as readable lines. */
function upwardImports(files: readonly Source[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const from = layerOf(file.path);
    if (!from) continue;
    for (const i of importsOf(file)) {
      const to = layerOf(i.to);
      if (!to || to.rank <= from.rank) continue;
      problems.push(`${file.path}:${i.line} imports ${i.to}: ${from.folder} may not import ${to.folder}, which sits above it`);
    }
  }
  return problems;
}

const ALL = [...sources('sim'), ...sources('reports')];

test('no module imports from a folder above its own (tests included)', () => {
  const problems = upwardImports(ALL);
  assert.ok(problems.length === 0, `upward imports:\n  ${problems.join('\n  ')}`);
});

test('every module of sim/ and reports/ sits in a layer', () => {
  const outside = ALL.filter((f) => !layerOf(f.path)).map((f) => f.path);
  assert.equal(outside, [], `files in no layer: ${outside.join(', ')}; add their folder to LAYERS`);
});

test('an upward import fails: a domain module reaching into scenario/, a type import, a dynamic import, study/ into reports/', () => {
  const file = (path: string, text: string): Source => ({ path, text });
  const found = upwardImports([
    file('sim/mining/fleet.ts', "import type { MiningConfig } from '../scenario/types.js';"),
    file('sim/finance/capex.ts', "const { runCampus } = await import('../campus/campus.js');"),
    file('sim/site/cooling.ts', "import { x } from '../mining/thermal-derate.js';"),
    file('sim/study/bands.ts', "import { renderSvg } from '../../reports/render.js';"),
    // Downward and sideways imports are fine.
    file('sim/campus/campus.ts', "import { Simulation } from '../core/engine.js';\nimport type { VariantConfig } from '../scenario/types.js';"),
    file('sim/hpc/cluster.ts', "import { JobQueue } from './job-queue.js';"),
  ]);
  assert.equal(found, [
    'sim/mining/fleet.ts:1 imports sim/scenario/types.ts: sim/mining may not import sim/scenario, which sits above it',
    'sim/finance/capex.ts:1 imports sim/campus/campus.ts: sim/finance may not import sim/campus, which sits above it',
    'sim/site/cooling.ts:1 imports sim/mining/thermal-derate.ts: sim/site may not import sim/mining, which sits above it',
    'sim/study/bands.ts:1 imports reports/render.ts: sim/study may not import reports, which sits above it',
  ]);
});

test.run();
