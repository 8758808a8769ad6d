/**
 * The site's share of a replication's world, drawn once and shared by every layout: hourly weather,
 * the demand-response calls (4CP forecast hours from that weather, price calls from the spot path),
 * the generators' luck at each grid outage, and the available fraction of each ASIC failure pool.
 * Each comes from its own named stream and only when the scenario uses it.
 */
import type { RandomStream } from '../core/stream.js';
import { HOURS_PER_DAY } from '../core/time.js';
import { type AsicFailureSpec, asicAvailability, averageOverSteps } from '../mining/asic-failures.js';
import type { Horizon, WorldConfig } from '../scenario/types.js';
import { startDraws } from '../site/backup-power.js';
import { dayOfYear } from '../site/calendar.js';
import { combineFlags, fourCpPlan, priceResponseFlags } from '../site/demand-response.js';
import { type WeatherSeries, weatherSeries } from '../site/weather.js';

/**
 * Machines in the representative pool whose failures every fleet shares: its available fraction has
 * a standard deviation of about √(q(1 − q)/N), under 0.5 % for q ≤ 5 % broken, and costs ~N·AFR
 * events a year to draw. The fraction is applied to fleets of any size.
 */
export const ASIC_POOL_MACHINES = 2000;

export interface SiteWorld {
  /** Hourly dry and wet bulb, when a layout's cooling or the 4CP forecast needs it. */
  readonly weather?: WeatherSeries;
  /** Per hour, DR_FOUR_CP | DR_PRICE bits where a program calls; and each summer month's actual 4CP peak hour. */
  readonly demandResponse?: { readonly flags: Uint8Array; readonly fourCpPeakH: Int32Array };
  /** Per grid outage, a uniform: the generators start when it is at least the failure probability. */
  readonly backupStartDraws?: Float64Array;
  /** Per failure spec in use, the pool's available fraction averaged over each day. */
  readonly asicAvailableByDay?: ReadonlyArray<{ readonly spec: AsicFailureSpec; readonly byDay: Float64Array }>;
}

export function drawSiteWorld(
  config: WorldConfig,
  horizon: Horizon,
  stream: (component: string) => RandomStream,
  spotUSDPerMWh: Float64Array | undefined,
  outagesH: ReadonlyArray<readonly [number, number]>,
): SiteWorld {
  const site = config.site;
  const hours = Math.ceil(horizon.hours - 1e-9);
  const w = site.weather;
  const weather = !w ? undefined : w.kind === 'series' ? w.series : weatherSeries(w.spec, hours, Math.floor(dayOfYear(horizon.startUnixSeconds)), stream('site.weather'));
  const dr = site.demandResponse;
  let demandResponse: SiteWorld['demandResponse'];
  if (dr && (dr.fourCp || dr.price)) {
    const plan = dr.fourCp ? fourCpPlan(dr.fourCp, weather!.dryBulbC.subarray(0, hours), horizon.startUnixSeconds, stream('site.fourCp')) : undefined;
    const price = dr.price ? priceResponseFlags(dr.price, spotUSDPerMWh!.subarray(0, hours)) : undefined;
    const flags = plan && price ? combineFlags(plan.flags, price) : (plan?.flags ?? price!);
    demandResponse = { flags, fourCpPeakH: plan ? plan.peakH : new Int32Array(0) };
  }
  const failures = config.asicFailures ?? [];
  const days = Math.ceil(horizon.hours / HOURS_PER_DAY - 1e-9);
  return {
    ...(weather ? { weather } : {}),
    ...(demandResponse ? { demandResponse } : {}),
    ...(site.backupLuck ? { backupStartDraws: startDraws(outagesH.length, stream('site.backup')) } : {}),
    ...(failures.length > 0
      ? {
          // One stream for every spec: layouts that differ only in AFR or lead time meet correlated luck.
          asicAvailableByDay: failures.map((spec) => ({
            spec,
            byDay: averageOverSteps(asicAvailability(spec, ASIC_POOL_MACHINES, horizon.hours, stream('mining.failures')), HOURS_PER_DAY, days * HOURS_PER_DAY),
          })),
        }
      : {}),
  };
}

/** The daily available fraction of the pool with `spec`, or undefined when the world has none. */
export function asicAvailableByDay(world: SiteWorld, spec: AsicFailureSpec): Float64Array | undefined {
  return world.asicAvailableByDay?.find((a) => a.spec.annualFailureRate === spec.annualFailureRate && a.spec.leadTimeH === spec.leadTimeH)?.byDay;
}
