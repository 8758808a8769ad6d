/**
 * A campus GPU hall as the HPC issue sizes it: 10,000 GPUs in 8-GPU nodes over 5 years, ~20,000
 * training jobs a year of 8 to 1,024 GPUs lasting hours to weeks, EASY backfill, node failures at
 * the Llama 3 rate (≈ 5.8 GPU-years MTBF, Meta), checkpoints every hour.
 */
import { Discrete } from '../sim/core/samplers/discrete.js';
import { LogNormal } from '../sim/core/samplers/lognormal.js';
import { HOURS_PER_YEAR } from '../sim/core/time.js';
import { Arrivals } from '../sim/hpc/arrivals.js';
import { simulateHpc, type HpcRun } from '../sim/hpc/simulate.js';
import { seconds } from './measure.js';

export const CAMPUS_HALL: Omit<HpcRun, 'replication'> = {
  cluster: { gpus: 10_000, gpusPerNode: 8, gpuMtbfH: 5.8 * HOURS_PER_YEAR, repairH: LogNormal.fromMoments(24, 24) },
  classes: [
    {
      name: 'training',
      arrivals: new Arrivals({ kind: 'poisson', ratePerH: 20_000 / HOURS_PER_YEAR }),
      gpus: new Discrete([8, 16, 32, 64, 128, 256, 512, 1024], [0.3, 0.2, 0.15, 0.15, 0.1, 0.05, 0.03, 0.02]),
      durationH: LogNormal.fromMoments(40, 80),
      checkpointH: 1,
      priceUSDPerGPUH: () => 2.35, // H100, 1-year contract, Mar 2026 (SemiAnalysis index)
    },
  ],
  scheduler: { policy: 'easy-backfill', backfillDepth: 100 },
  horizonH: 5 * HOURS_PER_YEAR,
  seed: 1,
};

/** Replications of the hall per second. */
export function hallsPerSecond(replications: number): number {
  const s = seconds(() => {
    for (let r = 0; r < replications; r++) simulateHpc({ ...CAMPUS_HALL, replication: r });
  });
  return replications / s;
}
