/** A colocation lease of GPU-hall power (`lease`). */
import { HOURS_PER_MONTH } from '../../core/time.js';
import { number, type PlausibleRange, quantity, ref, section } from './define.js';

/** PUE of an HPC hall unless the scenario says otherwise: a liquid-cooled AI hall (DOMAIN.md). */
export const HALL_PUE = 1.25;

/**
 * Construction time of a leased hall a decision rule signs, from the signing to the opening, unless
 * the scenario says otherwise: no published figure stands behind it — it is the most likely build
 * time of capital-raise.yaml's 100 MW hall (15–30 months, mode 18).
 */
export const LEASE_BUILD_H = 18 * HOURS_PER_MONTH;

/** What real halls have: a PUE outside it is most likely a slip. */
export const PUE_PLAUSIBLE: readonly PlausibleRange[] = [{ lo: 1.02, hi: 2, unit: '', what: 'a PUE', source: 'liquid-cooled AI hall ~1.25; industry average 1.56' }];

export const LEASE = section({
  it: quantity('power', { min: 0, description: 'Critical IT power leased, e.g. "100 MW".' }),
  pue: number({ min: 1, max: 3, default: HALL_PUE, plausible: PUE_PLAUSIBLE, description: 'Facility power per IT power; the hall takes it × pue from the grid. Default 1.25 (liquid-cooled AI hall). With `cooling` the cooling model sets the draw hour by hour, and pue only sizes the mining fleet (the grid kept for the hall).' }),
  cooling: ref('cooling', { description: "The leased hall's cooling against the site's weather: hours its capacity holds less than the leased IT count against the SLA like outage hours (the share not held); its PUE follows ambient and load." }),
  rent: quantity('rentPerPower', { min: 0, plausible: [{ lo: 20, hi: 1000, unit: 'USD/kW/month', what: 'a colocation rent', source: '121–195 USD/kW-month (Core Scientific, TeraWulf, CBRE)' }], description: 'Rent, e.g. "121 USD/kW/month" (Core Scientific–CoreWeave ≈ $121).' }),
  escalator: number({ max: 1, above: -1, default: 0, description: 'Yearly rent escalator, e.g. 0.03; default 0.' }),
  online: quantity('duration', { min: 0, default: 0, description: 'Time to build the hall before rent starts, e.g. "18 months"; default 0. Left out when a decision rule signs the lease (`build` counts from the signing).' }),
  build: quantity('duration', { min: 0, default: LEASE_BUILD_H, description: 'For a lease a decision rule signs ({ sign: lease }): construction time from the signing until the hall opens and rent starts, e.g. "12 months"; default 18 months.' }),
  hallCapex: quantity('moneyPerPower', { min: 0, default: 0, plausible: [{ lo: 1e6, hi: 1e8, unit: 'USD/MW', what: 'GPU hall capex per MW of IT', source: '8–10 MUSD/MW for a shell (TeraWulf)' }], description: 'Hall shell capex per MW of IT, e.g. "9e6 USD/MW" (TeraWulf $8–10M/MW).' }),
  sla: section({
    availability: number({ max: 1, above: 0, default: 0.9999, description: 'Monthly availability promised; default 0.9999.' }),
    creditPerStep: number({ min: 0, max: 1, default: 0.05, description: "Credit per step below it, as a share of the month's rent; default 0.05." }),
    step: number({ max: 1, above: 0, default: 0.001, description: 'Size of a step of availability; default 0.001.' }),
    maxCredit: number({ min: 0, max: 1, default: 0.5, description: "Most a month's credit can be; default 0.5." })
  }),
  termYears: number({ min: 0, max: 50, default: 0, description: 'Length of the lease from when rent starts, years (e.g. 12): a term ending inside the horizon stops the rent and the tenant\'s draw then, unless a rule renews it ({ renew: lease }); rent still due after the horizon counts at its present value. Default 0: open-ended, through the horizon, nothing after it.' })
}, { required: ['it', 'rent'], description: 'A colocation lease: critical IT power rented to a tenant who brings the GPUs.' });
