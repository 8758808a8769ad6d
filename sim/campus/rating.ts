/**
 * Rating: the power the campus's billed loads draw, as last read into the load set, booked into the
 * ledger's rate accounts — each load's IT power, a compute load's facility power, the grid's and
 * backup's draw and the overhead — and what the grid draw costs and sells for (site/dispatch.ts),
 * with compute's share of the bill in proportion to its draw. A tenant's hall is off the bill.
 */
import { billUSDPerH, soldUSDPerH } from '../site/dispatch.js';
import type { Ledger } from './ledger.js';
import { COMPUTE, type LoadSet, OFF_BILL } from './load-set.js';
import type { SiteState } from './site-state.js';

export function rateDraws(ledger: Ledger, loads: LoadSet, site: SiteState, now: number): void {
  const { powered, bill: onBill } = loads;
  let drawMW = 0, overheadMW = 0, computeMW = 0;
  for (let i = 0; i < onBill.length; i++) {
    if (onBill[i] === OFF_BILL) continue;
    const lit = powered[i] === 1;
    const facilityMW = lit ? loads.facilityMW[i] : 0;
    const itMW = lit ? loads.itMW[i] : 0;
    ledger.loads[i].itMW.set(now, itMW);
    drawMW += facilityMW;
    overheadMW += facilityMW - itMW;
    if (onBill[i] === COMPUTE) {
      ledger.loads[i].facilityMW.set(now, facilityMW);
      computeMW += facilityMW;
    }
  }
  const gridMW = site.gridUp ? drawMW : 0;
  ledger.gridMW.set(now, gridMW);
  ledger.backupMW.set(now, site.gridUp ? 0 : drawMW);
  ledger.overheadMW.set(now, overheadMW);
  const soldRate = soldUSDPerH(gridMW, site.gridUp, site.contract, site.spotUSDPerMWh);
  const costRate = billUSDPerH(gridMW, site.gridUp, site.contract, site.spotUSDPerMWh, soldRate);
  ledger.powerSoldUSD.set(now, soldRate);
  ledger.powerCostUSD.set(now, costRate);
  ledger.computePowerCostUSD.set(now, gridMW > 0 ? (costRate * computeMW) / gridMW : 0);
}
