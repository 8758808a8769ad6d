/**
 * A variant's `policies:` → PolicyRule[]: decision rules on what the campus has observed so far,
 * each with its window, threshold (a quantity in the state's own unit), decision dates, cool-down
 * and one action on a load the layout has.
 *
 *   policies:
 *     pivot:
 *       from: 28 months                                           # first decision point
 *       when: { hashprice: { trailing: 3 months, below: 45 USD/PH/day } }
 *       then: { build: gpuCloud }                                  # the layout's hall, `build` after
 */
import { echo } from '../core/echo.js';
import { HOURS_PER_MONTH } from '../core/time.js';
import { variantFleet } from '../mining/fleet.js';
import { didYouMean } from './did-you-mean.js';
import type { ScenarioReader } from './reader.js';
import type { KeyPath } from './source.js';
import { numberKeyAt } from './keys/key-at.js';
import { MOST_RULES } from './keys/policy.js';
import { OBSERVED_STATES, type ObservedState, type PolicyAction, type PolicyCondition, type PolicyRule, type VariantConfig } from './types.js';
import type { QuantityKindName } from './units.js';

/** The unit a state's thresholds are written in (keys/policy.ts). */
export const stateUnit = (state: ObservedState): QuantityKindName => numberKeyAt(['policies', '', 'when', state, 'below']).unit;

const ACTIONS = ['build', 'pause', 'resume', 'retire', 'buy', 'sign', 'renew', 'sellBtc', 'buyBtc'] as const;

/** The rules of a variant that has read its campus (`variant`): actions are checked against its loads. */
export function readPolicies(r: ScenarioReader, variant: VariantConfig, horizonH: number): PolicyRule[] {
  const at: KeyPath = ['policies'];
  const names = Object.keys((r.raw(at) ?? {}) as object);
  if (names.length > MOST_RULES) r.fail(at, `${names.length} rules`, `at most ${MOST_RULES} rules in one layout (each is a pair of columns in every replication's results)`);
  const rules = names.map((name) => readRule(r, [...at, name], name, variant, horizonH));
  const builders = rules.filter((rule) => rule.action.kind === 'build');
  if (builders.length > 1) r.fail([...at, builders[1].name, 'then', 'build'], `the hall is already built by rule '${echo(builders[0].name)}'`, 'one rule that builds the hall');
  const signers = rules.filter((rule) => rule.action.kind === 'sign');
  if (signers.length > 1) r.fail([...at, signers[1].name, 'then', 'sign'], `the lease is already signed by rule '${echo(signers[0].name)}'`, 'one rule that signs the lease');
  // A sale needs BTC in the treasury: mined BTC kept, or BTC a rule buys.
  const seller = rules.find((rule) => rule.action.kind === 'sellBtc');
  const keepsMined = variant.finance.btcHeldShare > 0 && variantFleet(variant).powerMW > 0;
  if (seller && !keepsMined && !rules.some((rule) => rule.action.kind === 'buyBtc')) {
    r.fail([...at, seller.name, 'then', 'sellBtc'], variant.finance.btcHeldShare > 0 ? 'the layout mines no BTC to keep, and no rule buys any' : 'the treasury keeps no mined BTC (finance.treasury.holdShare is 0) and no rule buys any', 'BTC in the treasury: finance.treasury.holdShare above 0 with mining, or a rule that does { buyBtc: … }');
  }
  return rules;
}

function readRule(r: ScenarioReader, at: KeyPath, name: string, variant: VariantConfig, horizonH: number): PolicyRule {
  // Decision points are month starts: each timing is a whole number of months, counted on the calendar.
  const fromMonth = wholeMonths(r, [...at, 'from'], horizonH, 0);
  const untilMonth = r.has([...at, 'until']) ? wholeMonths(r, [...at, 'until'], horizonH) : Infinity;
  if (untilMonth < fromMonth) r.fail([...at, 'until'], `the last decision (month ${untilMonth}) comes before the first (month ${fromMonth})`, "a date after 'from'");
  const everyMonths = Math.max(1, wholeMonths(r, [...at, 'every'], horizonH));
  const when = readConditions(r, [...at, 'when']);
  const action = readAction(r, at, variant);
  if (action.kind === 'build' && r.has([...at, 'coolDown'])) r.fail([...at, 'coolDown'], 'a hall is built once', "no coolDown for a 'build' rule");
  if (action.kind === 'sign' && r.has([...at, 'coolDown'])) r.fail([...at, 'coolDown'], 'a lease is signed once', "no coolDown for a 'sign' rule");
  const coolDownMonths = r.has([...at, 'coolDown']) ? wholeMonths(r, [...at, 'coolDown'], horizonH) : Infinity;
  return { name, fromMonth, untilMonth, everyMonths, when, action, coolDownMonths };
}

