/**
 * Uncertain inputs: a scenario value written as a distribution — `uniform(0.4, 0.7)`,
 * `triangular(12 months, 15 months, 24 months)`, `normal(0.12, 0.01)`, `lognormal(mean, sd)` — is
 * drawn once per replication from its own stream, so planners can say what they don't know (the
 * volatility, a build delay, how fast GPU prices fall) and the study ranks which of those moves
 * the answer (the sensitivity chart).
 */
import type { MathNode } from 'mathjs';
import type { Distribution } from '../core/samplers/distribution.js';
import { LogNormal } from '../core/samplers/lognormal.js';
import { Normal } from '../core/samplers/normal.js';
import { Triangular } from '../core/samplers/triangular.js';
import { Uniform } from '../core/samplers/uniform.js';
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
  /** Smallest and largest value it can draw (±Infinity when unbounded). */
  readonly support: readonly [number, number];
  /** The variants whose runs read it (every one for the world's inputs); filled in once the scenario is read. */
  readonly variants?: readonly string[];
}

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
    build: ([mean, sd]) => (sd > 0 ? { d: new Normal(mean, sd), support: [-Infinity, Infinity] } : 'sd must be > 0'),
  },
  lognormal: {
    args: ['mean', 'sd'],
    build: ([mean, sd]) => (mean > 0 && sd > 0 ? { d: LogNormal.fromMoments(mean, sd), support: [0, Infinity] } : 'mean and sd must be > 0'),
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
    throw new Error(`cannot parse '${text}': ${(e as Error).message}`);
  }
  const fn = node.type === 'FunctionNode' ? (node as unknown as { fn: { name?: string }; args: MathNode[] }) : undefined;
  const shape = fn?.fn.name ? SHAPES[fn.fn.name] : undefined;
  if (!fn || !shape) throw new Error(`'${text}' is not one distribution call`);
  const name = fn.fn.name!;
  if (fn.args.length !== shape.args.length) throw new Error(`${name}(${shape.args.join(', ')}) takes ${shape.args.length} arguments, got ${fn.args.length}`);
  const values = fn.args.map((arg, i) => {
    const converted = toCanonical(compileExpression(arg.toString()).evaluate(), kind);
    if (!converted.ok) throw new Error(`${name}'s ${shape.args[i]} '${arg.toString()}' ${converted.problem}`);
    return converted.value;
  });
  const built = shape.build(values);
  if (typeof built === 'string') throw new Error(`${name}(${shape.args.join(', ')}): ${built}`);
  return { id, text, distribution: built.d, support: built.support };
}

/** Each input's draw for a replication, from its own stream: adding an input changes no other draw. */
export function drawInputs(inputs: readonly UncertainInput[], seed: number, replication: number): Map<string, number> {
  return new Map(inputs.map((input) => [input.id, input.distribution.sample(randomStream(seed, replication, `input.${input.id}`))]));
}
