/**
 * Defaults of the network fleet model: the fixed parameters with their sources, and the fitted ones
 * as `campus calibrate network` found them (window 2016-01-01 … 2022-12-31; docs/network-model.md).
 */
import type { FleetSpec } from './fleet-spec.js';
import { Frontier, type FrontierMachine } from './frontier.js';

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/**
 * The most efficient Antminer shipping, by date. S7 4.73 TH/s at 1,293 W (vendor spec; the S9 was
 * "almost 3×" its chip efficiency); S9 13.5 TH/s at 1,323 W, released June 2016 (Hashrate Index) and
 * the leader for almost two years; S17 56 TH/s at 2,520 W, S19 Pro 110 TH/s at 3,250 W and S19 XP
 * Hydro 255 TH/s at 5,304 W from their dates of availability (Glassnode's reference models); S21
 * 17.5 J/TH (late 2023) and S21 XP 13.5 J/TH (late 2024), vendor specs via BTCWire and Hashrate Index.
 */
export const REFERENCE_MACHINES: readonly { name: string; date: string; efficiencyJPerTH: number }[] = [
  { name: 'Antminer S7', date: '2015-09-01', efficiencyJPerTH: 1293 / 4.73 },
  { name: 'Antminer S9', date: '2016-06-01', efficiencyJPerTH: 1323 / 13.5 },
  { name: 'Antminer S17', date: '2019-04-01', efficiencyJPerTH: 2520 / 56 },
  { name: 'Antminer S19 Pro', date: '2020-05-01', efficiencyJPerTH: 3250 / 110 },
  { name: 'Antminer S19 XP Hydro', date: '2022-10-01', efficiencyJPerTH: 5304 / 255 },
  { name: 'Antminer S21', date: '2023-11-01', efficiencyJPerTH: 17.5 },
  { name: 'Antminer S21 XP', date: '2024-11-01', efficiencyJPerTH: 13.5 },
];

export const REFERENCE_FRONTIER: readonly FrontierMachine[] = REFERENCE_MACHINES.map((m) => ({ unixDay: day(m.date), efficiencyJPerTH: m.efficiencyJPerTH }));

export const FLEET_DEFAULTS = {
  /** J/TH falls 20 % a year past the last reference machine: the low end of the ~20–25 % a year the frontier has improved. */
  improvementPerYear: 0.2,
  /** S21 XP at 25.7 USD/TH (Nov 2025, btcminermarketplace) ÷ 13.5 J/TH. */
  machinePriceUSDPerW: 1.9,
  /** Order to hashing: ASIC lead times of three to six months (vendor announcements to first shipments). */
  leadDays: 120,
  /** Assumption: owners act on a few days of hashprice, not one day's luck. */
  reactionDays: 3,
  /** Assumption: a machine idle for about half a year on average is sold or scrapped. */
  idleDays: 180,
  /** 2024 grew 515 → 807 EH/s (ln 0.45), 2025 to ~1,045 (ln 0.26): about 0.35 a year. */
  pastGrowthPerYear: 0.35,
  // Fitted: campus calibrate network, window 2016-01-01 … 2022-12-31 (docs/network-model.md).
  powerCostMedianUSDPerMWh: 86.2,
  powerCostSpread: 1.06,
  paybackDays: 948,
  baseOrderRatePerYear: 0.793,
  orderRatePerYear: 0.727,
  hysteresis: 0.323,
  volatilityPerSqrtYear: 0.312,
  growthSdPerYear: 0.908,
  /** No drift of the fleet beyond the economics (the fit leaves it at 0; a scenario may set one). */
  driftPerYear: 0,
  /** The deployment cap: about the fastest the network grew over half a year in 2016–2022 (2.2 a year in ln, late 2017). */
  maxGrowthPerYear: 2.5,
  /** Assumption: a burst of growth beyond the economics (a relocation wave, a supply glut) fades within a season. */
  growthReversionPerYear: 4,
} as const;

/**
 * Where `campus calibrate network` starts its search when no scenario is named: the fit before last.
 * Kept apart from the defaults so that running the command again gives the defaults again.
 */
export const CALIBRATION_START = {
  powerCostMedianUSDPerMWh: 86.3,
  powerCostSpread: 1.06,
  paybackDays: 827,
  baseOrderRatePerYear: 0.602,
  orderRatePerYear: 1.05,
  hysteresis: 0.322,
  volatilityPerSqrtYear: 0.311,
  growthSdPerYear: 0.842,
} as const;

/** The fleet model as the defaults above describe it (a scenario's `network: { fleet: {} }`). */
export function defaultFleetSpec(): FleetSpec {
  const { improvementPerYear, ...rest } = FLEET_DEFAULTS;
  return { ...rest, frontier: new Frontier(REFERENCE_FRONTIER, improvementPerYear) };
}
