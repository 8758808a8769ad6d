import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HOURS_PER_DAY, HOURS_PER_MONTH } from '../core/time.js';
import { assertSameResults, campus, firings, firstFiredH, hall, monthStartH, run } from './policies.test-support.js';
import { drawWorld, type World } from './world.js';

const ONCE = `  once:
    policies:
      rich: { when: { btcPrice: { above: 60000 USD } }, then: { pause: mining } }`;

test('a rule fires at the first month end its condition holds on the past, once unless it cools down', () => {
  const s = campus(`${ONCE}
  again:
    policies:
      rich: { when: { btcPrice: { above: 60000 USD } }, then: { buy: 1 MW }, coolDown: 2 months }
  paused:
    policies:
      rich: { when: { btcPrice: { above: 60000 USD } }, then: { pause: mining }, coolDown: 2 months }`);
  const once = run(s, 'once');
  assert.is(firstFiredH(once), monthStartH(s, 5));
  assert.is(firings(once), 1);
  // Buys again every two months from month 5 to month 23 (the last month start before the horizon): 10 times.
  const again = run(s, 'again');
  assert.is(firstFiredH(again), monthStartH(s, 5));
  assert.is(firings(again), 10);
  // A rule whose action would change nothing does not fire: a paused fleet is not paused again.
  assert.is(firings(run(s, 'paused')), 1);
  // Rules this layout does not have report never having fired.
  assert.ok(Number.isNaN(firstFiredH(once, 1)));
});

test('a rule without conditions acts at its decision points alone', () => {
  const s = campus(`  dated:
    policies:
      rest: { from: 7 months, until: 7 months, then: { pause: mining } }`);
  const r = run(s, 'dated');
  assert.is(firstFiredH(r), monthStartH(s, 7));
  assert.is(firings(r), 1);
});

test('pausing mining stops it from the decision on: energy is the fleet until 1 June', () => {
  const s = campus(ONCE);
  const r = run(s, 'once');
  assert.ok(Math.abs(r.metrics.miningEnergyMWh - 36.45 * monthStartH(s, 5)) < 1e-6 * r.metrics.miningEnergyMWh, `${r.metrics.miningEnergyMWh}`);
});

test('a decision depends on the past alone: changing the world after it leaves it, changing it before moves it', () => {
  const s = campus(ONCE);
  const world = drawWorld(s.world, s.horizon, 1, 0);
  const decidedH = monthStartH(s, 5);
  const withPrices = (scale: (tH: number) => number): World => ({
    ...world,
    priceUSD: world.priceUSD.map((p, k) => p * scale(k * world.priceStepH)),
    dailyPriceUSD: world.dailyPriceUSD.map((p, d) => p * scale(d * HOURS_PER_DAY)),
  });
  // After the decision the price collapses: the same decision, at the same time.
  const collapseAfter = run(s, 'once', withPrices((tH) => (tH >= decidedH ? 0.1 : 1)));
  assert.is(firstFiredH(collapseAfter), decidedH);
  // From 1 April the price already stood 20 % higher: the rule sees it and fires earlier (so the test can fail).
  const higherBefore = run(s, 'once', withPrices((tH) => (tH >= monthStartH(s, 3) ? 1.2 : 1)));
  assert.ok(firstFiredH(higherBefore) < decidedH, `${firstFiredH(higherBefore)}`);
});

test('a rule that never fires gives the same results as the layout without it', () => {
  const s = campus(`  plain: {}
  never:
    policies:
      poor: { when: { btcPrice: { below: 1 USD } }, then: { pause: mining } }
  hall-never:
    ${hall()}
    policies:
      pivot: { when: { hashprice: { trailing: 2 months, below: 0.001 USD/PH/day } }, then: { build: gpuCloud } }`);
  assertSameResults(run(s, 'never'), run(s, 'plain'));
  const hallNever = run(s, 'hall-never');
  assert.is(firings(hallNever), 0);
  assertSameResults(hallNever, run(s, 'plain'));
});

test('a hall no rule builds costs nothing, and the fleet is paid for as it was sized, without the hall’s grid share', () => {
  // 60 MW of new machines wanted on a 60 MW grid: the hall keeps 0.204 × 1.25 = 0.255 MW from them.
  const s = campus(`  hall-never:
    mining: { existing: 0 MW, capacity: 60 MW }
    ${hall()}
    policies:
      pivot: { when: { btcPrice: { below: 1 USD } }, then: { build: gpuCloud } }
  smaller-grid:
    site: { grid: 59.745 MW }
    mining: { existing: 0 MW, capacity: 60 MW }`);
  const never = run(s, 'hall-never'), smaller = run(s, 'smaller-grid');
  assert.is(firings(never), 0);
  assert.ok(Math.abs(never.metrics.capexUSD - smaller.metrics.capexUSD) < 1e-6 * smaller.metrics.capexUSD, `${never.metrics.capexUSD} vs ${smaller.metrics.capexUSD}`);
  assert.is(never.metrics.miningEnergyMWh, smaller.metrics.miningEnergyMWh);
});

test('a hall a rule builds is the fixed plan dated by the decision: the same results as building it then', () => {
  // Always true from month 5: decided on 1 June 2026 (3,624 h), it opens 6 months (4,383 h) later.
  const s = campus(`  decided:
    ${hall()}
    policies:
      pivot: { from: 5 months, when: { btcPrice: { above: 0 USD } }, then: { build: gpuCloud } }
  fixed:
    ${hall('online: 8007 h')}`);
  const decided = run(s, 'decided');
  assert.is(firstFiredH(decided), monthStartH(s, 5));
  assert.is(firstFiredH(decided) + 6 * HOURS_PER_MONTH, 8007);
  assert.ok(decided.metrics.gpuCloudRevenueUSD > 0);
  assertSameResults(decided, run(s, 'fixed'));
});

