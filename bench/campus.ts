/** One variant's 5-year campus run with an hourly spot market and grid outages, per second; and a whole site replication. */
import { runCampus } from '../sim/campus/campus.js';
import { drawWorld } from '../sim/campus/world.js';
import { AIR_COOLED_ASIC_THERMAL } from '../sim/mining/thermal-derate.js';
import type { Scenario, VariantConfig, WorldConfig } from '../sim/scenario/types.js';
import { DEFAULT_COOLING } from '../sim/site/cooling.js';
import { DEFAULT_FOUR_CP } from '../sim/site/demand-response.js';
import { NO_PRICE_LIMITS, type SpotPriceSpec } from '../sim/site/spot-price.js';
import { CENTRAL_TEXAS_WEATHER } from '../sim/site/weather.js';
import { seconds } from './measure.js';

const SPOT: SpotPriceSpec = { medianUSDPerMWh: 40, reversionPerYear: 200, volatilityPerSqrtYear: 8, hourOfDay: Array(24).fill(1), seasonalAmplitude: 0.2, peakDay: 213, spikesPerYear: 20, spikeSize: 9, spikeHours: 3, ...NO_PRICE_LIMITS };
const OUTAGES = { perYear: 1.2, meanHours: 3, sdHours: 3 };
const FAILURES = { annualFailureRate: 0.05, leadTimeH: 14 * 24 };

export function spotCampusesPerSecond(scenario: Scenario, replications: number): number {
  const config = {
    ...scenario.world,
    site: {
      spot: SPOT,
      outages: OUTAGES,
    },
  };
  const worlds = Array.from({ length: replications }, (_, r) => drawWorld(config, scenario.horizon, 1, r));
  const variant = scenario.variants[0];
  return replications / seconds(() => worlds.forEach((w) => runCampus(variant, w, config, scenario.horizon)));
}

/**
 * One 5-year replication of the site side — hourly weather and spot drawn, 4CP calls, ASIC failures,
 * outages — and one air-cooled fleet run against it (the target: under 20 ms), per second.
 */
export function siteReplicationsPerSecond(scenario: Scenario, replications: number): number {
  const config: WorldConfig = {
    ...scenario.world,
    site: {
      spot: SPOT,
      outages: OUTAGES,
      weather: { kind: 'model', spec: CENTRAL_TEXAS_WEATHER },
      demandResponse: { fourCp: DEFAULT_FOUR_CP },
    },
    asicFailures: [FAILURES],
  };
  const base = scenario.variants[0];
  const variant: VariantConfig = { ...base, mining: { ...base.mining, cooling: { spec: DEFAULT_COOLING.air, asicThermal: AIR_COOLED_ASIC_THERMAL }, failures: FAILURES } };
  return replications / seconds(() => {
    for (let r = 0; r < replications; r++) runCampus(variant, drawWorld(config, scenario.horizon, 1, r), config, scenario.horizon);
  });
}
