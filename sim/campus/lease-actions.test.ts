/**
 * Decision rules on the leased hall: a tenant signing ({ sign: lease }) and a lease renewed
 * ({ renew: lease }), and a lease whose term ends inside the horizon.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HOURS_PER_MONTH } from '../core/time.js';
import { NPV_SEGMENTS, yearsIn } from '../finance/segments.js';
import type { Scenario } from '../scenario/types.js';
import type { CampusResult } from './campus.js';
import { assertSameResults, campus as leaseCampus, firings, firstFiredH, monthStartH, run } from './policies.test-support.js';
import { horizonMonths, VARIANT_SERIES } from './series.js';
import { drawWorld, type World } from './world.js';

// The rules' test campus (policies.test-support.ts): two years from 1 January 2026 of a 36.45 MW
// fleet on a 60 MW grid (room for a 1.2 MW hall whatever the rules do); the BTC price grows without
// noise, so `btcPrice: { above: 0 USD }` holds at every decision point and a rule fires at its `from`.
const campus = (variants: string, site = '') => leaseCampus(variants, '', undefined, site);

/** Grid outages of 12 h on average, 6 a year, and generators that hold the hall 6 h: the SLA sees what backup leaves. */
const OUTAGES = ', outages: { rate: 6, duration: 12 h }, backup: { capacity: 2 MW, fuel: 6 h, startFailure: 0 }';

/** A 1 MW (IT) leased hall at 100 USD/kW-month: 100,000 USD a month. */
const lease = (more = '') => `lease: { it: 1 MW, pue: 1.2, rent: 100 USD/kW/month, build: 6 months${more} }`;
const signAt = (months: number, rule = 'tenant') => `policies:
      ${rule}: { from: ${months} months, when: { btcPrice: { above: 0 USD } }, then: { sign: lease } }`;

const near = (a: number, b: number, tol = 1e-6) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

/** Month m's lease rent after credits, from the monthly series. */
function monthlyRent(r: CampusResult, m: number, months: number): number {
  const s = VARIANT_SERIES.findIndex((x) => x.name === 'leaseRentUSD');
  return r.monthly[s * months + m];
}

/** The lease's rent contracted after the horizon, valued at it: the lease segment's cash at the horizon. */
function contractedRentUSD(s: Scenario, r: CampusResult): number {
  const periods = yearsIn(horizonMonths(s.horizon).count) + 1;
  const lease = NPV_SEGMENTS.findIndex((x) => x.metric === 'npvLeaseUSD');
  return r.annualUSD[lease * periods + periods - 1];
}

test('a lease no rule signs costs, draws and earns nothing: the same results as the layout without one', () => {
  const s = campus(`  plain: {}
  never:
    ${lease(', hallCapex: 10e6 USD/MW, termYears: 5')}
    policies:
      tenant: { when: { btcPrice: { below: 1 USD } }, then: { sign: lease } }`, OUTAGES);
  const never = run(s, 'never');
  assert.is(firings(never), 0);
  assertSameResults(never, run(s, 'plain'));
});

test("a lease no rule signs still keeps its grid share from the fleet, which is paid for as it runs", () => {
  // A new fleet that would fill the 60 MW grid runs 58.8 MW beside the 1.2 MW kept for the hall, signed or not.
  const s = campus(`  never:
    ${lease(', hallCapex: 10e6 USD/MW')}
    mining: { capacity: 60 MW, existing: 0 MW }
    policies:
      tenant: { when: { btcPrice: { below: 1 USD } }, then: { sign: lease } }
  kept:
    ${lease(', online: 30 months')}
    mining: { capacity: 60 MW, existing: 0 MW }
  full:
    mining: { capacity: 60 MW, existing: 0 MW }`);
  const never = run(s, 'never'), kept = run(s, 'kept'), full = run(s, 'full');
  assert.is(never.metrics.capexUSD, kept.metrics.capexUSD);
  assert.is(never.metrics.miningEnergyMWh, kept.metrics.miningEnergyMWh);
  assert.ok(full.metrics.capexUSD > never.metrics.capexUSD, 'the full fleet has more machines to pay for');
});

test('a lease a rule signs is the fixed lease dated by the decision: rent, SLA and backup alike', () => {
  // Signed on 1 June 2026 (month 5, 3,624 h), the hall opens 6 months (4,383 h) later, at 8,007 h.
  const s = campus(`  signed:
    ${lease()}
    ${signAt(5)}
  fixed:
    ${lease(', online: 8007 h')}
  unbacked:
    ${lease(', online: 8007 h')}
    site: { backup: { capacity: 0 MW } }`, OUTAGES);
  const signed = run(s, 'signed'), fixed = run(s, 'fixed'), unbacked = run(s, 'unbacked');
  assert.is(firstFiredH(signed), monthStartH(s, 5));
  assert.is(firstFiredH(signed) + 6 * HOURS_PER_MONTH, 8007);
  assert.ok(signed.metrics.leaseRentUSD > 0);
  // The world's outages after the opening reach the tenant, and backup carries part of them: a plan
  // for the hall that did not follow the signing would carry none (the unbacked lease's SLA).
  assert.ok(signed.metrics.leaseUndeliveredMWh > 0, `${signed.metrics.leaseUndeliveredMWh}`);
  assert.ok(unbacked.metrics.leaseUndeliveredMWh > signed.metrics.leaseUndeliveredMWh, `${unbacked.metrics.leaseUndeliveredMWh} vs ${signed.metrics.leaseUndeliveredMWh}`);
  assertSameResults(signed, fixed);
});

