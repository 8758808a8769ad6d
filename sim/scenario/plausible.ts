/**
 * What real sites have, key by key: a value far outside it is most likely a slip of units — "45
 * USD/kWh" for 45 USD/MWh, "3500 kW" for an ASIC's 3,500 W, a rent per MW for one per kW — that
 * the units themselves cannot catch. Such a value earns a one-line warning in `campus validate`,
 * `campus study` and the report; the run goes on, since a planner may mean it.
 *
 * One table, keyed by the scenario key path as a variant reads it (no `variants.<name>.` prefix),
 * in the simulator's units. Ranges are deliberately wide — about ten times past the figures in
 * DOMAIN.md either way — so only values no real site has are flagged.
 */
import type { ScenarioWarning } from './types.js';

export interface PlausibleRange {
  /** Usual range, in the simulator's unit for the key (or for the ratio, with `per`). */
  readonly lo: number;
  readonly hi: number;
  readonly unit: string;
  /** What the value is, in words: "the flat price of power". */
  readonly what: string;
  /** Where real figures come from. */
  readonly source: string;
  /** Check the value divided by the value at this key instead (an ASIC's power per hashrate). */
  readonly per?: string;
  /** Multiplies the ratio (or value) into `unit`. */
  readonly scale?: number;
}

export const PLAUSIBLE: Readonly<Record<string, readonly PlausibleRange[]>> = {
  'site.grid': [{ lo: 1, hi: 5000, unit: 'MW', what: 'a site’s grid connection', source: 'CleanSpark ~1,027 MW across its sites' }],
  'site.powerPrice': [{ lo: 5, hi: 500, unit: 'USD/MWh', what: 'a price of power', source: 'miners pay ~27–80 USD/MWh (filings, Luxor)' }],
  'site.ppa.price': [{ lo: 5, hi: 500, unit: 'USD/MWh', what: 'a PPA price', source: 'miners pay ~27–80 USD/MWh' }],
  'site.spot.median': [{ lo: 5, hi: 500, unit: 'USD/MWh', what: 'a median spot price', source: 'wholesale power ~20–80 USD/MWh' }],
  'site.spot.cap': [{ lo: 100, hi: 20_000, unit: 'USD/MWh', what: 'a spot market’s offer cap', source: 'ERCOT 5,000 USD/MWh (9,000 in 2015–2021)' }],
  'site.spot.floor': [{ lo: -2000, hi: 0, unit: 'USD/MWh', what: 'a spot market’s offer floor', source: 'ERCOT −250 USD/MWh' }],
  'site.spot.negative.price': [{ lo: -1000, hi: 0, unit: 'USD/MWh', what: 'a negative spot price', source: 'ERCOT offers may go down to −250 USD/MWh' }],
  'market.btc.price': [{ lo: 1000, hi: 10_000_000, unit: 'USD', what: 'a BTC price', source: 'month-end closes 2020–2025: 9,000–126,000 USD' }],
  'market.btc.volatility': [{ lo: 0.05, hi: 3, unit: '/√year', what: 'an annual volatility of BTC', source: '40–55 % (2023–24), 120–150 % at the 2017 peak' }],
  'network.hashrate': [{ lo: 1e8, hi: 1e11, unit: 'TH/s', what: 'the network’s hashrate', source: '~1,024 EH/s (1.02e9 TH/s) in January 2026' }],
  'mining.asic.hashrate': [{ lo: 1, hi: 5000, unit: 'TH/s', what: 'one ASIC’s hashrate', source: 'S21 200 TH/s, S21+ Hydro 319 TH/s' }],
  'mining.asic.power': [
    { lo: 0.0003, hi: 0.03, unit: 'MW', what: 'one ASIC’s power draw', source: 'S21 3,500 W (0.0035 MW), S21+ Hydro 4,785 W' },
    { lo: 5, hi: 200, unit: 'J/TH', what: 'an ASIC’s efficiency (power per hashrate)', source: 'S21 XP 13.5 J/TH, S9 (2016) ~98 J/TH', per: 'mining.asic.hashrate', scale: 1e6 },
  ],
  'mining.asic.price': [{ lo: 0.5, hi: 200, unit: 'USD/TH', what: 'an ASIC price per TH/s', source: '10–30 USD/TH across models (2025)' }],
  'finance.miningFacility': [{ lo: 20_000, hi: 5_000_000, unit: 'USD/MW', what: 'mining facility capex', source: '200–500 kUSD/MW (CBRE, Sabre56, Core Scientific)' }],
  'lease.rent': [{ lo: 20, hi: 1000, unit: 'USD/kW/month', what: 'a colocation rent', source: '121–195 USD/kW-month (Core Scientific, TeraWulf, CBRE)' }],
  'lease.pue': [{ lo: 1.02, hi: 2, unit: '', what: 'a PUE', source: 'liquid-cooled AI hall ~1.25; industry average 1.56' }],
  'lease.hallCapex': [{ lo: 1e6, hi: 1e8, unit: 'USD/MW', what: 'GPU hall capex per MW of IT', source: '8–10 MUSD/MW for a shell (TeraWulf)' }],
  'gpuCloud.pue': [{ lo: 1.02, hi: 2, unit: '', what: 'a PUE', source: 'liquid-cooled AI hall ~1.25; industry average 1.56' }],
  'gpuCloud.hallCapex': [{ lo: 1e6, hi: 1e8, unit: 'USD/MW', what: 'GPU hall capex per MW of IT', source: '8–12 MUSD/MW (TeraWulf; Cipher’s ~30 USD/W less chips)' }],
  'gpuCloud.node.power': [{ lo: 0.0005, hi: 0.3, unit: 'MW', what: 'one GPU node’s draw', source: 'DGX H100 10.2 kW, DGX B200 14.3 kW, an NVL72 rack ~120–150 kW' }],
  'gpuCloud.node.price': [{ lo: 10_000, hi: 10_000_000, unit: 'USD', what: 'the price of one GPU node', source: '~18 USD/W of chips and services: a 10.2 kW DGX ≈ 180 kUSD' }],
  'gpuCloud.reserved.price': [{ lo: 0.2, hi: 30, unit: 'USD/GPU/h', what: 'a GPU-hour price', source: 'H100 8–12 USD (2023) → 1.70–2.85 USD (2024–26)' }],
  'gpuCloud.training.price': [{ lo: 0.2, hi: 30, unit: 'USD/GPU/h', what: 'a GPU-hour price', source: 'H100 8–12 USD (2023) → 1.70–2.85 USD (2024–26)' }],
  'gpuCloud.inference.price': [{ lo: 0.2, hi: 30, unit: 'USD/GPU/h', what: 'a GPU-hour price', source: 'H100 8–12 USD (2023) → 1.70–2.85 USD (2024–26)' }],
};