/** A duration of whole months (730.5 h each, so '2.5 years' is 30), as a count; `fallback` months when absent. */
function wholeMonths(r: ScenarioReader, path: KeyPath, horizonH: number, fallback?: number): number {
  if (!r.has(path) && fallback !== undefined) return fallback;
  // An absent key with a default (every: 1 month) is read at its default.
  const h = r.read(path);
  const months = Math.round(h / HOURS_PER_MONTH);
  if (h > horizonH + 1e-6) r.fail(path, `${Number((h / HOURS_PER_MONTH).toPrecision(6))} months is past the horizon`, `at most ${Math.round(horizonH / HOURS_PER_MONTH)} months`);
  if (Math.abs(months * HOURS_PER_MONTH - h) > 1e-6 * Math.max(h, 1)) {
    r.fail(path, `${Number((h / HOURS_PER_MONTH).toPrecision(6))} months is not a whole number of months`, "decisions at month starts: e.g. '1 month', '30 months', '2.5 years'");
  }
  return months;
}

/** The states read from the books, by the calendar months closed: their windows are whole months. */
const BOOK_STATES: readonly ObservedState[] = ['gpuUtilisation', 'cash'];

/** A rule's conditions; none when it has no `when` (it acts at each of its decision points). */
function readConditions(r: ScenarioReader, at: KeyPath): PolicyCondition[] {
  if (!r.has(at)) return [];
  const states = Object.keys((r.raw(at) ?? {}) as object);
  if (states.length === 0) r.fail(at, 'no condition', `at least one of ${OBSERVED_STATES.join(', ')}, or no 'when' for a rule that acts on its dates alone`);
  return states.map((state): PolicyCondition => {
    const here = [...at, state];
    if (!(OBSERVED_STATES as readonly string[]).includes(state)) {
      const near = didYouMean(state, OBSERVED_STATES);
      r.fail(here, `'${echo(state)}' is not a state a rule can observe${near ? ` (did you mean ${near}?)` : ''}`, `one of ${OBSERVED_STATES.join(', ')}`);
    }
    const below = r.has([...here, 'below']);
    if (below === r.has([...here, 'above'])) r.fail(here, below ? 'both below and above were given' : 'no threshold', "one of 'below' or 'above'");
    const trailingH = r.read([...here, 'trailing']);
    if (BOOK_STATES.includes(state as ObservedState) && Math.abs(Math.max(1, Math.round(trailingH / HOURS_PER_MONTH)) * HOURS_PER_MONTH - trailingH) > 1e-6 * trailingH) {
      r.fail([...here, 'trailing'], `${Number((trailingH / HOURS_PER_MONTH).toPrecision(4))} months is not a whole number of months`, `whole months: ${state} is read from the books at the ends of the calendar months closed, e.g. '1 month', '3 months'`);
    }
    return { state: state as ObservedState, trailingH, below, threshold: r.read([...here, below ? 'below' : 'above']) };
  });
}

