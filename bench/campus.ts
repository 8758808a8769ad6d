/** One variant's 5-year campus run with an hourly spot market and grid outages, per second. */
import { runCampus } from '../sim/campus/campus.js';
import { drawWorld } from '../sim/campus/world.js';
import type { Scenario } from '../sim/scenario/types.js';
import { seconds } from './measure.js';

export function spotCampusesPerSecond(scenario: Scenario, replications: number): number {
  const config = {
    ...scenario.world,
    site: {
      spot: { medianUSDPerMWh: 40, reversionPerYear: 200, volatilityPerSqrtYear: 8, hourOfDay: Array(24).fill(1), seasonalAmplitude: 0.2, peakDay: 213, spikesPerYear: 20, spikeSize: 9, spikeHours: 3 },
      outages: { perYear: 1.2, meanHours: 3, sdHours: 3 },
    },
  };
  const worlds = Array.from({ length: replications }, (_, r) => drawWorld(config, scenario.horizon, 1, r));
  const variant = scenario.variants[0];
  return replications / seconds(() => worlds.forEach((w) => runCampus(variant, w, config, scenario.horizon)));
}
