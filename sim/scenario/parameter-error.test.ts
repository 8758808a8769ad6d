import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ParameterError } from '../core/parameter-error.js';
import { checkCooling, DEFAULT_COOLING } from '../site/cooling.js';
import { ScenarioReader } from './reader.js';
import { scenarioFailure } from './scenario-failure.test-support.js';
import { ScenarioSource } from './source.js';
import { build } from './world-config.js';

const reader = (text: string) => {
  const src = new ScenarioSource('p.yaml', text);
  return new ScenarioReader(src, src.value);
};

test('a model’s bad parameter is a typed value: model, parameter, what it must be, what it was', () => {
  const e = (() => {
    try {
      checkCooling({ ...DEFAULT_COOLING.immersion, supplyC: 95 });
    } catch (x) {
      return x;
    }
  })();
  assert.instance(e, ParameterError);
  assert.instance(e, RangeError, 'still a RangeError for callers that ask no more');
  const p = e as ParameterError;
  assert.equal([p.model, p.parameter, p.got], ['cooling', 'supplyC', '95']);
  assert.is(p.message, `cooling: supplyC must be ${p.accepted}, got 95`);
});

test('build reports a ParameterError at the scenario key it names, mapped and quoted from its fields, not its text', () => {
  const r = reader('hall:\n  cooling:\n    supply: 95 degC\n');
  // A value whose words hold ", got ": splitting the message there would quote the wrong parts.
  const f = scenarioFailure(() => build(r, ['hall', 'cooling'], () => { throw new ParameterError('cooling', 'supplyC', 'at most 80 °C', 'what the racks got, got 95'); }, { supplyC: 'supply' }));
  assert.is(f.keyPath, 'hall.cooling.supply');
  assert.is(f.line, 3);
  assert.match(f.message, /supply = what the racks got, got 95 is out of range; expected at most 80 °C$/);
});

test('build reports any other RangeError at the section, in the model’s words; other errors are not input errors', () => {
  const r = reader('hall:\n  cooling: {}\n');
  const f = scenarioFailure(() => build(r, ['hall', 'cooling'], () => { throw new RangeError('the curve has no points'); }));
  assert.is(f.keyPath, 'hall.cooling');
  assert.match(f.message, /hall\.cooling: the curve has no points$/);
  assert.throws(() => build(r, ['hall'], () => { throw new TypeError('a bug'); }), (e: unknown) => e instanceof TypeError);
});

test.run();
