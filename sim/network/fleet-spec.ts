/**
 * The network fleet's parameters (fleet.ts says what each does in the model) and their checks: a
 * value out of range names its key and what is accepted (market/check.ts).
 */
import { finite, requireModelParameter } from '../market/check.js';
import { DAYS_PER_YEAR, type Frontier } from './frontier.js';

export interface FleetSpec {
  /** Median power price across the network's machines, USD/MWh (all-in cash cost per MWh). */
  powerCostMedianUSDPerMWh: number;
  /** σ of ln(power price) across the network. */
  powerCostSpread: number;
  frontier: Frontier;
  /** Price of a frontier machine per watt it draws, USD/W (so USD/TH = USD/W × J/TH). */
  machinePriceUSDPerW: number;
  /** Payback owners want of a new machine, days: orders start below it. */
  paybackDays: number;
  /** Orders a year, as a share of the running fleet, as soon as a machine pays back within the wanted payback… */
  baseOrderRatePerYear: number;
  /** …and more per unit of (payback wanted ÷ payback − 1). */
  orderRatePerYear: number;
  /** Deployment cap: orders a year at most, as a share of the running fleet. */
  maxGrowthPerYear: number;
  /** Days from order to hashing. */
  leadDays: number;
  /** Days over which owners average hashprice before switching machines off or on. */
  reactionDays: number;
  /** An idle machine switches on again once hashprice beats its cost by this share. */
  hysteresis: number;
  /** Mean days an idle machine waits before it retires. */
  idleDays: number;
  /** Growth of ln(hashrate) a year before the start: sets the age mix of the fleet at the start. */
  pastGrowthPerYear: number;
  /** Drift and σ of ln(fleet) a year (per √year for σ) beyond what the economics explains. */
  driftPerYear: number;
  volatilityPerSqrtYear: number;
  /** A growth rate beyond the economics that wanders (relocation waves, capital and chip-supply
   *  cycles): its stationary sd a year… */
  growthSdPerYear: number;
  /** …and how fast it fades, a year. */
  growthReversionPerYear: number;
}

export function checkFleet(p: FleetSpec): void {
  const need = (ok: boolean, key: string, value: unknown, accepted: string) => requireModelParameter(ok, 'fleet', key, value, accepted);
  need(finite(p.powerCostMedianUSDPerMWh) && p.powerCostMedianUSDPerMWh > 0 && p.powerCostMedianUSDPerMWh <= 1000, 'powerCost.median', p.powerCostMedianUSDPerMWh, 'a price in (0, 1000] USD/MWh');
  need(finite(p.powerCostSpread) && p.powerCostSpread >= 0 && p.powerCostSpread <= 3, 'powerCost.spread', p.powerCostSpread, 'a σ of ln(price) in [0, 3]');
  need(finite(p.machinePriceUSDPerW) && p.machinePriceUSDPerW > 0 && p.machinePriceUSDPerW <= 100, 'frontier.price', p.machinePriceUSDPerW, 'a price in (0, 100] USD/W');
  need(finite(p.paybackDays) && p.paybackDays >= 1 && p.paybackDays <= 20 * DAYS_PER_YEAR, 'payback', p.paybackDays, 'a duration from 1 day to 20 years');
  need(finite(p.baseOrderRatePerYear) && p.baseOrderRatePerYear >= 0 && p.baseOrderRatePerYear <= 20, 'baseOrderRate', p.baseOrderRatePerYear, 'a share in [0, 20] a year');
  need(finite(p.orderRatePerYear) && p.orderRatePerYear >= 0 && p.orderRatePerYear <= 20, 'orderRate', p.orderRatePerYear, 'a share in [0, 20] a year');
  need(finite(p.maxGrowthPerYear) && p.maxGrowthPerYear >= 0 && p.maxGrowthPerYear <= 20, 'maxGrowth', p.maxGrowthPerYear, 'a share in [0, 20] a year');
  need(Number.isInteger(p.leadDays) && p.leadDays >= 0 && p.leadDays <= 1000, 'leadTime', p.leadDays, 'a whole number of days in [0, 1000]');
  need(finite(p.reactionDays) && p.reactionDays >= 1 && p.reactionDays <= 365, 'reaction', p.reactionDays, 'a duration from 1 to 365 days');
  need(finite(p.hysteresis) && p.hysteresis >= 0 && p.hysteresis <= 2, 'hysteresis', p.hysteresis, 'a share in [0, 2]');
  need(finite(p.idleDays) && p.idleDays >= 1 && p.idleDays <= 10 * DAYS_PER_YEAR, 'idle', p.idleDays, 'a duration from 1 day to 10 years');
  need(finite(p.pastGrowthPerYear) && Math.abs(p.pastGrowthPerYear) <= 5, 'pastGrowth', p.pastGrowthPerYear, 'a rate in [-5, 5] a year');
  need(finite(p.driftPerYear) && Math.abs(p.driftPerYear) <= 5, 'growth', p.driftPerYear, 'a rate in [-5, 5] a year');
  need(finite(p.growthSdPerYear) && p.growthSdPerYear >= 0 && p.growthSdPerYear <= 10, 'growthSd', p.growthSdPerYear, 'a rate in [0, 10] a year');
  need(finite(p.growthReversionPerYear) && p.growthReversionPerYear > 0 && p.growthReversionPerYear <= 100, 'growthReversion', p.growthReversionPerYear, 'a rate in (0, 100] a year');
  need(finite(p.volatilityPerSqrtYear) && p.volatilityPerSqrtYear >= 0 && p.volatilityPerSqrtYear <= 5, 'volatility', p.volatilityPerSqrtYear, 'a volatility in [0, 5]');
}
