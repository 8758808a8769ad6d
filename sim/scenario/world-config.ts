/**
 * The world section of a scenario (market and network) → model objects, built and checked at load
 * so a bad parameter is reported at its key, with the model's own words for the accepted range.
 */
import { echo } from '../core/echo.js';
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
import { checkSpotPrice, NO_PRICE_LIMITS, type SpotPriceSpec } from '../site/spot-price.js';
import { MAX_HISTORY_BYTES, readDataFile } from './data-file.js';
import type { Range, ScenarioReader } from './reader.js';
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
        median: r.number(['market', 'fees', 'median'], {}, 0.0055),
        reversionPerYear: r.number(['market', 'fees', 'reversion'], {}, 4),
        volatilityPerSqrtYear: r.number(['market', 'fees', 'volatility'], { min: 0 }, 1),
      }),
    ),
    network: readNetwork(r, horizon, referenceCampusTHs),
    site: readSiteWorld(r),
  };
}

/** The price path's step: an hour at least (a shorter one adds nothing the hourly world sees, and a tiny one would not fit in memory). */
function readStepDays(r: ScenarioReader): number {
  const days = r.number(['market', 'btc', 'stepDays'], { above: 0, max: 366 }, 1);
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
          medianUSDPerMWh: r.quantity([...spotAt, 'median'], 'energyPrice', { above: 0 }),
          reversionPerYear: r.number([...spotAt, 'reversion'], {}, 200),
          volatilityPerSqrtYear: r.number([...spotAt, 'volatility'], { min: 0 }, 8),
          hourOfDay: (r.raw([...spotAt, 'hourOfDay']) as number[] | undefined) ?? Array(24).fill(1),
          seasonalAmplitude: r.number([...spotAt, 'seasonal'], {}, 0),
          peakDay: r.number([...spotAt, 'peakDay'], {}, 213),
          spikesPerYear: r.number([...spotAt, 'spikes', 'rate'], {}, 0),
          spikeSize: r.number([...spotAt, 'spikes', 'size'], {}, 4),
          spikeHours: r.number([...spotAt, 'spikes', 'hours'], {}, 3),
          negativePerYear: r.number([...spotAt, 'negative', 'rate'], { min: 0 }, NO_PRICE_LIMITS.negativePerYear),
          negativeHours: r.quantity([...spotAt, 'negative', 'hours'], 'duration', { above: 0 }, NO_PRICE_LIMITS.negativeHours),
          negativeUSDPerMWh: r.quantity([...spotAt, 'negative', 'price'], 'energyPrice', { below: 0 }, NO_PRICE_LIMITS.negativeUSDPerMWh),
          floorUSDPerMWh: r.quantity([...spotAt, 'floor'], 'energyPrice', {}, NO_PRICE_LIMITS.floorUSDPerMWh),
          capUSDPerMWh: r.quantity([...spotAt, 'cap'], 'energyPrice', { above: 0 }, NO_PRICE_LIMITS.capUSDPerMWh),
        };
        if (spec.floorUSDPerMWh >= spec.capUSDPerMWh) {
          r.fail([...spotAt, 'floor'], `a floor of ${Number(spec.floorUSDPerMWh.toPrecision(12))} USD/MWh is not below the cap of ${Number(spec.capUSDPerMWh.toPrecision(12))} USD/MWh`, 'a floor below the cap');
        }
        checkSpotPrice(spec);
        return spec;
      })
    : undefined;
  const outages = r.has(outAt) ? readIntervals(r, outAt, 3) : undefined;
  const derateAt = ['site', 'derates'];
  const derates = r.has(derateAt) ? { spec: readIntervals(r, derateAt, 12), lostShare: r.number([...derateAt, 'lost'], { above: 0, max: 1 }) } : undefined;
  return { spot, outages, ...(derates ? { derates } : {}) };
}

