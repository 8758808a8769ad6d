import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type Baseline, BaselineError, parseBaseline, readBaseline, updatedBaseline, writeBaseline } from './baseline.js';
import { type Figure, ratioFigure } from './figure.js';
import type { Provenance } from './provenance.js';
import { SUITE } from './suite.js';

const RUN: Provenance = {
  date: '2026-11-27T09:00:00.000Z',
  commit: 'abc',
  dirty: false,
  machine: { cpu: 'AMD EPYC', cores: 2, node: 'v20.20.2', platform: 'linux-x64' },
  reference: 'shared/bench-ref/hold-ref.mjs',
  mode: 'quick',
};
const figure = (name: string, normalised: number, gated = true): Figure => ({
  name, value: 1, unit: 'events/s', median: 1, min: 1, max: 1, runs: 5, normalised, normalisedUnit: 'events per M ref ops', gated,
});

const SUITE_NAMES = ['engine.hold.1k', 'long.only', 'new.one', 'w2', 'a', 'b'];

test('an update replaces the gated figures it measured, keeps those it did not, and drops those no benchmark measures', () => {
  const old: Baseline = {
    ...RUN,
    date: 'before',
    figures: { 'long.only': { normalised: 3, unit: 'u' }, 'engine.hold.1k': { normalised: 700000, unit: 'events per M ref ops' }, renamed: { normalised: 1, unit: 'u' } },
  };
  const b = updatedBaseline(old, [figure('engine.hold.1k', 812345.6), figure('w2', 5, false), ratioFigure('speed-up', 2), figure('new.one', 0.0123456)], RUN, SUITE_NAMES);
  assert.equal(Object.keys(b.figures), ['engine.hold.1k', 'long.only', 'new.one']);
  assert.equal(b.figures['engine.hold.1k'], { normalised: 812000, unit: 'events per M ref ops' });
  assert.equal(b.figures['long.only'], { normalised: 3, unit: 'u' });
  assert.is(b.figures['new.one'].normalised, 0.0123);
  assert.is(b.date, RUN.date);
});

test('a figure measured several times enters the baseline as the median of its measurements', () => {
  const b = updatedBaseline(undefined, [figure('a', 9), figure('a', 4), figure('b', 2), figure('a', 5)], RUN, SUITE_NAMES);
  assert.equal(b.figures, { a: { normalised: 5, unit: 'events per M ref ops' }, b: { normalised: 2, unit: 'events per M ref ops' } });
});

test('a first baseline holds just this run', () => {
  assert.equal(updatedBaseline(undefined, [figure('a', 2)], RUN, SUITE_NAMES), { ...RUN, figures: { a: { normalised: 2, unit: 'events per M ref ops' } } });
});

test('a written baseline reads back the same, and a missing one reads as none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'campus-baseline-'));
  try {
    const path = join(dir, 'nested', 'baseline.json');
    assert.is(readBaseline(path), undefined);
    const b = updatedBaseline(undefined, [figure('b', 2), figure('a', 1)], RUN, SUITE_NAMES);
    writeBaseline(b, path);
    assert.equal(readBaseline(path), b);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file that is not a baseline is refused with what is wrong', () => {
  const bad = (text: string, message: RegExp) => {
    try {
      parseBaseline(text, 'bench/baseline.json');
      assert.unreachable('parsed');
    } catch (e) {
      assert.instance(e, BaselineError);
      assert.match((e as Error).message, message);
    }
  };
  bad('{', /^bench\/baseline\.json: not JSON/);
  bad('null', /no "figures" object/);
  bad('{"figures": []}', /no "figures" object/);
  bad('{"figures": {"a": {"normalised": 0, "unit": "u"}}}', /figures\.a\.normalised must be a positive number/);
  bad('{"figures": {"a": {"normalised": "7", "unit": "u"}}}', /figures\.a\.normalised must be a positive number/);
  bad('{"figures": {"a": {"normalised": 7}}}', /figures\.a\.unit must be a string/);
  const dir = mkdtempSync(join(tmpdir(), 'campus-baseline-'));
  try {
    writeFileSync(join(dir, 'b.json'), '[');
    assert.throws(() => readBaseline(join(dir, 'b.json')), /b\.json: not JSON/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the committed baseline has a figure for every gated benchmark, and only for benchmarks that exist', () => {
  const b = readBaseline()!;
  assert.ok(b, 'bench/baseline.json is missing');
  const gated = SUITE.filter((x) => x.gated).map((x) => x.name).sort();
  assert.equal(Object.keys(b.figures).sort(), gated);
  for (const x of SUITE.filter((s) => !s.gated)) assert.ok(x.ungated, `${x.name} is ungated without saying why`);
});

test.run();
