/**
 * A variant's `policies:` as read, and every way one can be wrong: one message naming the line,
 * column and key where the slip is written, and what was expected.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HOURS_PER_MONTH } from '../core/time.js';
import { parseScenario } from './load.js';
import { POLICY_WORLD } from './policy-world.test-support.js';
import { scenarioFailure } from './scenario-failure.test-support.js';

const scenario = (adaptive: string, extra = '') => `name: policies
${POLICY_WORLD}
variants:
  fixed:
    gpuCloud: { it: 1 MW, online: 30 months }
  adaptive:
    gpuCloud: { it: 1 MW }
${adaptive}
${extra}`;

const PIVOT = `    versus: fixed
    policies:
      pivot:
        from: 28 months
        when:
          hashprice: { trailing: 3 months, below: 15 USD/PH/day }
          gpuPrice: { above: 1.5 USD/GPU/h }
        then: { build: gpuCloud }`;

test('policies are read in canonical units and calendar months, with their defaults', () => {
  const s = parseScenario('p.yaml', scenario(PIVOT));
  const v = s.variants.find((x) => x.name === 'adaptive')!;
  assert.is(v.versus, 'fixed');
  // Unit conversion leaves float dust: the threshold is compared apart.
  assert.ok(Math.abs(v.policies![0].when[0].threshold - 15) < 1e-12);
  assert.equal({ ...v.policies![0], when: v.policies![0].when.map((c) => ({ ...c, threshold: Number(c.threshold.toPrecision(12)) })) }, 
    {
      name: 'pivot',
      fromMonth: 28,
      untilMonth: Infinity,
      everyMonths: 1,
      when: [
        { state: 'hashprice', trailingH: 3 * HOURS_PER_MONTH, below: true, threshold: 15 },
        { state: 'gpuPrice', trailingH: HOURS_PER_MONTH, below: false, threshold: 1.5 },
      ],
      action: { kind: 'build', load: 'gpuCloud' },
      coolDownMonths: Infinity,
    },
  );
  // 0.015 USD/TH/day is the same hashprice.
  const perTH = parseScenario('p.yaml', scenario(PIVOT.replace('15 USD/PH/day', '0.015 USD/TH/day')));
  assert.ok(Math.abs(perTH.variants[1].policies![0].when[0].threshold - 15) < 1e-12);
});

test('a sweep varies a rule threshold like any number of the campus', () => {
  const s = parseScenario('p.yaml', scenario(PIVOT, `sweep:
  over: adaptive
  parameters:
    - { path: policies.pivot.when.hashprice.below, values: ['10 USD/PH/day', '20 USD/PH/day'] }`));
  const threshold = (x: number | undefined) => (x === undefined ? x : Number(x.toPrecision(12)));
  assert.equal(s.variants.map((v) => [v.name, threshold(v.policies?.[0].when[0].threshold), v.versus]), [
    ['fixed', undefined, undefined],
    ['adaptive', 15, 'fixed'],
    ['adaptive below=10 USD/PH/day', 10, 'fixed'],
    ['adaptive below=20 USD/PH/day', 20, 'fixed'],
  ]);
});

test('a threshold far outside what real markets have is read, with a warning at its key (a slip within the unit)', () => {
  const s = parseScenario('p.yaml', scenario(PIVOT.replace('15 USD/PH/day', '15 USD/TH/day')));
  assert.is(s.warnings.length, 1);
  assert.is(s.warnings[0].keyPath, 'variants.adaptive.policies.pivot.when.hashprice.below');
  assert.match(s.warnings[0].message, /15,000 USD\/PH\/day is far outside the usual 3–5,000 USD\/PH\/day for a hashprice/);
  assert.is(parseScenario('p.yaml', scenario(PIVOT)).warnings.length, 0);
});

/** [what is wrong, the scenario's text changed, key path, words the message must hold]. */
const CASES: Array<[string, (pivot: string) => string, string, string]> = [
  ['an unknown state', (p) => p.replace('hashprice:', 'hashrpice:'), 'variants.adaptive.policies.pivot.when.hashrpice', "unknown key 'hashrpice' (did you mean 'hashprice'?)"],
  ['a threshold in the wrong unit', (p) => p.replace('15 USD/PH/day', '15 USD/MWh'), 'variants.adaptive.policies.pivot.when.hashprice.below', "'15 USD/MWh' is not a hashprice; expected a hashprice like '45 USD/PH/day'"],
  ['both sides of a threshold', (p) => p.replace('below: 15 USD/PH/day', 'below: 15 USD/PH/day, above: 5 USD/PH/day'), 'variants.adaptive.policies.pivot.when.hashprice', "both below and above were given"],
  ['no threshold', (p) => p.replace(', below: 15 USD/PH/day', ''), 'variants.adaptive.policies.pivot.when.hashprice', "no threshold; expected one of 'below' or 'above'"],
  ['a utilisation above one', (p) => p.replace('gpuPrice: { above: 1.5 USD/GPU/h }', 'gpuUtilisation: { above: 85 }'), 'variants.adaptive.policies.pivot.when.gpuUtilisation.above', '85 is too large; expected at most 1'],
  ['an action on a load the layout lacks', (p) => p.replace('    gpuCloud: { it: 1 MW }\n', ''), 'variants.adaptive.policies.pivot.then.build', 'the layout has no gpuCloud to build'],
  ['a hall with its own date', (p) => p.replace('    gpuCloud: { it: 1 MW }\n', '    gpuCloud: { it: 1 MW, online: 12 months }\n'), 'variants.adaptive.gpuCloud.online', 'a rule builds this hall'],
  ['a first phase with its own date', (p) => p.replace('    gpuCloud: { it: 1 MW }\n', '    gpuCloud: { it: 1 MW, phases: [{ online: 12 months, share: 0.5 }, { after: 6 months, share: 1 }] }\n'), 'variants.adaptive.gpuCloud.phases[0].online', 'a rule builds this hall'],
  ['retiring more than the fleet', (p) => p.replace('{ build: gpuCloud }', '{ retire: 50 MW }'), 'variants.adaptive.policies.pivot.then.retire', '50 MW is more than the 40.0 MW the fleet draws'],
  ['a lead time for a hall', (p) => p.replace('then: { build: gpuCloud }', 'then: { build: gpuCloud }\n        lead: 3 months'), 'variants.adaptive.policies.pivot.lead', "a 'build' action has no delivery"],
  ['buying less than a machine', (p) => p.replace('{ build: gpuCloud }', '{ buy: 1 kW }'), 'variants.adaptive.policies.pivot.then.buy', 'buys no 3.645 kW machine'],
  ['two actions', (p) => p.replace('{ build: gpuCloud }', '{ build: gpuCloud, pause: mining }'), 'variants.adaptive.policies.pivot.then', "'build, pause' is not one action"],
  ['decisions not at month ends', (p) => p.replace('from: 28 months', 'from: 28 months\n        every: 45 days'), 'variants.adaptive.policies.pivot.every', 'is not a whole number of months'],
  ['a last decision before the first', (p) => p.replace('from: 28 months', 'from: 28 months\n        until: 12 months'), 'variants.adaptive.policies.pivot.until', "comes before the first"],
  ['a hall built once with a cool-down', (p) => p.replace('then: { build: gpuCloud }', 'then: { build: gpuCloud }\n        coolDown: 6 months'), 'variants.adaptive.policies.pivot.coolDown', 'a hall is built once'],
  ['versus an unknown layout', (p) => p.replace('versus: fixed', 'versus: fixd'), 'variants.adaptive.versus', "no variant is named 'fixd' (did you mean fixed?); expected a layout without policies: one of fixed"],
  ['buying more than the grid', (p) => p.replace('{ build: gpuCloud }', '{ buy: 100 MW }'), 'variants.adaptive.policies.pivot.then.buy', '100 MW is more than the 60 MW grid connection'],
  ['a decision past the horizon', (p) => p.replace('from: 28 months', 'from: 28 months\n        until: 100 months'), 'variants.adaptive.policies.pivot.until', '100 months is past the horizon; expected at most 60 months'],
  ['versus without policies', (p) => p.replace(/    policies:[\s\S]*/, '\n'), 'variants.adaptive.versus', 'a layout without policies has no fixed plan'],
  ['selling a treasury that keeps nothing', (p) => p.replace('{ build: gpuCloud }', '{ sellBtc: 0.5 }'), 'variants.adaptive.policies.pivot.then.sellBtc', 'the treasury keeps no mined BTC (finance.treasury.holdShare is 0) and no rule buys any'],
  ['selling more than the treasury', (p) => p.replace('{ build: gpuCloud }', '{ sellBtc: 1.5 }'), 'variants.adaptive.policies.pivot.then.sellBtc', '1.5 is too large; expected at most 1'],
  ['buying BTC with a power', (p) => p.replace('{ build: gpuCloud }', '{ buyBtc: 5 MW }'), 'variants.adaptive.policies.pivot.then.buyBtc', "'5 MW' is not an amount of money"],
  ['cash as a share', (p) => p.replace('gpuPrice: { above: 1.5 USD/GPU/h }', 'cash: { below: 0.5 }'), 'variants.adaptive.policies.pivot.when.cash.below', "'0.5' has no unit; expected an amount of money like '90000 USD'"],
  ['a window of days on the books', (p) => p.replace('gpuPrice: { above: 1.5 USD/GPU/h }', 'cash: { trailing: 10 days, below: 1e6 USD }'), 'variants.adaptive.policies.pivot.when.cash.trailing', '0.3285 months is not a whole number of months; expected whole months: cash is read from the books'],
  ['an empty when', (p) => p.replace(/        when:\n          hashprice: .*\n          gpuPrice: .*\n/, '        when: {}\n'), 'variants.adaptive.policies.pivot.when', "no condition; expected at least one of"],
  ['no rules', (p) => p.replace(/      pivot:[\s\S]*/, '      {}'), 'variants.adaptive.policies', 'the mapping is empty'],
];

test('bad policies: one message at the line, column and key of the slip', () => {
  for (const [what, change, keyPath, fragment] of CASES) {
    const text = change(scenario(PIVOT));
    const e = scenarioFailure(() => parseScenario('p.yaml', text), what);
    assert.is(e.keyPath, keyPath, what);
    assert.ok(e.message.includes(fragment), `${what}: ${e.message}`);
    assert.ok(e.line > 0 && e.column > 0, `${what}: ${e.message}`);
    assert.not.match(e.message, /\n/, what);
  }
});

test.run();
