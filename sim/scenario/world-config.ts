/**
 * The world section of a scenario (market and network) → model objects, built and checked at load
 * so a bad parameter is reported at its key, with the model's own words for the accepted range.
 */
import { echo } from '../core/echo.js';
import { ParameterError } from '../core/parameter-error.js';
import { readTextFile } from '../core/read-bounded.js';
import { HOURS_PER_DAY } from '../core/time.js';
import { HistoricalBootstrap } from '../market/bootstrap.js';
import { FeeShare } from '../market/fees.js';
import { Gbm } from '../market/gbm.js';
import { monthlyLogReturns, parseMonthlyCloses } from '../market/history.js';
import { Kou } from '../market/kou.js';
import { Merton } from '../market/merton.js';
import type { PriceModel } from '../market/price-model.js';
import { RegimeSwitching } from '../market/regime-switching.js';
import { bitsFromDifficulty } from '../network/difficulty.js';
import { packageFile } from '../package-files.js';
import { FLEET_DEFAULTS, REFERENCE_FRONTIER } from '../network/fleet-defaults.js';
import { NetworkFleet } from '../network/fleet.js';
import type { FleetSpec } from '../network/fleet-spec.js';
import { Frontier, type FrontierMachine } from '../network/frontier.js';
import { RestOfNetwork } from '../network/hashrate.js';
import { parseIsoTimeMs } from '../site/calendar.js';
import type { OutageSpec } from '../site/outages.js';
import { checkSpotPrice, type SpotPriceSpec } from '../site/spot-price.js';
import { MAX_HISTORY_BYTES, readDataFile } from './data-file.js';
import type { ScenarioReader } from './reader.js';
import type { KeyPath } from './source.js';
import type { Horizon, RestHashrate, WorldConfig } from './types.js';

/** The shipped month-end closes, used when a bootstrap scenario names no history file. */
export function shippedHistoryPath(): string {
  return packageFile('scenarios/data/btc-month-end-closes.csv');
}

/** Keys each price model uses; any other key under market.btc is refused. */
const MODEL_KEYS: Record<string, readonly string[]> = {
  gbm: ['drift', 'volatility'],
  merton: ['drift', 'volatility', 'jumps', 'jumpMean', 'jumpSd'],
  kou: ['drift', 'volatility', 'jumps', 'upProbability', 'upRate', 'downRate'],
  'regime-switching': ['regimes', 'rates', 'initial'],
  bootstrap: ['history', 'from', 'to', 'blockMonths'],
};
const COMMON_KEYS = ['model', 'price', 'stepDays'];

export function readWorld(r: ScenarioReader, horizon: Horizon, referenceCampusTHs: number): WorldConfig {
  return {
    price: { model: readPriceModel(r), stepH: HOURS_PER_DAY * readStepDays(r) },
    fees: build(r, ['market', 'fees'], () =>
      new FeeShare({
        median: r.read(['market', 'fees', 'median']),
        reversionPerYear: r.read(['market', 'fees', 'reversion']),
        volatilityPerSqrtYear: r.read(['market', 'fees', 'volatility']),
      }),
    ),
    network: readNetwork(r, horizon, referenceCampusTHs),
    site: readSiteWorld(r),
  };
}

/** The price path's step: an hour at least (a shorter one adds nothing the hourly world sees, and a tiny one would not fit in memory). */
function readStepDays(r: ScenarioReader): number {
  const days = r.read(['market', 'btc', 'stepDays']);
  if (days * HOURS_PER_DAY < 1 - 1e-9) r.fail(['market', 'btc', 'stepDays'], `${days} days is shorter than an hour`, 'a step of at least 1/24 day (one hour)');
  return days;
}

