/** A variant's decision rules (`policies`): each rule's timing, conditions and action (policy-config.ts reads them). */
import { HOURS_PER_MONTH } from '../../core/time.js';
import type { QuantityKindName } from '../units.js';
import { mapOf, NAME_PATTERN, number, oneOf, type PlausibleRange, quantity, ref, section, string } from './define.js';

/** Most rules one layout may have: each keeps its first firing and count in every replication's results. */
export const MOST_RULES = 8;

/**
 * A condition on the trailing mean of a state, its thresholds in the state's own unit (`unit`;
 * 'number' for a share) and, for a quantity, the usual range a threshold far outside is warned of
 * (a slip within the unit's kind — 45 USD/TH/day for 45 USD/PH/day — that the units cannot catch).
 */
const condition = (unit: QuantityKindName, description: string, plausible?: PlausibleRange, signed = false) =>
  section({
    trailing: quantity('duration', { above: 0, default: HOURS_PER_MONTH, description: 'Window of the trailing mean, e.g. "3 months"; default 1 month.' }),
    below: unit === 'number' ? number({ min: 0, max: 1, description: 'Holds when the trailing mean is below this share.' }) : quantity(unit, { ...(signed ? {} : { min: 0 }), ...(plausible ? { plausible: [plausible] } : {}), description: "Holds when the trailing mean is below this, in the state's unit." }),
    above: unit === 'number' ? number({ min: 0, max: 1, description: 'Holds when the trailing mean is above this share.' }) : quantity(unit, { ...(signed ? {} : { min: 0 }), ...(plausible ? { plausible: [plausible] } : {}), description: "Holds when the trailing mean is above this, in the state's unit." }),
  }, { description });

/** Whole months from the horizon's start (checked as whole by the reader). */
const months = (description: string) => quantity('duration', { min: 0, description });

export const POLICY = section({
  description: string(),
  from: months("First decision point: the start of the month this many whole months from the horizon's start, e.g. \"30 months\" or \"2.5 years\"; default the first month start."),
  until: months('Last decision point, in whole months from the start; default the horizon.'),
  every: quantity('duration', { above: 0, default: HOURS_PER_MONTH, description: 'Whole months between decision points; default 1 month.' }),
  coolDown: quantity('duration', { above: 0, description: 'After firing, the rule waits this many whole months before it may fire again; default: it fires at most once.' }),
  lead: quantity('duration', { min: 0, default: 0, description: 'For a buy: the machines arrive, and are paid for, this long after the rule fires, e.g. "3 months"; default 0.' }),
  when: section({
    hashprice: condition('hashprice', 'The network\'s hashprice, e.g. below: 45 USD/PH/day.', { lo: 3, hi: 5000, unit: 'USD/PH/day', what: 'a hashprice', source: '~40–60 USD/PH/day in 2024–25, ~3,000 at the Dec 2017 peak (Hashrate Index)' }),
    btcPrice: condition('money', 'The BTC price, e.g. above: 150000 USD.', { lo: 1000, hi: 1e7, unit: 'USD', what: 'a BTC price', source: '$3.2k at the Dec 2018 low, $126k at the Oct 2025 high' }),
    powerPrice: condition('energyPrice', "The site's power price (spot, or the flat price), e.g. above: 80 USD/MWh.", { lo: 1, hi: 5000, unit: 'USD/MWh', what: 'a power price', source: "27–80 USD/MWh paid by miners; ERCOT's offer cap 5,000" }),
    gpuPrice: condition('gpuHourPrice', "The GPU-hour price of on-demand training (or inference) in the layout's market, e.g. above: 2 USD/GPU/h.", { lo: 0.1, hi: 50, unit: 'USD/GPU/h', what: 'a GPU-hour price', source: 'H100 1.70–12 USD/GPU/h in 2023–26 (SemiAnalysis)' }),
    gpuUtilisation: condition('number', "The owned GPU hall's utilisation in the months closed in the window, a share from 0 to 1."),
    cash: condition('money', 'Cash on hand at the ends of the months closed in the window: finance.capital (0 without one) plus all the project has paid and taken in since the start — capex paid, operating cash, treasury BTC sold or bought — before debt and tax; may be negative, e.g. below: 100e6 USD.', undefined, true),
  }, { description: 'Conditions that must all hold, each on the trailing mean of what has been observed so far (never the future); without `when`, the rule acts at each of its decision points (e.g. a renewal on a date).' }),
  then: section({
    build: oneOf(['gpuCloud'], "Starts building the layout's GPU hall: capex from now, online after gpuCloud.build, converting gpuCloud.convertsMining as it opens."),
    pause: oneOf(['mining'], 'Switches the whole fleet off until a rule resumes it (opex runs on).'),
    resume: oneOf(['mining'], 'Lets a paused fleet run again.'),
    retire: quantity('power', { above: 0, description: 'Switches off for good the machines that free this much power, e.g. 100 MW.' }),
    buy: quantity('power', { above: 0, description: 'Orders machines of mining.asic that draw this much power, e.g. 50 MW: paid and running `lead` after the rule fires (mining facility capex for the MW beyond the most ever built); they run within the mining hall\'s cooling as designed.' }),
    sellBtc: number({ above: 0, max: 1, description: "Sells this share of the treasury's BTC (mined BTC kept, finance.treasury.holdShare, and BTC rules bought) at the BTC price of the hour, e.g. 0.5: the cash counts in the month the rule decides in." }),
    buyBtc: quantity('money', { above: 0, description: 'Puts this much cash into BTC for the treasury at the BTC price of the hour, e.g. 50e6 USD: held to the horizon (valued at the last price) or until a rule sells it.' }),
    sign: oneOf(['lease'], "A tenant signs the layout's lease now: its hall is paid for and starts building, opens lease.build later and pays rent from then for lease.termYears (the lease's `online` must be left out)."),
    renew: oneOf(['lease'], 'Extends a lease whose term (lease.termYears) ends inside the horizon by another term, its rent going on up its escalator; fires only before the term ends.'),
  }, { description: "One action: build the layout's GPU hall (it comes online its build time later), pause or resume mining, retire mining machines for good, buy more, sign the layout's lease or renew it, or sell or buy BTC for the treasury." }),
}, { required: ['then'] });

export const POLICIES = mapOf(ref('policy'), {
  description: 'Decision rules that act on the campus as the world unfolds, by name: at calendar month starts from `from` to `until`, every `every`, a rule fires when every condition in `when` holds on the trailing means observed so far, and does its `then`. Without policies a layout is a plan fixed at the start.',
  namePattern: NAME_PATTERN,
  minEntries: 1,
  most: MOST_RULES,
});