function readAction(r: ScenarioReader, rule: KeyPath, variant: VariantConfig): PolicyAction {
  const at = [...rule, 'then'];
  const keys = Object.keys((r.raw(at) ?? {}) as object);
  if (keys.length !== 1 || !(ACTIONS as readonly string[]).includes(keys[0])) {
    r.fail(at, keys.length === 0 ? 'no action' : `'${echo(keys.join(', '))}' is not one action`, `one of ${ACTIONS.map((a) => `{ ${a}: … }`).join(', ')}`);
  }
  const kind = keys[0] as (typeof ACTIONS)[number];
  const here = [...at, kind];
  if (kind !== 'buy' && r.has([...rule, 'lead'])) r.fail([...rule, 'lead'], `a '${kind}' action has no delivery`, `'lead' only beside { buy: … } (${kind === 'sign' ? "a leased hall's build time is lease.build" : "a hall's build time is gpuCloud.build"})`);
  if (kind === 'buy') {
    const mw = r.read(here);
    const machineMW = variant.mining.asicPowerMW;
    // A rule buys no more than the grid leaves mining when it fires; more than the whole grid is a slip.
    if (mw > variant.site.gridMW + 1e-9) r.fail(here, `${mw} MW is more than the ${variant.site.gridMW} MW grid connection`, `at most the grid (a buy is capped at the power the grid leaves mining when it fires)`);
    if (Math.floor(mw / machineMW + 1e-9) < 1) r.fail(here, `${mw} MW buys no ${Number((machineMW * 1000).toPrecision(6))} kW machine`, 'at least one machine of mining.asic');
    return { kind, load: 'mining', mw, leadH: r.read([...rule, 'lead']) };
  }
  if (kind === 'sellBtc') return { kind, load: 'treasury', share: r.read(here) };
  if (kind === 'buyBtc') return { kind, load: 'treasury', usd: r.read(here) };
  if (kind === 'retire') {
    const mw = r.read(here);
    const fleetMW = variantFleet(variant).powerMW;
    if (mw > fleetMW + 1e-9) r.fail(here, `${mw} MW is more than the ${fleetMW.toFixed(1)} MW the fleet draws`, `at most ${fleetMW.toFixed(1)} MW`);
    return { kind, load: 'mining', mw };
  }
  if (kind === 'sign' || kind === 'renew') return readLeaseAction(r, here, kind, variant);
  const load = r.string(here);
  const wanted = kind === 'build' ? 'gpuCloud' : 'mining';
  if (load !== wanted) r.fail(here, `'${echo(load)}' cannot be ${kind === 'build' ? 'built by a rule' : kind === 'pause' ? 'paused' : 'resumed'}`, `'${wanted}'`);
  if (kind === 'build') {
    if (!variant.gpuCloud) r.fail(here, 'the layout has no gpuCloud to build', 'a gpuCloud section in this layout (the hall the rule builds)');
    // Its dates come from the decision: the first phase opens `build` after it, later ones `after` the one before.
    for (const [key, name] of [[['online'], 'online'], [['phases', 0, 'online'], 'phases[0].online']] as const) {
      if (r.has(['gpuCloud', ...key])) r.fail(['gpuCloud', ...key], 'a rule builds this hall: it comes online its build time after the rule fires', `no gpuCloud.${name} in a layout whose hall a rule builds`);
    }
    return { kind, load: 'gpuCloud' };
  }
  if (variantFleet(variant).powerMW <= 0) r.fail(here, 'the layout has no mining fleet', 'a layout with mining');
  return { kind, load: 'mining' };
}

/** `{ sign: lease }` or `{ renew: lease }`: the layout leases something, a signed lease has no date of its own, a renewed one has a term. */
function readLeaseAction(r: ScenarioReader, here: KeyPath, kind: 'sign' | 'renew', variant: VariantConfig): PolicyAction {
  const load = r.string(here);
  if (load !== 'lease') r.fail(here, `'${echo(load)}' cannot be ${kind === 'sign' ? 'signed' : 'renewed'}`, "'lease'");
  const lease = variant.lease;
  if (!lease || !(lease.itMW > 0)) r.fail(here, `the layout has no lease to ${kind}`, 'a lease section of more than 0 MW in this layout');
  if (kind === 'sign' && r.has(['lease', 'online'])) {
    r.fail(['lease', 'online'], 'a rule signs this lease: its hall opens lease.build after the rule fires', 'no lease.online in a layout whose lease a rule signs');
  }
  if (kind === 'renew' && !(lease!.termYears > 0)) r.fail(here, 'the lease has no term to renew (termYears 0: it runs through the horizon)', 'a lease.termYears above 0');
  return { kind, load: 'lease' };
}
