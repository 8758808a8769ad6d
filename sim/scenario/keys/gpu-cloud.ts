/** A GPU hall the campus owns and sells as a cloud (`gpuCloud`). */
import { HOURS_PER_YEAR } from '../../core/time.js';
import { DEFAULT_IDLE_POWER_SHARE } from '../../hpc/cluster-spec.js';
import { HALL_PUE, PUE_PLAUSIBLE } from './lease.js';
import { json, list, number, oneOf, type PlausibleRange, quantity, ref, section } from './define.js';

/** What GPU-hours have sold for: a price outside it is most likely a slip of units. */
const GPU_HOUR_PRICE: readonly PlausibleRange[] = [{ lo: 0.2, hi: 30, unit: 'USD/GPU/h', what: 'a GPU-hour price', source: 'H100 8–12 USD (2023) → 1.70–2.85 USD (2024–26)' }];

export const GPU_CLOUD = section({
  it: quantity('power', { above: 0, description: 'Critical IT power of the hall, e.g. "25 MW"; nodes are as many as fit.' }),
  pue: number({ min: 1, max: 3, default: HALL_PUE, plausible: PUE_PLAUSIBLE, schemaBounds: ['min'], description: 'Facility power per IT power; default 1.25 (liquid-cooled AI hall). With `cooling` the cooling model sets the draw hour by hour, and pue only sizes the mining fleet (the grid kept for the hall).' }),
  node: section({
    gpus: number({ min: 1, max: 1024, whole: true, default: 8, schemaBounds: ['min'], description: 'GPUs per node; default 8.' }),
    power: quantity('power', { above: 0, default: 10.2e-3, plausible: [{ lo: 0.0005, hi: 0.3, unit: 'MW', what: 'one GPU node’s draw', source: 'DGX H100 10.2 kW, DGX B200 14.3 kW, an NVL72 rack ~120–150 kW' }], description: 'Draw of a busy node, e.g. "10.2 kW" (DGX H100); default 10.2 kW.' }),
    idleShare: number({ min: 0, max: 1, default: DEFAULT_IDLE_POWER_SHARE, schemaBounds: ['min', 'max'], description: 'Draw of an idle node as a share of a busy one; default 0.3.' }),
    price: quantity('money', { min: 0, default: 0, plausible: [{ lo: 10_000, hi: 10_000_000, unit: 'USD', what: 'the price of one GPU node', source: '~18 USD/W of chips and services: a 10.2 kW DGX ≈ 180 kUSD' }], description: 'Price of a node with its GPUs and networking, e.g. "10.2 kW * 18 USD/W".' }),
    mtbf: quantity('duration', { above: 0, default: 5.8 * HOURS_PER_YEAR, description: 'Mean time between failures of one GPU, e.g. "5.8 years" (Llama 3 on H100s); default 5.8 years.' }),
    repair: quantity('duration', { above: 0, default: 24, description: 'Mean time to repair or replace a failed node, e.g. "24 h"; default 24 h.' })
  }, { description: 'One GPU server.' }),
  hallCapex: quantity('moneyPerPower', { min: 0, default: 0, plausible: [{ lo: 1e6, hi: 1e8, unit: 'USD/MW', what: 'GPU hall capex per MW of IT', source: '8–12 MUSD/MW (TeraWulf; Cipher’s ~30 USD/W less chips)' }], description: 'Hall capex per MW of IT, e.g. "12e6 USD/MW".' }),
  online: quantity('duration', { min: 0, default: 0, description: 'Time until the hall runs, e.g. "15 months"; default 0.' }),
  build: quantity('duration', { min: 0, default: HOURS_PER_YEAR, description: 'Construction time before it runs: the hall is paid for this long before online, the nodes at online; default 12 months.' }),
  convertsMining: quantity('power', { min: 0, default: 0, description: 'Mining MW switched off for good when the hall comes online (a conversion of mining halls); default 0 MW.' }),
  scheduler: section({
    policy: oneOf(['fifo', 'easy-backfill'], 'Default easy-backfill.'),
    backfillDepth: number({ min: 0, max: 10_000, whole: true, default: 100, schemaBounds: ['min'], description: 'Waiting jobs behind the head one backfill pass may pass over (jobs it starts do not count); default 100.' })
  }),
  reserved: section({
    share: number({ min: 0, max: 1, schemaBounds: ['min', 'max'], description: "Share of the hall's GPUs under contract." }),
    price: quantity('gpuHourPrice', { min: 0, plausible: GPU_HOUR_PRICE, description: 'Contract price per GPU-hour, e.g. "2.35 USD/GPU/h".' }),
    term: quantity('duration', { above: 0, description: 'Contract length from online, e.g. "3 years"; default: to the horizon.' }),
    renewal: number({ min: 0, max: 1, default: 0, description: 'Chance a contract is renewed for another term when it ends, 0 to 1; default 0.' }),
    renewalPrice: quantity('gpuHourPrice', { min: 0, description: 'Price per GPU-hour of a renewed contract, by the hour it starts; may be an expression of years, e.g. "2.35 * 0.85^years USD/GPU/h"; default the contract price.' })
  }, { required: ['share', 'price'], description: 'GPUs sold in contracted blocks at a fixed price.' }),
  training: section({
    jobsPerYear: number({ max: 1_000_000, above: 0, schemaBounds: ['above'], description: 'Mean arrivals a year.' }),
    arrivalCV: number({ max: 100, above: 0, default: 1, schemaBounds: ['above'], description: "Coefficient of variation of the inter-arrival times (1: Poisson; Azure's bursty traces reach 13); default 1." }),
    gpus: section({
      values: list(number({ min: 1, integer: true, schemaBounds: ['min'] }), { minItems: 1 }),
      probabilities: json({ type: 'array', items: { type: 'number', minimum: 0 }, minItems: 1 })
    }, { required: ['values', 'probabilities'] }),
    duration: section({
      mean: quantity('duration', { above: 0, default: 60, description: 'e.g. "60 h"' }),
      sd: quantity('duration', { above: 0, description: 'e.g. "120 h"; default twice the mean.' })
    }, { required: ['mean'], description: 'Lognormal hours of work at full width.' }),
    checkpoint: quantity('duration', { min: 0, default: 1, description: 'Time between checkpoints, e.g. "1 h"; default 1 h.' }),
    patience: quantity('duration', { above: 0, default: Infinity, description: 'Mean time a customer waits for a job to start before renting elsewhere (exponential), e.g. "72 h"; default: waits for ever.' }),
    price: quantity('gpuHourPrice', { plausible: GPU_HOUR_PRICE, description: 'Price per GPU-hour; may fall with time, e.g. "2.35 * 0.85^years USD/GPU/h".' })
  }, { required: ['jobsPerYear', 'price'], description: 'On-demand training jobs.' }),
  inference: section({
    share: number({ min: 0, max: 10, schemaBounds: ['min'], description: "Mean GPUs wanted at the start, as a share of the hall's GPUs." }),
    hourOfDay: json({ type: 'array', items: { type: 'number', minimum: 0 }, minItems: 24, maxItems: 24 }, '24 multipliers of the request rate; default a day/night swing.'),
    growth: number({ max: 10, above: -1, default: 0, description: 'Yearly growth of demand; default 0.' }),
    price: quantity('gpuHourPrice', { plausible: GPU_HOUR_PRICE, description: 'Price per GPU-hour served, e.g. "2.0 USD/GPU/h"; may vary with time.' }),
    credit: quantity('gpuHourPrice', { min: 0, default: 0, description: 'SLA credit per GPU-hour wanted but not served, e.g. "1 USD/GPU/h"; default 0.' })
  }, { required: ['share', 'price'], description: 'Elastic inference served ahead of training.' }),
  phases: list(section({
    online: quantity('duration', { min: 0, default: 0, description: 'First phase only: when it runs, e.g. "15 months"; may be a distribution; default 0. Left out when a rule builds the hall: the first phase opens its build time after the decision, the later ones `after` it.' }),
    after: quantity('duration', { above: 0, description: 'Later phases: time after the phase before, e.g. "12 months"; may be a distribution.' }),
    share: number({ max: 1, above: 0, description: "Share of the hall's nodes installed from then on." })
  }, { required: ['share'] }), { description: 'Build-out in phases instead of one online date: the first runs at its `online` date, each later one `after` the one before; from each, its share of the nodes is installed (shares grow; the last is 1). Nodes are paid on delivery.', minItems: 1 }),
  cooling: ref('cooling'),
  hallFailures: section({
    rate: number({ min: 0, description: 'Failures a year.' }),
    duration: quantity('duration', { above: 0, default: 8, description: 'Mean duration, e.g. "8 h"; default 8 h.' }),
    durationSd: quantity('duration', { min: 0, description: 'Spread of the duration; default the mean.' }),
    lost: number({ max: 1, above: 0, description: 'Share of the nodes down during one, e.g. 0.25.' })
  }, { required: ['rate', 'lost'], description: "Correlated failures that take a share of the hall's nodes down at once (a PDU, a cooling loop, a network spine; OpenDC's interval–duration–fraction model). Lower classes are preempted first." })
}, { required: ['it'], description: 'A GPU hall the campus owns and sells as a cloud: reserved blocks, on-demand training jobs and elastic inference, scheduled on its nodes.' });