/** The site's shared physical world: spot market and grid outages (variants may not change them). */
function readSiteWorld(r: ScenarioReader): WorldConfig['site'] {
  const spotAt = ['site', 'spot'];
  const outAt = ['site', 'outages'];
  const spot = r.has(spotAt)
    ? build(r, spotAt, () => {
        const spec: SpotPriceSpec = {
          medianUSDPerMWh: r.read([...spotAt, 'median']),
          reversionPerYear: r.read([...spotAt, 'reversion']),
          volatilityPerSqrtYear: r.read([...spotAt, 'volatility']),
          hourOfDay: (r.raw([...spotAt, 'hourOfDay']) as number[] | undefined) ?? Array(24).fill(1),
          seasonalAmplitude: r.read([...spotAt, 'seasonal']),
          peakDay: r.read([...spotAt, 'peakDay']),
          spikesPerYear: r.read([...spotAt, 'spikes', 'rate']),
          spikeSize: r.read([...spotAt, 'spikes', 'size']),
          spikeHours: r.read([...spotAt, 'spikes', 'hours']),
          negativePerYear: r.read([...spotAt, 'negative', 'rate']),
          negativeHours: r.read([...spotAt, 'negative', 'hours']),
          negativeUSDPerMWh: r.read([...spotAt, 'negative', 'price']),
          floorUSDPerMWh: r.read([...spotAt, 'floor']),
          capUSDPerMWh: r.read([...spotAt, 'cap']),
        };
        if (spec.floorUSDPerMWh >= spec.capUSDPerMWh) {
          r.fail([...spotAt, 'floor'], `a floor of ${Number(spec.floorUSDPerMWh.toPrecision(12))} USD/MWh is not below the cap of ${Number(spec.capUSDPerMWh.toPrecision(12))} USD/MWh`, 'a floor below the cap');
        }
        checkSpotPrice(spec);
        return spec;
      })
    : undefined;
  const outages = r.has(outAt) ? readIntervals(r, outAt) : undefined;
  const derateAt = ['site', 'derates'];
  const derates = r.has(derateAt) ? { spec: readIntervals(r, derateAt), lostShare: r.read([...derateAt, 'lost']) } : undefined;
  return { spot, outages, ...(derates ? { derates } : {}) };
}

/** Interruptions at `rate` a year lasting `duration` on average (lognormal, `durationSd` spread, default the mean); the default duration is the section's own. */
function readIntervals(r: ScenarioReader, at: KeyPath): OutageSpec {
  const meanHours = r.read([...at, 'duration']);
  return { perYear: r.read([...at, 'rate']), meanHours, sdHours: r.read([...at, 'durationSd'], { fallback: meanHours }) };
}

function readPriceModel(r: ScenarioReader): PriceModel {
  const at = ['market', 'btc'];
  const model = r.string([...at, 'model']);
  const used = MODEL_KEYS[model];
  for (const key of Object.keys(r.raw(at) as object)) {
    if (!COMMON_KEYS.includes(key) && !used.includes(key)) {
      r.fail([...at, key], `the ${model} model has no parameter '${echo(key)}'`, `one of ${[...COMMON_KEYS, ...used].join(', ')}`);
    }
  }
  const priceUSD = r.read([...at, 'price']);
  const diffusion = () => ({
    priceUSD,
    driftPerYear: r.read([...at, 'drift']),
    volatilityPerSqrtYear: r.read([...at, 'volatility']),
  });
  switch (model) {
    case 'gbm':
      return build(r, at, () => new Gbm(diffusion()));
    case 'merton':
      return build(r, at, () =>
        new Merton({ ...diffusion(), jumpsPerYear: r.read([...at, 'jumps']), jumpMean: r.read([...at, 'jumpMean']), jumpSd: r.read([...at, 'jumpSd']) }),
      );
    case 'kou':
      return build(r, at, () =>
        new Kou({
          ...diffusion(),
          jumpsPerYear: r.read([...at, 'jumps']),
          upProbability: r.read([...at, 'upProbability']),
          upRate: r.read([...at, 'upRate']),
          downRate: r.read([...at, 'downRate']),
        }),
      );
    case 'regime-switching': {
      const regimes = (r.raw([...at, 'regimes']) ?? r.fail([...at, 'regimes'], 'missing', 'a list of regimes with name, drift and volatility')) as Array<{ name: string; drift: number; volatility: number }>;
      const initialName = r.string([...at, 'initial'], regimes[0]?.name ?? '');
      const initialRegime = regimes.findIndex((g) => g.name === initialName);
      if (initialRegime < 0) r.fail([...at, 'initial'], `no regime is named '${echo(initialName)}'`, `one of ${regimes.map((g) => g.name).join(', ')}`);
      const rates = (r.raw([...at, 'rates']) ?? r.fail([...at, 'rates'], 'missing', 'a generator matrix per year, one row per regime')) as number[][];
      return build(r, at, () =>
        new RegimeSwitching({
          priceUSD,
          regimes: regimes.map((g) => ({ name: g.name, driftPerYear: g.drift, volatilityPerSqrtYear: g.volatility })),
          ratesPerYear: rates,
          initialRegime,
        }),
      );
    }
    case 'bootstrap': {
      const data = r.has([...at, 'history'])
        ? readDataFile(r, [...at, 'history'], MAX_HISTORY_BYTES)
        : { shown: shippedHistoryPath(), text: readTextFile(shippedHistoryPath(), MAX_HISTORY_BYTES) };
      const from = r.has([...at, 'from']) ? r.string([...at, 'from']) : undefined;
      const to = r.has([...at, 'to']) ? r.string([...at, 'to']) : undefined;
      const history = build(r, [...at, 'history'], () => parseMonthlyCloses(data.text, data.shown));
      const logReturns = build(r, [...at, from ? 'from' : 'to'], () => monthlyLogReturns(history, from, to));
      return build(r, at, () => new HistoricalBootstrap({ priceUSD, logReturns, blockMonths: r.read([...at, 'blockMonths']) }));
    }
    default:
      return r.fail([...at, 'model'], `unknown model '${echo(model)}'`, Object.keys(MODEL_KEYS).join(', '));
  }
}

