/**
 * Uncertain inputs: a scenario value written as a distribution — `uniform(0.4, 0.7)`,
 * `triangular(12 months, 15 months, 24 months)`, `normal(0.12, 0.01)`, `lognormal(mean, sd)` — is
 * drawn once per replication from its own stream, so planners can say what they don't know (the
 * volatility, a build delay, how fast GPU prices fall) and the study ranks which of those moves
 * the answer (the sensitivity chart).
 */
import type { MathNode } from 'mathjs';
import { echo } from '../core/echo.js';
import type { Distribution } from '../core/samplers/distribution.js';
import { LogNormal } from '../core/samplers/lognormal.js';
import { Normal } from '../core/samplers/normal.js';
import { Triangular } from '../core/samplers/triangular.js';
import { Uniform } from '../core/samplers/uniform.js';
import { normalQuantile } from '../core/stats/normal.js';
import { randomStream } from '../core/stream.js';
import { compileExpression } from './expression.js';
import { type QuantityKind, parseExpression, toCanonical } from './units.js';

export interface UncertainInput {
  /** The key path in the file where the distribution is written, dotted: its name in outputs. */
  readonly id: string;
  /** The distribution as written. */
  readonly text: string;
  /** In the key's canonical unit. */
  readonly distribution: Distribution;
  /**
   * Smallest and largest value it can draw: a bounded distribution's support, an unbounded one's
   * TAIL and 1 − TAIL quantiles — its draws are clamped to them, so checking a scenario at both
   * ends at load covers every draw a study can make.
   */
  readonly support: readonly [number, number];
  /** The variants whose runs read it (every one for the world's inputs); filled in once the scenario is read. */
  readonly variants?: readonly string[];
  /** The canonical unit of its draws (h, MW, USD/MWh…); absent for a plain number. */
  readonly unit?: string;
}

/**
 * Probability cut from each tail of an unbounded distribution: one draw in a million per tail is
 * moved to the quantile, which changes no statistic a study can resolve and makes a scenario's
 * checks at load exhaustive instead of probable.
 */
export const TAIL = 1e-6;
const Z_TAIL = [normalQuantile(TAIL), -normalQuantile(TAIL)] as const;

const SHAPES: Record<string, { args: string[]; build: (a: number[]) => { d: Distribution; support: [number, number] } | string }> = {
  uniform: {
    args: ['min', 'max'],
    build: ([lo, hi]) => (lo < hi ? { d: new Uniform(lo, hi), support: [lo, hi] } : 'min must be below max'),
  },
  triangular: {
    args: ['min', 'mode', 'max'],
    build: ([lo, mode, hi]) => (lo <= mode && mode <= hi && lo < hi ? { d: new Triangular(lo, mode, hi), support: [lo, hi] } : 'needs min ≤ mode ≤ max and min < max'),
  },
  normal: {
    args: ['mean', 'sd'],
    build: ([mean, sd]) => (sd > 0 ? { d: new Normal(mean, sd), support: [mean + sd * Z_TAIL[0], mean + sd * Z_TAIL[1]] } : 'sd must be > 0'),
  },
  lognormal: {
    args: ['mean', 'sd'],
    build: ([mean, sd]) => {
      if (!(mean > 0 && sd > 0)) return 'mean and sd must be > 0';
      const d = LogNormal.fromMoments(mean, sd);
      return { d, support: [Math.exp(d.mu + d.sigma * Z_TAIL[0]), Math.exp(d.mu + d.sigma * Z_TAIL[1])] };
    },
  },
};

export const DISTRIBUTION_NAMES = Object.keys(SHAPES);
const LOOKS_LIKE = new RegExp(`^\\s*(${DISTRIBUTION_NAMES.join('|')})\\s*\\(`);

/** Does this scenario value ask for a distribution? */
export function isDistribution(value: unknown): value is string {
  return typeof value === 'string' && LOOKS_LIKE.test(value);
}

/**
 * Parses `text` as a distribution whose arguments are quantities of `kind` (each vetted like any
 * scenario expression). Throws an Error saying what is wrong.
 */
export function parseDistribution(id: string, text: string, kind: QuantityKind): UncertainInput {
  let node: MathNode;
  try {
    node = parseExpression(text);
  } catch (e) {
    throw new Error(`cannot parse '${echo(text)}': ${(e as Error).message}`);
  }
  const fn = node.type === 'FunctionNode' ? (node as unknown as { fn: { name?: string }; args: MathNode[] }) : undefined;
  const shape = fn?.fn.name ? SHAPES[fn.fn.name] : undefined;
  if (!fn || !shape) throw new Error(`'${echo(text)}' is not one distribution call`);
  const name = fn.fn.name!;
  if (fn.args.length !== shape.args.length) throw new Error(`${name}(${shape.args.join(', ')}) takes ${shape.args.length} arguments, got ${fn.args.length}`);
  const values = fn.args.map((arg, i) => {
    const converted = toCanonical(compileExpression(arg.toString()).evaluate(), kind);
    if (!converted.ok) throw new Error(`${name}'s ${shape.args[i]} '${echo(arg.toString())}' ${converted.problem}`);
    return converted.value;
  });
  const built = shape.build(values);
  if (typeof built === 'string') throw new Error(`${name}(${shape.args.join(', ')}): ${built}`);
  return { id, text, distribution: built.d, support: built.support, ...(kind.unit !== undefined ? { unit: kind.unit } : {}) };
}

/** Each input's draw for a replication, from its own stream: adding an input changes no other draw. */
export function drawInputs(inputs: readonly UncertainInput[], seed: number, replication: number): Map<string, number> {
  return new Map(
    inputs.map((input) => {
      const [lo, hi] = input.support;
      const x = input.distribution.sample(randomStream(seed, replication, `input.${input.id}`));
      return [input.id, x < lo ? lo : x > hi ? hi : x];
    }),
  );
}
