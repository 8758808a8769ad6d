/**
 * The exogenous world of one replication, drawn once from its own named streams and shared, read
 * only, by every variant's campus (common random numbers): the BTC price path, the fee share, the
 * rest of the network's hashrate, the block-discovery work that every variant's chain replays, and
 * the site's spot prices, outages, weather and demand-response calls (site-world.ts).
 *
 * The rest of the network answers the hashprice of the reference chain: the network with the
 * baseline layout's campus in it. Each day:
 * 1. the rest of the network runs what it decided yesterday (the fleet's running machines, or the
 *    trend model's hashrate); with the campus, that is the day's network hashrate;
 * 2. the day's hashprice follows from the difficulty in force, the subsidy, the fee share and price;
 * 3. the rest of the network answers it (switches machines, orders, retires; or records the margin);
 * 4. the chain mines the day at that hashrate, retargeting by Bitcoin Core's rule as epochs end.
 * Each variant then replays the chain with its own hashrate (see variant-network.ts), so a layout
 * that mines more sees a slightly higher difficulty.
 */
import { randomStream } from '../core/stream.js';
import { HOURS_PER_DAY } from '../core/time.js';
import { Chain } from '../network/chain.js';
import { EpochWork } from '../network/epoch-work.js';
import { hashpriceUSDPerPHDay } from '../network/hashprice.js';
import { RETARGET_INTERVAL_BLOCKS } from '../network/retarget.js';
import { blockSubsidyBTC } from '../network/subsidy.js';
import type { Horizon, WorldConfig } from '../scenario/types.js';
import { outageIntervals } from '../site/outages.js';
import { spotPricePath } from '../site/spot-price.js';
import { drawSiteWorld, type SiteWorld } from './site-world.js';

export interface World extends SiteWorld {
  /** The study's root seed and this replication's index: campus models draw their own streams from them. */
  readonly seed: number;
  readonly replication: number;
  /** BTC price (USD) at t = k · priceStepH. */
  readonly priceUSD: Float64Array;
  readonly priceStepH: number;
  /** Days simulated (the last may be partial). */
  readonly days: number;
  /** BTC price (USD) at the start of each day, for reports. */
  readonly dailyPriceUSD: Float64Array;
  /** Fee share of the miner reward, per day. */
  readonly feeShare: Float64Array;
  /** Hashrate (TH/s) of everyone but the campus, per day. */
  readonly restHashrateTHs: Float64Array;
  /** Reference chain (rest of network + the baseline campus): per-day values at the day's start. */
  readonly reference: {
    readonly networkHashrateTHs: Float64Array;
    readonly difficulty: Float64Array;
    readonly nextHeight: Float64Array;
    readonly hashpriceUSDPerPHDay: Float64Array;
    /** Break-even hashprice of the costliest machine running (the fleet model; NaN otherwise). */
    readonly marginalCostUSDPerPHDay: Float64Array;
    readonly epochStartH: readonly number[];
    readonly epochDifficulty: readonly number[];
    readonly halvingsH: readonly number[];
  };
  /** Block-discovery work, shared by every variant's replay of the chain. */
  readonly work: EpochWork;
  /** Hourly spot power price (USD/MWh), when the site has a spot market modelled. */
  readonly spotUSDPerMWh?: Float64Array;
  /** Grid outages as [start, end) hours, in order. */
  readonly outagesH: ReadonlyArray<readonly [number, number]>;
  /** Partial grid derates as [start, end) hours, in order, and the share of the connection each takes away. */
  readonly deratesH: ReadonlyArray<readonly [number, number]>;
  readonly derateLostShare: number;
}

