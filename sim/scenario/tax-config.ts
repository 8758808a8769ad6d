/**
 * `finance.tax`: a rate, how each class of asset is written off, and how far losses carried forward
 * may offset a year's income. Defaults follow US federal rules for a miner or GPU cloud: machines and
 * GPU nodes are 5-year MACRS property, buildings 39-year straight-line (IRS Publication 946), losses
 * offset at most 80 % of a year's income (since 2018).
 */
import { ASSET_CLASSES, type AssetClass, type Depreciation, MACRS, straightLine, type TaxSpec } from '../finance/tax.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import type { ScenarioReader } from './reader.js';
import type { KeyPath } from './source.js';

const DEFAULTS: Record<AssetClass, { schedule: string; lifeYears?: number }> = {
  asics: { schedule: 'macrs-5' },
  gpus: { schedule: 'macrs-5' },
  halls: { schedule: 'straight-line', lifeYears: 39 },
};

export function readTax(r: ScenarioReader, at: KeyPath): TaxSpec {
  const depreciation = Object.fromEntries(ASSET_CLASSES.map((c) => [c, readDepreciation(r, [...at, 'depreciation', c], DEFAULTS[c])])) as Record<AssetClass, Depreciation>;
  return {
    rate: r.read([...at, 'rate']),
    depreciation,
    lossOffsetShare: r.read([...at, 'lossOffset']),
  };
}

function readDepreciation(r: ScenarioReader, at: KeyPath, fallback: { schedule: string; lifeYears?: number }): Depreciation {
  const bonus = r.read([...at, 'bonus']);
  const written = r.raw([...at, 'schedule']);
  if (Array.isArray(written)) {
    const shares = written.map((_, i) => r.number([...at, 'schedule', i], { min: 0, max: 1 }));
    const total = shares.reduce((a, b) => a + b, 0);
    if (Math.abs(total - 1) > 1e-4) r.fail([...at, 'schedule'], `the shares sum to ${+total.toPrecision(6)}`, 'yearly shares of the cost that sum to 1');
    return { bonus, shares };
  }
  const schedule = written === undefined ? fallback.schedule : r.string([...at, 'schedule']);
  if (schedule === 'straight-line') {
    const lifeH = r.read([...at, 'life'], { fallback: (fallback.lifeYears ?? 5) * HOURS_PER_YEAR });
    return { bonus, shares: straightLine(lifeH / HOURS_PER_YEAR) };
  }
  const table = MACRS[schedule];
  if (!table) r.fail([...at, 'schedule'], `unknown schedule '${schedule}'`, `one of ${[...Object.keys(MACRS), 'straight-line'].join(', ')}, or a list of yearly shares`);
  return { bonus, shares: table };
}