test("a signed lease's hall is paid for at the signing, a fixed one's at the start; a hall opening after the horizon still has its shell paid and its rent contracted", () => {
  const s = campus(`  free:
    ${lease(', termYears: 1')}
    ${signAt(5)}
  signed:
    ${lease(', termYears: 1, hallCapex: 10e6 USD/MW')}
    ${signAt(5)}
  late:
    ${lease(', termYears: 1, hallCapex: 10e6 USD/MW')}
    ${signAt(20)}
  plain: {}`);
  const free = run(s, 'free'), signed = run(s, 'signed'), late = run(s, 'late'), plain = run(s, 'plain');
  // 10 MUSD paid on 1 June (decision point 5), counted in June: at its end, half a year in, discounted by 1.1^(−6/12).
  assert.is(signed.metrics.capexUSD - free.metrics.capexUSD, 10e6);
  assert.ok(near(free.metrics.npvUSD - signed.metrics.npvUSD, 10e6 * 1.1 ** (-6 / 12)), `${free.metrics.npvUSD - signed.metrics.npvUSD}`);
  // Signed on 1 September 2027 (month 20), it opens on 3 March 2028 (6 × 730.5 h later), after the
  // two years: no rent in them, its shell paid, its year of rent contracted after the horizon.
  assert.is(firings(late), 1);
  assert.is(late.metrics.leaseRentUSD, 0);
  assert.is(late.metrics.capexUSD - plain.metrics.capexUSD, 10e6);
  assert.ok(contractedRentUSD(s, late) > 0.8 * 12 * 100_000, `${contractedRentUSD(s, late)}`);
  assert.ok(contractedRentUSD(s, late) < 12 * 100_000, `${contractedRentUSD(s, late)}`);
});

test('a lease that has ended gives its grid share back: a rule may buy machines for it', () => {
  // A fleet that fills the 60 MW grid beside a 1.2 MW lease; the lease ends on 1 January 2027 (a
  // year from the start), and from February a rule buys what room there is: 329 machines of 3,645 W.
  const more = `policies:
      more: { from: 13 months, when: { btcPrice: { above: 0 USD } }, then: { buy: 10 MW } }`;
  const s = campus(`  ended:
    ${lease(', termYears: 1')}
    mining: { capacity: 60 MW, existing: 0 MW }
    ${more}
  open:
    ${lease()}
    mining: { capacity: 60 MW, existing: 0 MW }
    ${more}`);
  const ended = run(s, 'ended'), open = run(s, 'open');
  assert.is(firings(open), 0, 'no room beside a lease that runs on');
  assert.is(firings(ended), 1);
  assert.is(firstFiredH(ended), monthStartH(s, 13));
  assert.ok(near(ended.metrics.capexUSD - open.metrics.capexUSD, Math.floor(1.2 / 0.003645) * (270 * 20 + 0.003645 * 100_000)), `${ended.metrics.capexUSD - open.metrics.capexUSD}`);
});

test('a term ending inside the horizon stops the rent on its calendar date and the tenant leaves the grid', () => {
  // From 15 February 2026 (1,080 h) for one year: half of February (14 of 28 days), March 2026 to
  // January 2027, half of February 2027; nothing from March 2027 on. A 3 % escalator counts only
  // full years of the lease, so none of it is reached.
  const s = campus(`  ends:
    ${lease(', online: 1080 h, termYears: 1, escalator: 0.03')}
  open:
    ${lease(', online: 1080 h, escalator: 0.03')}
  ends-at-10:
    ${lease(', online: 1090 h, termYears: 1')}
  open-at-10:
    ${lease(', online: 1090 h')}`);
  const months = horizonMonths(s.horizon).count;
  const ends = run(s, 'ends'), open = run(s, 'open');
  assert.ok(near(ends.metrics.leaseRentUSD, 12 * 100_000), `${ends.metrics.leaseRentUSD}`);
  assert.ok(near(monthlyRent(ends, 1, months), 50_000));
  assert.ok(near(monthlyRent(ends, 12, months), 100_000));
  assert.ok(near(monthlyRent(ends, 13, months), 50_000));
  assert.is(monthlyRent(ends, 14, months), 0);
  assert.is(contractedRentUSD(s, ends), 0);
  // The open-ended lease runs on: 14 days, then 22 months, the second year's at 103 USD/kW-month.
  assert.ok(near(open.metrics.leaseRentUSD, 50_000 + 12 * 100_000 + 10 * 103_000), `${open.metrics.leaseRentUSD}`);
  // The grid loses half its 60 MW in February and March 2027, across the end of a lease from 10:00
  // on 15 February 2026 (1,090 h): from 10:00 on 15 February 2027 (9,850 h) mining gets the 1.2 MW
  // the tenant no longer draws — from that hour, not the next day's.
  const world = drawWorld(s.world, s.horizon, 1, 0);
  const derated: World = { ...world, deratesH: [[monthStartH(s, 13), monthStartH(s, 15)]], derateLostShare: 0.5 };
  const gainedMWh = run(s, 'open-at-10', derated).metrics.curtailedGridMWh - run(s, 'ends-at-10', derated).metrics.curtailedGridMWh;
  assert.ok(near(gainedMWh, 1.2 * (monthStartH(s, 15) - 9850)), `${gainedMWh} vs ${1.2 * (monthStartH(s, 15) - 9850)}`);
});