/** Draws the world of `replication`. Reads nothing but the config, the seed and the index. */
export function drawWorld(config: WorldConfig, horizon: Horizon, seed: number, replication: number): World {
  const stream = (component: string) => randomStream(seed, replication, component);
  const days = Math.ceil(horizon.hours / HOURS_PER_DAY - 1e-9);
  const price = config.price.model.path(horizon.hours, config.price.stepH, stream('market.btc'));
  const feeShare = config.fees.path(days * HOURS_PER_DAY, HOURS_PER_DAY, stream('market.fees')).slice(0, days);

  const net = config.network;
  const work = new EpochWork(stream('network.epochs'), net.startHeight % RETARGET_INTERVAL_BLOCKS);
  const chain = new Chain({
    mode: net.blockMode,
    startHeight: net.startHeight,
    startBits: net.startBits,
    startUnixSeconds: horizon.startUnixSeconds,
    work,
    blockRng: net.blockMode === 'block' ? stream('network.blocks') : undefined,
  });
  const hashrateRng = stream('network.hashrate');
  const rest = new Float64Array(days);
  const networkTHs = new Float64Array(days);
  const difficulty = new Float64Array(days);
  const nextHeight = new Float64Array(days);
  const hashprice = new Float64Array(days);
  const marginalCost = new Float64Array(days).fill(NaN);
  const dailyPrice = new Float64Array(days);
  const margins = new Float64Array(days);
  const response = net.hashrate.kind === 'response' ? net.hashrate.model : undefined;
  const fixed = net.hashrate.kind === 'series' ? net.hashrate.restTHsByDay : undefined;
  // A day's hashrate is set before its hashprice exists: the latest margin it can answer is yesterday's,
  // so a lag of 0 days acts as 1.
  const lagDays = response ? Math.max(1, response.p.lagDays) : 0;
  const referenceCampusTHs = net.referenceCampusTHs;
  const priceStepDays = config.price.stepH / HOURS_PER_DAY;
  const lastPrice = price.length - 1;
  const dayHashprice = (d: number, height: number) => {
    const dayPrice = (dailyPrice[d] = price[Math.min(lastPrice, Math.floor(d / priceStepDays))]);
    return hashpriceUSDPerPHDay(chain.difficulty, blockSubsidyBTC(Math.floor(height)), feeShare[d], dayPrice);
  };
  const fleet = net.hashrate.kind === 'fleet' && days > 0 ? net.hashrate.model.run(dayHashprice(0, chain.nextHeight()), days) : undefined;

  for (let d = 0; d < days; d++) {
    if (fleet) rest[d] = fleet.runningTHs();
    else if (response) rest[d] = d === 0 ? response.p.startTHs : response.step(rest[d - 1], margins[d > lagDays ? d - lagDays : 0], hashrateRng);
    else rest[d] = fixed![d];
    networkTHs[d] = rest[d] + referenceCampusTHs;
    difficulty[d] = chain.difficulty;
    nextHeight[d] = chain.nextHeight();
    hashprice[d] = dayHashprice(d, nextHeight[d]);
    if (fleet) {
      marginalCost[d] = fleet.marginalCostUSDPerPHDay;
      fleet.step(d, hashprice[d], hashrateRng);
    } else if (response) margins[d] = response.margin(hashprice[d]);
    chain.advance(Math.min((d + 1) * HOURS_PER_DAY, horizon.hours), networkTHs[d]);
  }

  const start = new Date(horizon.startUnixSeconds * 1000);
  const startDay = (start.getTime() - Date.UTC(start.getUTCFullYear(), 0, 1)) / 86_400_000; // day of the year
  const hours = Math.ceil(horizon.hours - 1e-9);
  const spotUSDPerMWh = config.site.spot ? spotPricePath(config.site.spot, hours, startDay, stream('site.spot')) : undefined;
  const outagesH = config.site.outages ? outageIntervals(config.site.outages, horizon.hours, stream('site.outages')) : [];

  return {
    seed,
    replication,
    spotUSDPerMWh,
    outagesH,
    deratesH: config.site.derates ? outageIntervals(config.site.derates.spec, horizon.hours, stream('site.derates')) : [],
    derateLostShare: config.site.derates?.lostShare ?? 0,
    ...drawSiteWorld(config, horizon, stream, spotUSDPerMWh, outagesH),
    priceUSD: price,
    priceStepH: config.price.stepH,
    days,
    dailyPriceUSD: dailyPrice,
    feeShare,
    restHashrateTHs: rest,
    reference: {
      networkHashrateTHs: networkTHs,
      difficulty,
      nextHeight,
      hashpriceUSDPerPHDay: hashprice,
      marginalCostUSDPerPHDay: marginalCost,
      epochStartH: chain.epochStartH,
      epochDifficulty: chain.epochDifficulty,
      halvingsH: chain.halvingsH,
    },
    work,
  };
}
