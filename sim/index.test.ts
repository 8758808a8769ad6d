import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as api from './index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = pathToFileURL(resolve(ROOT, 'sim/index.ts')).href;
const HEAVY = ['mathjs', 'vega', 'vega-lite', '@resvg/resvg-js', 'ajv'];

/**
 * The packages a fresh process has loaded after `script` (an ES module body) runs: every module
 * through the ES loader (a load hook reports each URL) and every CommonJS module in the require cache.
 */
function packagesLoadedBy(script: string): string[] {
  const hook = 'let port; export function initialize(data) { port = data.port; } export async function load(url, context, next) { port.postMessage(url); return next(url, context); }';
  const main = `
    import { createRequire, register } from 'node:module';
    import { MessageChannel } from 'node:worker_threads';
    const { port1, port2 } = new MessageChannel();
    const urls = [];
    port1.on('message', (url) => urls.push(url));
    register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)}, { data: { port: port2 }, transferList: [port2] });
    ${script}
    await new Promise((r) => setTimeout(r, 100)); // the hook's last messages
    port1.close();
    console.log(JSON.stringify([...urls, ...Object.keys(createRequire(import.meta.url).cache)]));`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', main], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.is(child.status, 0, child.stderr);
  const paths: string[] = JSON.parse(child.stdout.trim().split('\n').pop()!);
  const names = paths.map((p) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(decodeURIComponent(p))?.[1]).filter((n): n is string => n !== undefined);
  return [...new Set(names)].sort();
}

test('the package entry exports the retarget functions with the documented signatures', () => {
  assert.is(api.calculateNextWorkRequired(0x1d00ffff, 1261130161, 1262152739), 0x1d00d86a);
  assert.is(api.difficultyFromBits(0x1d00ffff), 1);
  assert.is(api.bitsFromDifficulty(1), 0x1d00ffff);
});

test('the package entry lists its exports by name (no accidental internals)', () => {
  for (const name of ['Simulation', 'randomStream', 'loadScenario', 'runStudy', 'drawWorld', 'Kou', 'Chain', 'erlangC']) {
    assert.ok(name in api, `${name} is exported`);
  }
  assert.not.ok('CampusRun' in api);
});

test('importing the package entry loads none of the heavy dependencies: mathjs, vega, vega-lite, resvg, ajv', () => {
  const loaded = packagesLoadedBy(`const { Simulation } = await import(${JSON.stringify(ENTRY)}); new Simulation();`);
  assert.equal(HEAVY.filter((p) => loaded.includes(p)), [], `loaded: ${loaded.join(', ')}`);
  assert.ok(loaded.includes('seedrandom'), 'the check sees the packages the engine does load');
});

test('they are loaded where they are used: reading a scenario loads mathjs and ajv; a chart, vega', () => {
  const loaded = packagesLoadedBy(`
    const { loadScenario } = await import(${JSON.stringify(ENTRY)});
    loadScenario('scenarios/halving-2028.yaml');
    await (await import(${JSON.stringify(pathToFileURL(resolve(ROOT, 'reports/render.ts')).href)})).renderSvg({ mark: 'point', data: { values: [{ x: 1 }] }, encoding: { x: { field: 'x', type: 'quantitative' } } });`);
  for (const p of ['mathjs', 'ajv', 'vega', 'vega-lite']) assert.ok(loaded.includes(p), `${p} loaded: ${loaded.join(', ')}`);
});

test.run();
