/** The books (`finance`): discount rate, capex, opex, capital, lives, tax and debt. */
import { HOURS_PER_YEAR } from '../../core/time.js';
import { json, number, quantity, section } from './define.js';

/** How one class of asset is written off (its default schedule is the tax reader's, by class). */
const depreciation = (description: string) =>
  section(
    {
      schedule: json({ anyOf: [{ type: 'string', enum: ['macrs-3', 'macrs-5', 'macrs-7', 'macrs-15', 'straight-line'] }, { type: 'array', items: { type: ['number', 'string'] }, minItems: 1 }] }, 'A MACRS table (IRS Publication 946, half-year convention), straight-line over `life`, or yearly shares of the cost that sum to 1.'),
      life: quantity('duration', { above: 0, max: 100 * HOURS_PER_YEAR, description: 'Years for straight-line, e.g. "39 years".' }),
      bonus: number({ min: 0, max: 1, default: 0, description: 'Share of the cost written off in the year it is paid (bonus depreciation), 0 to 1; default 0.' }),
    },
    { description },
  );

export const FINANCE = section({
  discountRate: number({ max: 1, above: -1, default: 0.12, description: 'Annual rate discounting the monthly cash flows, e.g. 0.12; default 0.12.' }),
  miningFacility: quantity('moneyPerPower', { min: 0, default: 0, plausible: [{ lo: 20_000, hi: 5_000_000, unit: 'USD/MW', what: 'mining facility capex', source: '200–500 kUSD/MW (CBRE, Sabre56, Core Scientific)' }], description: 'Capex per MW of new mining capacity, e.g. "300000 USD/MW" (Sabre56 $300–350k/MW); default 0.' }),
  terminalYears: number({ min: 0, max: 30, default: 0, schemaBounds: ['min'], description: "Terminal value at the horizon, in years of the last twelve months' net cash flow (a lease or a fleet keeps earning after the study ends); default 0." }),
  opex: section({
    mining: quantity('moneyPerPowerTime', { min: 0, default: 0, description: 'Per MW of mining fleet installed, e.g. "30000 USD/MW/year"; default 0.' }),
    gpuHall: quantity('moneyPerPowerTime', { min: 0, default: 0, description: 'Per MW of GPU-hall IT once online, e.g. "400000 USD/MW/year"; default 0.' }),
    fixed: quantity('moneyPerTime', { min: 0, default: 0, description: 'Company overhead not tied to a segment, e.g. "20e6 USD/year"; default 0.' })
  }, { description: 'Operating costs besides power.' }),
  treasury: section({
    holdShare: number({ min: 0, max: 1, default: 0, description: 'Share of mined BTC kept, valued at the last price at the horizon; default 0 (sell at once).' })
  }),
  capital: quantity('money', { min: 0, default: Infinity, description: 'Capital available for the plan, e.g. "1.15e9 USD"; the summary reports the headroom left at the lowest point of cash.' }),
  lives: section({
    mining: quantity('duration', { min: 0, default: 0, description: 'ASICs and mining halls, e.g. "5 years".' }),
    halls: quantity('duration', { min: 0, default: 0, description: 'GPU and leased hall shells, e.g. "20 years".' }),
    gpus: quantity('duration', { min: 0, default: 0, description: 'GPU nodes, e.g. "5 years".' })
  }, { description: 'Straight-line lives of what capex buys; book value left at the horizon counts as residual value. Default: none.' }),
  tax: section({
    rate: number({ min: 0, below: 1, description: 'Tax rate, 0 to below 1, e.g. 0.21 (US federal).' }),
    lossOffset: number({ max: 1, above: 0, default: 0.8, description: "The most of a year's taxable income that losses carried forward may offset; default 0.8 (US since 2018)." }),
    depreciation: section({
      asics: depreciation('How ASICs are written off; default macrs-5.'),
      gpus: depreciation('How GPU nodes are written off; default macrs-5.'),
      halls: depreciation('How halls and mining facilities are written off; default straight-line over 39 years.'),
    })
  }, { required: ['rate'], description: "Income tax: after-tax cash flows and NPV beside the pre-tax ones. Each tax year's operating cash less depreciation; losses carried forward." }),
  debt: section({
    amount: quantity('money', { min: 0, description: 'e.g. "1.15e9 USD".' }),
    rate: number({ min: 0, max: 1, default: 0, description: 'Interest a year, e.g. 0 for 0 % convertible notes; default 0.' }),
    maturity: quantity('duration', { above: 0, description: 'Time from the start until the principal is due, e.g. "6.5 years".' })
  }, { required: ['amount', 'maturity'], description: 'Debt raised at the start (e.g. convertible notes): interest paid monthly, the principal at maturity, or owed at the horizon if later. Reported as equity NPV beside the project NPV.' })
});