test('a renewal keeps the lease going another term up its escalator, and moves the rent after the horizon', () => {
  const s = campus(`  renewed:
    ${lease(', online: 1080 h, termYears: 1, escalator: 0.03')}
    policies:
      stay: { from: 6 months, when: { btcPrice: { above: 0 USD } }, then: { renew: lease }, coolDown: 1 month }
  ends:
    ${lease(', online: 1080 h, termYears: 1, escalator: 0.03')}`);
  const months = horizonMonths(s.horizon).count;
  const renewed = run(s, 'renewed'), ends = run(s, 'ends');
  // Renewed on 1 July 2026 to 15 February 2028, past the horizon: once, however often it may fire.
  assert.is(firstFiredH(renewed), monthStartH(s, 6));
  assert.is(firings(renewed), 1);
  // In the horizon: half of February 2026, 12 months at 100,000 USD (its first year's months begun),
  // then March to December 2027 at 103,000.
  assert.ok(near(renewed.metrics.leaseRentUSD, 50_000 + 12 * 100_000 + 10 * 103_000), `${renewed.metrics.leaseRentUSD}`);
  assert.ok(near(monthlyRent(renewed, 14, months), 103_000));
  // After it, valued at the horizon at 10 % a year: January 2028 whole, then half of February
  // (a month's half, 14.5 of its 29 days), each discounted from its end — 1 and 1.5 months.
  const pv = 103_000 * (1.1 ** (-1 / 12) + 0.5 * 1.1 ** (-1.5 / 12));
  assert.ok(near(contractedRentUSD(s, renewed), pv), `${contractedRentUSD(s, renewed)} vs ${pv}`);
  assert.ok(near(renewed.metrics.npvUSD - ends.metrics.npvUSD, npvOfRent(s, renewed, ends) + pv * 1.1 ** -2, 1e-9), 'the NPV moves by the rent gained and its value after the horizon');
});

test('a renewal fires only while there is a term to extend within the horizon', () => {
  const renew = (from = 1) => `stay: { from: ${from} months, when: { btcPrice: { above: 0 USD } }, then: { renew: lease }, coolDown: 1 month }`;
  const s = campus(`  unsigned:
    ${lease(', termYears: 1')}
    policies:
      tenant: { when: { btcPrice: { below: 1 USD } }, then: { sign: lease } }
      ${renew()}
  long:
    ${lease(', termYears: 5')}
    policies:
      ${renew()}
  ended:
    ${lease(', termYears: 1')}
    policies:
      ${renew(13)}
  year:
    ${lease(', termYears: 1')}
    policies:
      ${renew()}`);
  // No lease signed; a 5-year lease from the start outlives the horizon; a 1-year one has ended by month 13.
  assert.is(firings(run(s, 'unsigned'), 1), 0);
  assert.is(firings(run(s, 'long')), 0);
  assert.is(firings(run(s, 'ended')), 0);
  // A 1-year lease from the start, to 1 January 2027, renewed on 1 February 2026 (month 1) to the
  // horizon's end: once, though the rule may fire every month.
  const year = run(s, 'year');
  assert.is(firings(year), 1);
  assert.is(firstFiredH(year), monthStartH(s, 1));
  assert.ok(near(year.metrics.leaseRentUSD, 24 * 100_000), `${year.metrics.leaseRentUSD}`);
});

/** The present value of the monthly rent one layout earns beyond another's (their only difference). */
function npvOfRent(s: Scenario, a: CampusResult, b: CampusResult): number {
  const calendar = horizonMonths(s.horizon);
  let pv = 0;
  for (let m = 0; m < calendar.count; m++) pv += (monthlyRent(a, m, calendar.count) - monthlyRent(b, m, calendar.count)) * 1.1 ** -calendar.flowYears[m + 1];
  return pv;
}

test.run();
