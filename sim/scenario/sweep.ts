/**
 * Sweeps: variants generated over one or two numeric inputs of the campus — every combination of
 * the values listed, each deep-merged over the variant named in `over` (or the base campus) — so a
 * planner can trace how an answer moves with, say, the GPU hall's size.
 */
import { echo } from '../core/echo.js';
import { deepMerge, hasPath } from './merge.js';
import { MOST_SWEPT_VARIANTS, VARIANTS } from './keys/study.js';
import type { ScenarioReader } from './reader.js';
import type { KeyPath } from './source.js';

// The caps (most variants written and swept, longest variant name) are the keys' own: keys/study.ts.
const MAX_SWEEP_VARIANTS = MOST_SWEPT_VARIANTS;
const MAX_WRITTEN_VARIANTS = VARIANTS.most;
const MAX_VARIANT_NAME = VARIANTS.longestName;

export interface VariantSource {
  name: string;
  /** What this variant changes, merged over the base campus. */
  override: unknown;
  /** Where a key of the merged campus is written in the file, for messages. */
  origin: (path: KeyPath) => KeyPath;
}

interface SweepParameter {
  path: string;
  values: Array<number | string>;
}

/** The variants written under `variants:`, then those the sweep generates. */
export function variantSources(base: ScenarioReader, campusSections: readonly string[]): { sources: VariantSource[]; swept: Array<{ at: KeyPath; path: KeyPath }> } {
  const tree = base.raw(['variants']) as Record<string, unknown>;
  const written = Object.keys(tree);
  if (written.length > MAX_WRITTEN_VARIANTS) base.fail(['variants'], `${written.length} variants`, `at most ${MAX_WRITTEN_VARIANTS} written variants (a sweep can add up to ${MAX_SWEEP_VARIANTS} more)`);
  const long = written.find((name) => name.length > MAX_VARIANT_NAME);
  if (long) base.src.fail(['variants', long], `the name is ${long.length} characters long`, `a name of at most ${MAX_VARIANT_NAME} characters`, true);
  const sources: VariantSource[] = Object.entries(tree).map(([name, override]) => ({
    name,
    override,
    origin: (p) => (hasPath(override, p) ? ['variants', name, ...p] : p),
  }));
  if (!base.has(['sweep'])) return { sources, swept: [] };

  const over = base.has(['sweep', 'over']) ? base.string(['sweep', 'over']) : undefined;
  if (over !== undefined && !(over in tree)) base.fail(['sweep', 'over'], `no variant is named '${echo(over)}'`, `one of ${Object.keys(tree).join(', ')}`);
  const overOverride = over !== undefined ? tree[over] : {};
  const parameters = base.raw(['sweep', 'parameters']) as SweepParameter[];
  const paths = parameters.map((p, i) => {
    const path = p.path.split('.');
    if (!campusSections.includes(path[0]) || path.some((k) => k === '')) {
      base.fail(['sweep', 'parameters', i, 'path'], `'${echo(p.path)}' is not a key of the campus`, `a dotted path under ${campusSections.join(', ')}, e.g. gpuCloud.it`);
    }
    return path;
  });
  const count = parameters.reduce((n, p) => n * p.values.length, 1);
  if (count > MAX_SWEEP_VARIANTS) base.fail(['sweep', 'parameters'], `${count} combinations`, `at most ${MAX_SWEEP_VARIANTS} variants from one sweep`);

  // Every combination, the first parameter varying slowest.
  let combos: number[][] = [[]];
  for (const p of parameters) combos = combos.flatMap((c) => p.values.map((_, j) => [...c, j]));
  for (const combo of combos) {
    let override = overOverride;
    combo.forEach((j, i) => (override = deepMerge(override, nest(paths[i], parameters[i].values[j]))));
    const name = [over ?? 'base', ...combo.map((j, i) => `${paths[i][paths[i].length - 1]}=${parameters[i].values[j]}`)].join(' ');
    if (sources.some((s) => s.name === name)) base.fail(['sweep'], `it generates '${echo(name)}', which is already a variant`, 'sweep values that name new variants');
    const origin = (p: KeyPath): KeyPath => {
      const i = paths.findIndex((path) => path.length === p.length && path.every((k, n) => k === p[n]));
      if (i >= 0) return ['sweep', 'parameters', i, 'values', combo[i]];
      return over !== undefined && hasPath(overOverride, p) ? ['variants', over, ...p] : p;
    };
    sources.push({ name, override, origin });
  }
  return { sources, swept: paths.map((path, i) => ({ at: ['sweep', 'parameters', i, 'path'], path })) };
}

function nest(path: KeyPath, value: unknown): unknown {
  return path.reduceRight((inner, key) => ({ [key]: inner }), value);
}