/** Interruptions at `rate` a year lasting `duration` on average (lognormal, `durationSd` spread, default the mean). */
function readIntervals(r: ScenarioReader, at: KeyPath, defaultHours: number): OutageSpec {
  const meanHours = r.quantity([...at, 'duration'], 'duration', { above: 0 }, defaultHours);
  return { perYear: r.number([...at, 'rate'], { min: 0 }), meanHours, sdHours: r.quantity([...at, 'durationSd'], 'duration', { min: 0 }, meanHours) };
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
  const priceUSD = r.quantity([...at, 'price'], 'money');
  const diffusion = () => ({
    priceUSD,
    driftPerYear: r.number([...at, 'drift'], {}, 0),
    volatilityPerSqrtYear: r.number([...at, 'volatility'], { min: 0 }),
  });
  switch (model) {
    case 'gbm':
      return build(r, at, () => new Gbm(diffusion()));
    case 'merton':
      return build(r, at, () =>
        new Merton({ ...diffusion(), jumpsPerYear: r.number([...at, 'jumps']), jumpMean: r.number([...at, 'jumpMean']), jumpSd: r.number([...at, 'jumpSd']) }),
      );
    case 'kou':
      return build(r, at, () =>
        new Kou({
          ...diffusion(),
          jumpsPerYear: r.number([...at, 'jumps']),
          upProbability: r.number([...at, 'upProbability']),
          upRate: r.number([...at, 'upRate']),
          downRate: r.number([...at, 'downRate']),
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
      return build(r, at, () => new HistoricalBootstrap({ priceUSD, logReturns, blockMonths: r.number([...at, 'blockMonths'], {}, 6) }));
    }
    default:
      return r.fail([...at, 'model'], `unknown model '${echo(model)}'`, Object.keys(MODEL_KEYS).join(', '));
  }
}

function readNetwork(r: ScenarioReader, horizon: Horizon, referenceCampusTHs: number): WorldConfig['network'] {
  const at = ['network'];
  const difficulty = r.number([...at, 'difficulty'], { min: 1 });
  const startHeight = r.number([...at, 'height'], { min: 0 });
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
          growthPerYear: r.number([...at, 'growth'], {}, 0),
          volatilityPerSqrtYear: r.number([...at, 'volatility'], { min: 0 }, 0.1),
          responsePerYear: r.number([...response, 'rate'], {}, 0.5),
          lagDays: r.number([...response, 'lagDays'], {}, 90),
          marginalEfficiencyJPerTH: r.quantity([...response, 'efficiency'], 'efficiency', { above: 0 }, 21),
          marginalPowerPriceUSDPerMWh: r.quantity([...response, 'powerPrice'], 'energyPrice', { above: 0 }, 60),
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

/** The fleet model's parameters (`network.fleet`, and `network.growth` and `volatility` for its shocks); defaults in fleet-defaults.ts. */
export function readFleet(r: ScenarioReader, at: KeyPath): FleetSpec {
  const days = (key: string[], fallback: number, range: Range = { above: 0 }) => r.quantity([...at, ...key], 'duration', range, fallback * HOURS_PER_DAY) / HOURS_PER_DAY;
  const lead = days(['leadTime'], FLEET_DEFAULTS.leadDays, { min: 0 });
  const spec: FleetSpec = {
    powerCostMedianUSDPerMWh: r.quantity([...at, 'powerCost', 'median'], 'energyPrice', { above: 0 }, FLEET_DEFAULTS.powerCostMedianUSDPerMWh),
    powerCostSpread: r.number([...at, 'powerCost', 'spread'], { min: 0 }, FLEET_DEFAULTS.powerCostSpread),
    frontier: build(r, [...at, 'frontier'], () => new Frontier(readFrontierMachines(r, [...at, 'frontier', 'machines']), r.number([...at, 'frontier', 'improvement'], {}, FLEET_DEFAULTS.improvementPerYear))),
    machinePriceUSDPerW: r.quantity([...at, 'frontier', 'price'], 'moneyPerPower', { above: 0 }, FLEET_DEFAULTS.machinePriceUSDPerW * 1e6) / 1e6,
    paybackDays: days(['payback'], FLEET_DEFAULTS.paybackDays),
    baseOrderRatePerYear: r.number([...at, 'baseOrderRate'], { min: 0 }, FLEET_DEFAULTS.baseOrderRatePerYear),
    orderRatePerYear: r.number([...at, 'orderRate'], { min: 0 }, FLEET_DEFAULTS.orderRatePerYear),
    maxGrowthPerYear: r.number([...at, 'maxGrowth'], { min: 0 }, FLEET_DEFAULTS.maxGrowthPerYear),
    leadDays: Math.round(lead),
    reactionDays: days(['reaction'], FLEET_DEFAULTS.reactionDays),
    hysteresis: r.number([...at, 'hysteresis'], { min: 0 }, FLEET_DEFAULTS.hysteresis),
    idleDays: days(['idle'], FLEET_DEFAULTS.idleDays),
    pastGrowthPerYear: r.number([...at, 'pastGrowth'], {}, FLEET_DEFAULTS.pastGrowthPerYear),
    driftPerYear: r.number([...at.slice(0, -1), 'growth'], {}, FLEET_DEFAULTS.driftPerYear),
    volatilityPerSqrtYear: r.number([...at.slice(0, -1), 'volatility'], { min: 0 }, FLEET_DEFAULTS.volatilityPerSqrtYear),
    growthSdPerYear: r.number([...at, 'growthSd'], { min: 0 }, FLEET_DEFAULTS.growthSdPerYear),
    growthReversionPerYear: r.number([...at, 'growthReversion'], { above: 0 }, FLEET_DEFAULTS.growthReversionPerYear),
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
    return { unixDay: ms / 86_400_000, efficiencyJPerTH: r.quantity([...at, i, 'efficiency'], 'efficiency', { above: 0 }) };
  });
}

/**
 * Runs a model constructor, turning its RangeError ("model: parameter must be …, got …") into a
 * ScenarioError at that parameter's key when it exists under `at`, else at `at` itself. `keys` maps
 * a model's field names to the scenario's where they differ (e.g. hardLimitC → hardLimit; '' drops one).
 */
export function build<T>(r: ScenarioReader, at: KeyPath, make: () => T, keys: Readonly<Record<string, string>> = {}): T {
  try {
    return make();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const m = /^[\w-]+: ([\w.[\]]+) must be (.*), got (.*)$/.exec(e.message);
    if (!m) r.fail(at, e.message);
    const field = m[1]
      .split('.')
      .map((part) => {
        const name = part.replace(/\[\d+\]$/, '');
        return (Object.hasOwn(keys, name) ? keys[name] : name) + part.slice(name.length);
      })
      .filter((part) => part !== '')
      .join('.');
    const path: KeyPath = [...at, ...field.split(/[.[\]]+/).filter(Boolean).map((k) => (/^\d+$/.test(k) ? Number(k) : k))];
    const where = r.has(path) ? path : at;
    r.fail(where, `${field} = ${m[3]} is out of range`, m[2]);
  }
}