function readNetwork(r: ScenarioReader, horizon: Horizon, referenceCampusTHs: number): WorldConfig['network'] {
  const at = ['network'];
  const difficulty = r.read([...at, 'difficulty']);
  const startHeight = r.read([...at, 'height']);
  const campusCounts = r.raw([...at, 'campusCounts']) !== false;
  const reference = campusCounts ? referenceCampusTHs : 0;
  const hashratePath = [...at, 'hashrate'];
  const total = r.timeQuantity(hashratePath, 'hashrate');
  let hashrate: RestHashrate;
  if (total.constant !== undefined && total.constant <= reference) {
    r.fail(hashratePath, `${total.constant} TH/s is no more than the baseline campus's own ${reference} TH/s`, 'the whole network, campus included');
  }
  if (r.has([...at, 'fleet'])) {
    if (total.constant === undefined) r.fail(hashratePath, 'is an expression of time, but with network.fleet the fleet makes the hashrate', "today's hashrate, e.g. '1024 EH/s'");
    if (r.has([...at, 'response'])) r.fail([...at, 'response'], 'has no effect with network.fleet: the fleet answers hashprice itself', 'either network.fleet or a response');
    const spec = readFleet(r, [...at, 'fleet']);
    hashrate = { kind: 'fleet', model: build(r, [...at, 'fleet'], () => new NetworkFleet(spec, horizon.startUnixSeconds / 86_400, total.constant! - reference)) };
  } else if (total.constant !== undefined) {
    const response = [...at, 'response'];
    hashrate = {
      kind: 'response',
      model: build(r, at, () =>
        new RestOfNetwork({
          startTHs: total.constant! - reference,
          growthPerYear: r.read([...at, 'growth']),
          volatilityPerSqrtYear: r.read([...at, 'volatility'], { fallback: 0.1 }),
          responsePerYear: r.read([...response, 'rate']),
          lagDays: r.read([...response, 'lagDays']),
          marginalEfficiencyJPerTH: r.read([...response, 'efficiency']),
          marginalPowerPriceUSDPerMWh: r.read([...response, 'powerPrice']),
        }),
      ),
    };
  } else {
    for (const key of ['growth', 'volatility', 'response']) {
      if (r.has([...at, key])) r.fail([...at, key], `has no effect when network.hashrate is an expression of time`, 'either a response model or a hashrate expression');
    }
    const days = Math.ceil(horizon.hours / HOURS_PER_DAY - 1e-9);
    const rest = new Float64Array(days);
    for (let d = 0; d < days; d++) {
      const value = total.at(d * HOURS_PER_DAY);
      if (!(value > reference)) {
        r.fail(hashratePath, `gives ${value} TH/s on day ${d}, no more than the baseline campus's own ${reference} TH/s`, 'the whole network, campus included');
      }
      rest[d] = value - reference;
    }
    hashrate = { kind: 'series', restTHsByDay: rest };
  }
  return {
    startHeight,
    startBits: bitsFromDifficulty(difficulty),
    blockMode: (r.raw([...at, 'blockMode']) as 'epoch' | 'block' | undefined) ?? 'epoch',
    campusCounts,
    referenceCampusTHs: reference,
    hashrate,
  };
}

