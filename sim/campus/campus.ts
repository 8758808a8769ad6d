/**
 * One variant's campus run against a replication's world, on the event engine: price steps and
 * halvings change the revenue rate; revenue, BTC, energy and cost are integrated between events.
 */
import { Simulation } from '../core/engine.js';
import { TimeIntegral } from '../core/stats/time-integral.js';
import { fppsBtcPerHour } from '../network/hashprice.js';
import { blockSubsidyBTC, nextHalvingHeight } from '../network/subsidy.js';
import type { Horizon, VariantConfig } from '../scenario/types.js';
import type { Metrics } from './metrics.js';
import type { World } from './world.js';

// Events at the same hour: the halving changes the subsidy before the price step re-rates revenue.
const PRIORITY_HALVING = -1;
const PRIORITY_PRICE = 0;

export function runCampus(variant: VariantConfig, world: World, horizon: Horizon): Metrics {
  const sim = new Simulation(16);
  const miningMW = Math.min(variant.mining.capacityMW, variant.site.gridMW);
  const machines = Math.floor(miningMW / variant.mining.asicPowerMW);
  const hashrateTHs = machines * variant.mining.asicHashrateTHs;
  const drawMW = machines * variant.mining.asicPowerMW;

  let subsidyBTC = blockSubsidyBTC(world.startHeight);
  let priceUSD = world.priceUSD[0];
  const btc = new TimeIntegral(0, 0);
  const revenue = new TimeIntegral(0, 0);
  const rerate = (): void => {
    const btcPerHour = fppsBtcPerHour(hashrateTHs, world.difficulty, subsidyBTC, world.feeShare, variant.mining.poolFee);
    btc.set(sim.now, btcPerHour);
    revenue.set(sim.now, btcPerHour * priceUSD);
  };

  const priceStep = sim.on('price step', (k) => {
    priceUSD = world.priceUSD[k];
    rerate();
    sim.schedule((k + 1) * world.priceStepH, priceStep, k + 1, PRIORITY_PRICE);
  });
  const halving = sim.on('halving', (height) => {
    subsidyBTC = blockSubsidyBTC(height);
    rerate();
    const next = nextHalvingHeight(height);
    sim.schedule(sim.now + (next - height) / world.blocksPerHour, halving, next, PRIORITY_HALVING);
  });

  rerate();
  sim.schedule(world.priceStepH, priceStep, 1, PRIORITY_PRICE);
  const firstHalving = nextHalvingHeight(world.startHeight);
  sim.schedule((firstHalving - world.startHeight) / world.blocksPerHour, halving, firstHalving, PRIORITY_HALVING);
  sim.run(horizon.hours);

  const energyMWh = drawMW * horizon.hours;
  const powerCostUSD = energyMWh * variant.site.powerPriceUSDPerMWh;
  const miningRevenueUSD = revenue.integralAt(horizon.hours);
  return {
    miningProfitUSD: miningRevenueUSD - powerCostUSD,
    miningRevenueUSD,
    powerCostUSD,
    energyMWh,
    minedBTC: btc.integralAt(horizon.hours),
  };
}
