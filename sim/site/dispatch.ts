/**
 * Dispatch: shares the power a campus may draw among its loads in shed order, and prices what it
 * draws. Loads are served in order and shed in reverse: a tenant's leased hall first, the owned GPU
 * hall next, mining last — mining is the cheapest load to drop (minutes to restart, no customer),
 * contracted compute the dearest (SLA credits, a tenant). Called on the hot path, once or twice per
 * event: both functions write into a record the caller owns and allocate nothing.
 */
import { ParameterError } from '../core/parameter-error.js';

/** How the site buys power: a fixed-price block paid whether used or not, spot beyond it. */
export interface PowerContract {
  /** MW of fixed-price power paid for whether used or not (0: none). */
  readonly ppaBlockMW: number;
  readonly ppaPriceUSDPerMWh: number;
  /** May unused block power be sold back at spot? */
  readonly sellBack: boolean;
}

/** What each load gets and loses, MW, by its place in the shed order. Reuse one; `shareSupply` overwrites the first `count` entries. */
export class Allocation {
  /** Power left when the load's turn came: the most it may draw. */
  readonly availableMW: Float64Array;
  readonly servedMW: Float64Array;
  readonly shedMW: Float64Array;

  constructor(readonly count: number) {
    this.availableMW = new Float64Array(count);
    this.servedMW = new Float64Array(count);
    this.shedMW = new Float64Array(count);
  }
}

/**
 * Serves `demandsMW` (MW, finite, ≥ 0), in shed order, from `supplyMW` (≥ 0; Infinity for no limit):
 * each load gets what it asks or what the loads before it left, whichever is less.
 */
export function shareSupply(supplyMW: number, demandsMW: Float64Array, out: Allocation): Allocation {
  if (!(supplyMW >= 0)) badInput('supplyMW', supplyMW, 'a power ≥ 0 MW (Infinity for no limit)');
  let left = supplyMW;
  for (let i = 0; i < out.count; i++) {
    const demand = demandsMW[i];
    if (!(demand >= 0 && demand < Infinity)) badDemand(i, demand);
    const served = demand < left ? demand : left;
    out.availableMW[i] = left;
    out.servedMW[i] = served;
    out.shedMW[i] = demand - served;
    left -= served;
  }
  return out;
}

/**
 * Pricing a draw of `drawMW` from the grid at `spotUSDPerMWh`: the block is paid whether used or
 * not; beyond it power is bought at spot (earning when spot is below zero); within it, what is not
 * used is sold back at spot when the contract allows and spot is above zero. With the grid down
 * nothing is bought, paid or sold. Two functions returning
 * numbers, not one filling a record: the campus calls them on every change of draw.
 */

/** What the unused block sells for now, USD per hour. */
export function soldUSDPerH(drawMW: number, gridUp: boolean, contract: PowerContract, spotUSDPerMWh: number): number {
  // Nobody sells at a negative price: the unused block is then simply not taken.
  return !gridUp || !contract.sellBack ? 0 : Math.max(0, contract.ppaBlockMW - drawMW) * Math.max(0, spotUSDPerMWh);
}

/** The power bill now, net of `soldUSDPerH` sold back, USD per hour. */
export function billUSDPerH(drawMW: number, gridUp: boolean, contract: PowerContract, spotUSDPerMWh: number, soldUSDPerH: number): number {
  const block = contract.ppaBlockMW;
  return !gridUp ? 0 : block * contract.ppaPriceUSDPerMWh + Math.max(0, drawMW - block) * spotUSDPerMWh - soldUSDPerH;
}

/**
 * What one more MWh costs at a draw of `drawMW`: spot beyond the block, and within it too when its
 * surplus could have been sold back; nothing within a block whose surplus would be lost.
 */
export function marginalPriceUSDPerMWh(drawMW: number, contract: PowerContract, spotUSDPerMWh: number): number {
  return contract.sellBack || drawMW > contract.ppaBlockMW ? spotUSDPerMWh : 0;
}

// Kept out of shareSupply: formatting a number in a template literal there would slow the hot path.
function badInput(name: string, value: number, accepted: string): never {
  throw new ParameterError('dispatch', name, accepted, String(value));
}

function badDemand(load: number, value: number): never {
  badInput(`demandsMW[${load}]`, value, 'a demand ≥ 0 MW');
}
