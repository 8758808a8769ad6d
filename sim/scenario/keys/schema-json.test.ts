import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { packageFile } from '../../package-files.js';
import type { Key, NumberKey } from './define.js';
import { DEFINITIONS, SCENARIO } from './scenario.js';
import { keyAt } from './key-at.js';
import { scenarioSchemaText } from './schema-json.js';

/** Every number key under `key`, by a dotted path (shared definitions once, under their name). */
function numberKeys(key: Key, path: string): Array<[string, NumberKey]> {
  switch (key.is) {
    case 'number':
      return [[path, key]];
    case 'section':
      return Object.entries(key.keys).flatMap(([name, k]) => numberKeys(k, `${path}.${name}`));
    case 'list':
      return numberKeys(key.item, `${path}[]`);
    case 'map':
      return numberKeys(key.value, `${path}.*`);
    default:
      return [];
  }
}
const ALL = [...numberKeys(SCENARIO, ''), ...Object.entries(DEFINITIONS).flatMap(([name, k]) => numberKeys(k, `$defs.${name}`))];

test('scenarios/schema.json is the one the key definitions give (npm run schema writes it)', () => {
  const committed = readFileSync(packageFile('scenarios/schema.json'), 'utf8');
  assert.ok(committed === scenarioSchemaText(), 'scenarios/schema.json differs from the key definitions: run `npm run schema` (and edit sim/scenario/keys/, not the JSON)');
});

test('every default lies in its key’s range, and the schema states only bounds the reader checks', () => {
  assert.ok(ALL.length > 150, `${ALL.length} number keys`);
  for (const [path, { range, default: d, schemaBounds }] of ALL) {
    for (const b of schemaBounds) assert.ok(range[b] !== undefined, `${path}: schema bound '${b}' is not in the range`);
    if (d === undefined) continue;
    const inside = !(range.min !== undefined && d < range.min) && !(range.max !== undefined && d > range.max) && !(range.above !== undefined && d <= range.above) && !(range.below !== undefined && d >= range.below);
    assert.ok(inside, `${path}: default ${d} is outside ${JSON.stringify(range)}`);
    if (range.whole) assert.ok(Number.isInteger(d), `${path}: default ${d} is not whole`);
  }
});

test('every shared definition a key refers to exists', () => {
  const refs = (key: Key): string[] =>
    key.is === 'ref' ? [key.name] : key.is === 'section' ? Object.values(key.keys).flatMap(refs) : key.is === 'list' ? refs(key.item) : key.is === 'map' ? refs(key.value) : [];
  for (const name of [SCENARIO, ...Object.values(DEFINITIONS)].flatMap(refs)) assert.ok(name in DEFINITIONS, name);
});

test('usual ranges are ranges, and a ratio’s divisor is a number key', () => {
  const checked = ALL.filter(([, k]) => k.plausible);
  assert.ok(checked.length >= 20, `${checked.length} keys with usual ranges`);
  for (const [path, { plausible }] of checked) {
    for (const p of plausible!) {
      assert.ok(p.lo < p.hi, `${path}: ${p.lo} < ${p.hi}`);
      if (p.per) assert.is(keyAt(p.per.split('.'))?.is, 'number', `${path}: per ${p.per}`);
    }
  }
});

test('a key path finds its definition through shared definitions, list entries and named entries; other paths find none', () => {
  assert.is(keyAt(['variants', 'any', 'gpuCloud', 'cooling', 'capacity'])?.is, 'section', 'variants.*.gpuCloud.cooling.capacity: a derate curve');
  assert.is(keyAt(['gpuCloud', 'phases', 2, 'share'])?.is, 'number');
  assert.is(keyAt(['mining', 'models', 'S23', 'power'])?.is, 'number');
  assert.is(keyAt(['mining', 'asic', 'nonesuch']), undefined);
  assert.is(keyAt(['site', 'grid', 'deeper']), undefined);
});

test.run();
