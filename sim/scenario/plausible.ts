/**
 * What real sites have, key by key: a value far outside it is most likely a slip of units — "45
 * USD/kWh" for 45 USD/MWh, "3500 kW" for an ASIC's 3,500 W, a rent per MW for one per kW — that
 * the units themselves cannot catch. Such a value earns a one-line warning in `campus validate`,
 * `campus study` and the report; the run goes on, since a planner may mean it.
 *
 * The ranges live with each key's definition (`plausible:` in sim/scenario/keys/), in the
 * simulator's units; this is the table of them by key path as a variant reads it (no
 * `variants.<name>.` prefix). Ranges are deliberately wide — about ten times past the figures in
 * DOMAIN.md either way — so only values no real site has are flagged.
 */
import type { Key, PlausibleRange } from './keys/define.js';
import { DEFINITIONS, SCENARIO } from './keys/scenario.js';
import type { ScenarioWarning } from './types.js';

export type { PlausibleRange } from './keys/define.js';

/**
 * The usual ranges of the keys at fixed paths (sections and shared definitions; not list entries),
 * in file order; a decision rule's under `policies.*`, `*` matching any name.
 */
function plausibleRanges(key: Key, path: string, out: Record<string, readonly PlausibleRange[]>): Record<string, readonly PlausibleRange[]> {
  if (key.is === 'ref') return plausibleRanges(DEFINITIONS[key.name], path, out);
  if (key.is === 'section') for (const [name, k] of Object.entries(key.keys)) plausibleRanges(k, path ? `${path}.${name}` : name, out);
  // Decision rules' thresholds, whatever the rules are named. (Not the variants' map, whose keys are
  // read at the campus's paths, nor ASIC models, whose efficiency check is relative to mining.asic.)
  if (key.is === 'map' && path === 'policies') plausibleRanges(key.value, `${path}.*`, out);
  if (key.is === 'number' && key.plausible) out[path] = key.plausible;
  return out;
}

export const PLAUSIBLE: Readonly<Record<string, readonly PlausibleRange[]>> = plausibleRanges(SCENARIO, '', {});

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
    for (const [pattern, checks] of Object.entries(PLAUSIBLE)) {
      for (const key of pattern.includes('*') ? [...read.keys()].filter((k) => matches(pattern, k)) : [pattern]) {
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
  }
  return out;
}

/** Does a dotted key path match a pattern whose `*` segments stand for any one name? */
function matches(pattern: string, key: string): boolean {
  const p = pattern.split('.'), k = key.split('.');
  return p.length === k.length && p.every((s, i) => s === '*' || s === k[i]);
}

/** 4 significant digits; powers of ten past a million or below a thousandth ("5e6", "3e-4"). */
const fmt = (x: number): string =>
  Math.abs(x) >= 1e6 || (Math.abs(x) < 1e-3 && x !== 0)
    ? x.toExponential(3).replace(/\.?0+e/, 'e').replace('e+', 'e')
    : Number(x.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 6 });

/** A warning as one line: `file:line:column: key: message`. */
export const formatWarning = (w: ScenarioWarning): string => `${w.file}:${w.line}:${w.column}: ${w.keyPath}: ${w.message}`;
