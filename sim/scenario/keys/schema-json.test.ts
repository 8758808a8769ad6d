import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { packageFile } from '../../package-files.js';
import type { Key, NumberKey } from './define.js';
import { DEFINITIONS, SCENARIO } from './scenario.js';
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

test.run();
