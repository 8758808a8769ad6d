/**
 * Load shedding when power or cooling caps the IT load: contracted HPC is served first, then
 * on-demand HPC, and mining takes what is left — so mining is shed first and contracted HPC last.
 * Mining is the cheapest load to drop (minutes to restart, no customer), contracted HPC the dearest
 * (SLA credits, a tenant). Called per event on the hot path: writes into a record the caller owns.
 */

/** What each class gets and loses, MW. Reuse one record; `allocateLoad` overwrites every field. */
export class LoadAllocation {
  contractedHpcMW = 0;
  onDemandHpcMW = 0;
  miningMW = 0;
  shedContractedHpcMW = 0;
  shedOnDemandHpcMW = 0;
  shedMiningMW = 0;

  /** Served, all classes. */
  get servedMW(): number {
    return this.contractedHpcMW + this.onDemandHpcMW + this.miningMW;
  }

  /** Shed, all classes. */
  get shedMW(): number {
    return this.shedContractedHpcMW + this.shedOnDemandHpcMW + this.shedMiningMW;
  }
}

/**
 * Serves the demands (MW, finite, ≥ 0) from `availableMW` (≥ 0; Infinity for no limit) in priority
 * order and writes what each class gets and loses into `out`, which it returns.
 */
export function allocateLoad(availableMW: number, contractedHpcMW: number, onDemandHpcMW: number, miningMW: number, out: LoadAllocation): LoadAllocation {
  if (!(availableMW >= 0)) badInput('availableMW', availableMW, 'a power ≥ 0 MW (Infinity for no limit)');
  if (!(contractedHpcMW >= 0 && contractedHpcMW < Infinity)) badInput('contractedHpcMW', contractedHpcMW, 'a demand ≥ 0 MW');
  if (!(onDemandHpcMW >= 0 && onDemandHpcMW < Infinity)) badInput('onDemandHpcMW', onDemandHpcMW, 'a demand ≥ 0 MW');
  if (!(miningMW >= 0 && miningMW < Infinity)) badInput('miningMW', miningMW, 'a demand ≥ 0 MW');
  let left = availableMW;
  const contracted = contractedHpcMW < left ? contractedHpcMW : left;
  left -= contracted;
  const onDemand = onDemandHpcMW < left ? onDemandHpcMW : left;
  left -= onDemand;
  const mining = miningMW < left ? miningMW : left;
  out.contractedHpcMW = contracted;
  out.onDemandHpcMW = onDemand;
  out.miningMW = mining;
  out.shedContractedHpcMW = contractedHpcMW - contracted;
  out.shedOnDemandHpcMW = onDemandHpcMW - onDemand;
  out.shedMiningMW = miningMW - mining;
  return out;
}

// Kept out of allocateLoad: formatting a number in a template literal there would slow the hot path.
function badInput(name: string, value: number, accepted: string): never {
  throw new RangeError(`shed: ${name} must be ${accepted}, got ${value}`);
}
