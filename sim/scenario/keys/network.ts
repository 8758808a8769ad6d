/** The bitcoin network (`network`): difficulty, hashrate and how the rest of the network answers hashprice. */
import { HOURS_PER_DAY } from '../../core/time.js';
import { FLEET_DEFAULTS } from '../../network/fleet-defaults.js';
import { boolean, date, json, list, number, oneOf, quantity, section } from './define.js';

/** The last height worth simulating: 64 halvings of 210,000 blocks, after which the subsidy is 0 (a cap on hostile input). */
const LAST_HEIGHT = 64 * 210_000;

export const NETWORK = section({
  hashrate: quantity('hashrate', { plausible: [{ lo: 1e8, hi: 1e11, unit: 'TH/s', what: 'the network’s hashrate', source: '~1,024 EH/s (1.02e9 TH/s) in January 2026' }], description: 'Network hashrate including the campus, e.g. "1050 EH/s"; or an expression of t (hours) or years, e.g. "1050 EH/s * exp(0.3 * years)", which replaces the response model.' }),
  difficulty: number({ min: 1, schemaBounds: ['min'], description: 'Difficulty at the start, e.g. 148.26e12.' }),
  height: number({ min: 0, max: LAST_HEIGHT, integer: true, schemaBounds: ['min', 'max'], description: 'Height of the next block at the start (halvings follow from it).' }),
  growth: number({ default: 0, description: 'Trend growth of ln(hashrate) per year; default 0. With fleet: a drift of the fleet beyond the economics (default 0).' }),
  volatility: number({ min: 0, description: `Volatility of ln(hashrate) per √year beyond what the model explains; default 0.1, with fleet the fitted ${FLEET_DEFAULTS.volatilityPerSqrtYear}.` }),
  fleet: section({
    powerCost: section({
      median: quantity('energyPrice', { above: 0, default: FLEET_DEFAULTS.powerCostMedianUSDPerMWh, description: 'Median power price, e.g. "50 USD/MWh".' }),
      spread: number({ min: 0, default: FLEET_DEFAULTS.powerCostSpread, description: 'σ of ln(power price) across the network, e.g. 0.5.' })
    }, { description: "Power price across the network's machines (all-in cash cost per MWh): lognormal." }),
    frontier: section({
      machines: list(section({
        date: date('When it shipped, YYYY-MM-DD.'),
        efficiency: quantity('efficiency', { above: 0, description: 'Its efficiency, e.g. "13.5 J/TH".' })
      }, { required: ['date', 'efficiency'] }), { description: 'Dated reference machines, interpolated log-linearly; default Antminer S9 (2017) … S21 XP (2024).', minItems: 1 }),
      improvement: number({ default: FLEET_DEFAULTS.improvementPerYear, description: "Share by which the frontier's J/TH falls a year after the last machine; default 0.2." }),
      price: quantity('moneyPerPower', { above: 0, default: FLEET_DEFAULTS.machinePriceUSDPerW * 1e6, description: 'Price of a frontier machine per watt it draws, e.g. "1.9 USD/W" (25.7 USD/TH at 13.5 J/TH).' })
    }, { description: 'The most efficient machine one can buy, by date.' }),
    payback: quantity('duration', { above: 0, default: FLEET_DEFAULTS.paybackDays * HOURS_PER_DAY, description: 'Payback owners want of a new machine: orders start when the frontier machine pays back faster, e.g. "2 years".' }),
    baseOrderRate: number({ min: 0, default: FLEET_DEFAULTS.baseOrderRatePerYear, description: `Orders a year, as a share of the running fleet, at each power price as soon as the frontier machine pays back within the wanted payback; fitted ${FLEET_DEFAULTS.baseOrderRatePerYear}.` }),
    orderRate: number({ min: 0, default: FLEET_DEFAULTS.orderRatePerYear, description: `Further orders a year per unit of (wanted payback ÷ payback − 1); fitted ${FLEET_DEFAULTS.orderRatePerYear}.` }),
    maxGrowth: number({ min: 0, default: FLEET_DEFAULTS.maxGrowthPerYear, description: 'Deployment cap: orders a year at most, as a share of the running fleet; default 2.5.' }),
    leadTime: quantity('duration', { min: 0, default: FLEET_DEFAULTS.leadDays * HOURS_PER_DAY, description: 'Order to hashing, whole days, e.g. "120 days".' }),
    reaction: quantity('duration', { above: 0, default: FLEET_DEFAULTS.reactionDays * HOURS_PER_DAY, description: 'Days of hashprice owners average before switching machines off or on, e.g. "3 days".' }),
    hysteresis: number({ min: 0, default: FLEET_DEFAULTS.hysteresis, description: `An idle machine switches back on once hashprice beats its cash cost by this share; fitted ${FLEET_DEFAULTS.hysteresis}.` }),
    idle: quantity('duration', { above: 0, default: FLEET_DEFAULTS.idleDays * HOURS_PER_DAY, description: 'Mean time an idle machine waits before it retires, e.g. "180 days".' }),
    pastGrowth: number({ default: FLEET_DEFAULTS.pastGrowthPerYear, description: 'Growth of ln(hashrate) a year before the start: the age mix of the fleet at the start; default 0.35.' }),
    growthSd: number({ min: 0, default: FLEET_DEFAULTS.growthSdPerYear, description: `Stationary sd of a growth rate beyond the economics that wanders (capital and chip-supply cycles), a year; fitted ${FLEET_DEFAULTS.growthSdPerYear}.` }),
    growthReversion: number({ above: 0, default: FLEET_DEFAULTS.growthReversionPerYear, description: `How fast that growth rate reverts, a year; default ${FLEET_DEFAULTS.growthReversionPerYear}.` })
  }, { description: 'The rest of the network as a fleet with a cost curve: machines by efficiency over a spread of power prices switch off when hashprice no longer covers their cash cost and back on past a hysteresis margin, retire when idle, and are bought at the frontier when they pay back; hashprice follows. Replaces response. Every key has a default fitted to 2016–2022 (campus calibrate network; docs/network-model.md).' }),
  response: section({
    rate: number({ default: 0.5, description: 'Extra growth per year per unit of margin; 0 turns the response off. Default 0.5.' }),
    lagDays: number({ integer: true, default: 90, description: "Days from margin to hashrate (delivery lag); default 90. A day's hashrate answers yesterday's margin at the earliest, so 0 acts as 1." }),
    efficiency: quantity('efficiency', { above: 0, default: 21, description: 'Marginal fleet efficiency, e.g. "21 J/TH".' }),
    powerPrice: quantity('energyPrice', { above: 0, default: 60, description: 'Marginal fleet\'s power price, e.g. "60 USD/MWh".' })
  }, { description: "How the rest of the network responds to miners' margin." }),
  blockMode: oneOf(['epoch', 'block'], 'epoch: draw each 2016-block epoch whole (fast, default); block: draw every block.'),
  campusCounts: boolean("Does the campus's hashrate count toward the network (default true)? false treats the campus as a price-taker.")
}, { required: ['hashrate', 'difficulty', 'height'], description: 'The bitcoin network at the start and how its hashrate evolves. Shared by every variant.' });