test('a hall a rule builds in phases: each phase as long after the decision as the fixed plan dated by it has them', () => {
  // Decided on 1 June 2026: half the nodes 6 months later (8,007 h), the rest 3 months after that.
  const s = campus(`  decided:
    ${hall('phases: [{ share: 0.5 }, { after: 3 months, share: 1 }]')}
    policies:
      pivot: { from: 5 months, when: { btcPrice: { above: 0 USD } }, then: { build: gpuCloud } }
  fixed:
    ${hall('phases: [{ online: 8007 h, share: 0.5 }, { after: 3 months, share: 1 }]')}
  whole:
    ${hall('online: 8007 h')}`);
  const decided = run(s, 'decided');
  assertSameResults(decided, run(s, 'fixed'));
  assert.ok(decided.metrics.gpuCloudRevenueUSD < run(s, 'whole').metrics.gpuCloudRevenueUSD, 'half the hall for its first three months earns less');
});

test('a hall decided too late to open within the horizon: its shell is paid for, no nodes, no revenue', () => {
  // Decided on 1 September 2027 (month 20); 6 months to build would open it after the two years.
  const s = campus(`  late:
    ${hall()}
    policies:
      pivot: { from: 20 months, when: { btcPrice: { above: 0 USD } }, then: { build: gpuCloud } }
  plain: {}`);
  const late = run(s, 'late'), plain = run(s, 'plain');
  assert.is(firings(late), 1);
  assert.is(late.metrics.gpuCloudRevenueUSD, 0);
  assert.ok(Math.abs(late.metrics.capexUSD - plain.metrics.capexUSD - 0.204 * 10e6) < 1e-3, `${late.metrics.capexUSD - plain.metrics.capexUSD}`);
});

test('retiring machines for good frees their power: mining energy falls by what they drew after the decision', () => {
  const s = campus(`  plain: {}
  retire:
    policies:
      half: { from: 12 months, when: { btcPrice: { above: 0 USD } }, then: { retire: 18 MW } }`);
  const plain = run(s, 'plain'), retired = run(s, 'retire');
  // 18 MW frees 4,939 machines of 3,645 W (rounded up): 18.0027 MW, switched off for the last 12 months.
  const offMW = Math.ceil(18 / 0.003645) * 0.003645;
  const lostMWh = offMW * (s.horizon.hours - monthStartH(s, 12));
  assert.ok(Math.abs(plain.metrics.miningEnergyMWh - retired.metrics.miningEnergyMWh - lostMWh) < 1e-6 * lostMWh, `${plain.metrics.miningEnergyMWh - retired.metrics.miningEnergyMWh} vs ${lostMWh}`);
});

test('a buy is capped by the grid power left for mining: no machines that could never run', () => {
  // 60 MW of grid, 36.45 MW of fleet: room for 23.55 MW, 6,460 machines, however much the rule orders or how often.
  const s = campus(`  plain: {}
  greedy:
    policies:
      more: { from: 12 months, when: { btcPrice: { above: 0 USD } }, then: { buy: 50 MW }, coolDown: 1 month }`);
  const plain = run(s, 'plain'), greedy = run(s, 'greedy');
  assert.is(firings(greedy), 1, 'the first order fills the room; the others would change nothing');
  const machines = Math.floor((60 - 36.45) / 0.003645 + 1e-9);
  const capexUSD = machines * 270 * 20 + machines * 0.003645 * 100_000;
  assert.ok(Math.abs(greedy.metrics.capexUSD - plain.metrics.capexUSD - capexUSD) < 1e-6 * capexUSD, `${greedy.metrics.capexUSD - plain.metrics.capexUSD} vs ${capexUSD}`);
});

test('buying machines: delivered and paid after the lead time, they run from then; capex adds machines and facility', () => {
  const s = campus(`  plain: {}
  buy:
    policies:
      more: { from: 12 months, when: { btcPrice: { above: 0 USD } }, then: { buy: 18 MW }, lead: 2 months }`);
  const plain = run(s, 'plain'), bought = run(s, 'buy');
  assert.is(firstFiredH(bought), monthStartH(s, 12));
  // 18 MW buys 4,938 machines of 3,645 W (17.999 MW), delivered 2 months (1,461 h) after 1 January 2027 and mining to the horizon.
  const machines = Math.floor(18 / 0.003645);
  const addedMWh = machines * 0.003645 * (s.horizon.hours - monthStartH(s, 12) - 2 * HOURS_PER_MONTH);
  const gainedMWh = bought.metrics.miningEnergyMWh - plain.metrics.miningEnergyMWh;
  assert.ok(Math.abs(gainedMWh - addedMWh) < 1e-6 * addedMWh, `${gainedMWh} vs ${addedMWh}`);
  // Machines at 270 TH/s × 20 USD/TH, and a new hall for their MW at 100,000 USD/MW (beyond the most ever built).
  const capexUSD = machines * 270 * 20 + machines * 0.003645 * 100_000;
  assert.ok(Math.abs(bought.metrics.capexUSD - plain.metrics.capexUSD - capexUSD) < 1e-6 * capexUSD, `${bought.metrics.capexUSD - plain.metrics.capexUSD} vs ${capexUSD}`);
});

test.run();