/** The fleet model's parameters (`network.fleet`, and `network.growth` and `volatility` for its shocks); defaults in fleet-defaults.ts, through the keys' definitions (keys/network.ts). */
export function readFleet(r: ScenarioReader, at: KeyPath): FleetSpec {
  const days = (key: string) => r.read([...at, key]) / HOURS_PER_DAY;
  const lead = days('leadTime');
  const spec: FleetSpec = {
    powerCostMedianUSDPerMWh: r.read([...at, 'powerCost', 'median']),
    powerCostSpread: r.read([...at, 'powerCost', 'spread']),
    frontier: build(r, [...at, 'frontier'], () => new Frontier(readFrontierMachines(r, [...at, 'frontier', 'machines']), r.read([...at, 'frontier', 'improvement']))),
    machinePriceUSDPerW: r.read([...at, 'frontier', 'price']) / 1e6,
    paybackDays: days('payback'),
    baseOrderRatePerYear: r.read([...at, 'baseOrderRate']),
    orderRatePerYear: r.read([...at, 'orderRate']),
    maxGrowthPerYear: r.read([...at, 'maxGrowth']),
    leadDays: Math.round(lead),
    reactionDays: days('reaction'),
    hysteresis: r.read([...at, 'hysteresis']),
    idleDays: days('idle'),
    pastGrowthPerYear: r.read([...at, 'pastGrowth']),
    driftPerYear: r.read([...at.slice(0, -1), 'growth'], { fallback: FLEET_DEFAULTS.driftPerYear }),
    volatilityPerSqrtYear: r.read([...at.slice(0, -1), 'volatility'], { fallback: FLEET_DEFAULTS.volatilityPerSqrtYear }),
    growthSdPerYear: r.read([...at, 'growthSd']),
    growthReversionPerYear: r.read([...at, 'growthReversion']),
  };
  if (Math.abs(lead - spec.leadDays) > 1e-6) r.fail([...at, 'leadTime'], `${lead} days is not a whole number of days`, "whole days, e.g. '120 days'");
  return spec;
}

/** Dated reference machines (`- { date: 2022-10-01, efficiency: 20.8 J/TH }`), or the shipped list. */
function readFrontierMachines(r: ScenarioReader, at: KeyPath): FrontierMachine[] {
  const raw = r.raw(at);
  if (raw === undefined) return [...REFERENCE_FRONTIER];
  if (!Array.isArray(raw) || raw.length === 0) r.fail(at, 'is not a list of machines', "a list like '- { date: 2024-11-01, efficiency: 13.5 J/TH }'");
  return raw.map((_, i) => {
    const date = r.string([...at, i, 'date']);
    const ms = parseIsoTimeMs(date);
    if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}$/.test(date)) r.fail([...at, i, 'date'], `'${date}' is not a date`, 'YYYY-MM-DD');
    return { unixDay: ms / 86_400_000, efficiencyJPerTH: r.read([...at, i, 'efficiency']) };
  });
}

/**
 * Runs a model constructor, turning its ParameterError into a ScenarioError at that parameter's key
 * when it exists under `at`, else at `at` itself. `keys` maps a model's field names to the
 * scenario's where they differ (e.g. hardLimitC → hardLimit; '' drops one). Any other RangeError
 * is reported at `at` in the model's words.
 */
export function build<T>(r: ScenarioReader, at: KeyPath, make: () => T, keys: Readonly<Record<string, string>> = {}): T {
  try {
    return make();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    if (!(e instanceof ParameterError)) r.fail(at, e.message);
    const field = e.parameter
      .split('.')
      .map((part) => {
        const name = part.replace(/\[\d+\]$/, '');
        return (Object.hasOwn(keys, name) ? keys[name] : name) + part.slice(name.length);
      })
      .filter((part) => part !== '')
      .join('.');
    const path: KeyPath = [...at, ...field.split(/[.[\]]+/).filter(Boolean).map((k) => (/^\d+$/.test(k) ? Number(k) : k))];
    const where = r.has(path) ? path : at;
    r.fail(where, `${field} = ${e.got} is out of range`, e.accepted);
  }
}