/** A value read at load: where it is written in the file and what it came to, in the simulator's unit. */
export interface ReadValue {
  readonly value: number;
  readonly line: number;
  readonly column: number;
  /** Where it is written, dotted (`variants.big.site.powerPrice`). */
  readonly keyPath: string;
}

/**
 * Warnings for the values read at load, one per value written in the file and range it falls
 * outside. `read(owner, key)`: a value as a variant (or the shared world, '*') read it.
 */
export function plausibilityWarnings(file: string, values: ReadonlyMap<string, ReadonlyMap<string, ReadValue>>): ScenarioWarning[] {
  const out: ScenarioWarning[] = [];
  const seen = new Set<string>();
  for (const read of values.values()) {
    for (const [key, checks] of Object.entries(PLAUSIBLE)) {
      const at = read.get(key);
      if (!at) continue;
      for (const check of checks) {
        const per = check.per ? read.get(check.per) : undefined;
        if (check.per && !(per && per.value > 0)) continue;
        const x = (per ? at.value / per.value : at.value) * (check.scale ?? 1);
        // Zero means "none" (no capex counted, no rent), a choice rather than a slip.
        if (!Number.isFinite(x) || x === 0 || (x >= check.lo && x <= check.hi)) continue;
        const id = `${at.keyPath}\u0000${per?.keyPath ?? ''}\u0000${check.what}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const u = check.unit ? ` ${check.unit}` : '';
        const shown = `${fmt(x)}${u}`;
        out.push({
          file,
          line: at.line,
          column: at.column,
          keyPath: at.keyPath,
          message: `${shown} is far outside the usual ${fmt(check.lo)}–${fmt(check.hi)}${u} for ${check.what} (e.g. ${check.source}); a slip of units?`,
        });
      }
    }
  }
  return out;
}

/** 4 significant digits; powers of ten past a million or below a thousandth ("5e6", "3e-4"). */
const fmt = (x: number): string =>
  Math.abs(x) >= 1e6 || (Math.abs(x) < 1e-3 && x !== 0)
    ? x.toExponential(3).replace(/\.?0+e/, 'e').replace('e+', 'e')
    : Number(x.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 6 });

/** A warning as one line: `file:line:column: key: message`. */
export const formatWarning = (w: ScenarioWarning): string => `${w.file}:${w.line}:${w.column}: ${w.keyPath}: ${w.message}`;
