/**
 * Reads typed values out of a (possibly merged) scenario tree, converting quantities to canonical
 * units and blaming the right line: for a variant's merged campus, a value the variant overrides is
 * reported at the variant's key, any other at the base key.
 */
import { HOURS_PER_YEAR } from '../core/time.js';
import { compileExpression } from './expression.js';
import { hasPath } from './merge.js';
import type { KeyPath, ScenarioSource } from './source.js';
import { QUANTITY, type QuantityKindName, toCanonical } from './units.js';

export class ScenarioReader {
  constructor(
    readonly src: ScenarioSource,
    private readonly tree: unknown,
    /** Where a path of this tree lives in the file. */
    private readonly origin: (path: KeyPath) => KeyPath = (p) => p,
  ) {}

  /** A reader for a variant: `override` (at `overridePath` in the file) merged over the base tree. */
  static forVariant(src: ScenarioSource, merged: unknown, override: unknown, overridePath: KeyPath): ScenarioReader {
    return new ScenarioReader(src, merged, (p) => (hasPath(override, p) ? [...overridePath, ...p] : p));
  }

  raw(path: KeyPath): unknown {
    let node: unknown = this.tree;
    for (const key of path) {
      if (node === null || typeof node !== 'object') return undefined;
      node = (node as Record<string | number, unknown>)[key];
    }
    return node;
  }

  has(path: KeyPath): boolean {
    return this.raw(path) !== undefined;
  }

  fail(path: KeyPath, problem: string, expected?: string): never {
    this.src.fail(this.origin(path), problem, expected);
  }

  /** A quantity in the canonical unit of `kind`, optionally within [min, max]. */
  quantity(path: KeyPath, kindName: QuantityKindName, range: Range = {}, fallback?: number): number {
    const kind = QUANTITY[kindName];
    const value = this.raw(path);
    if (value === undefined) {
      if (fallback !== undefined) return fallback;
      this.fail(path, 'missing', `${kind.noun} like '${kind.example}'`);
    }
    let evaluated: unknown;
    if (typeof value === 'number') evaluated = value;
    else if (typeof value === 'string') {
      try {
        const expr = compileExpression(value);
        evaluated = expr.evaluate();
      } catch (e) {
        this.fail(path, (e as Error).message, `${kind.noun} like '${kind.example}'`);
      }
    } else this.fail(path, `wrong type (${typeof value})`, `${kind.noun} like '${kind.example}'`);
    const converted = toCanonical(evaluated, kind);
    if (!converted.ok) this.fail(path, `'${String(value)}' ${converted.problem}`, `${kind.noun} like '${kind.example}'`);
    return this.inRange(path, converted.value, range, kind.unit);
  }

  /**
   * A quantity that may vary with time: a constant, or an expression of `t` (hours since the start)
   * or `years`, compiled once. Every value it gives is checked for the kind's unit and finiteness.
   */
  timeQuantity(path: KeyPath, kindName: QuantityKindName): { constant?: number; at: (tH: number) => number } {
    const value = this.raw(path);
    if (typeof value !== 'string') {
      const constant = this.quantity(path, kindName);
      return { constant, at: () => constant };
    }
    const kind = QUANTITY[kindName];
    let expr: ReturnType<typeof compileExpression>;
    try {
      expr = compileExpression(value, ['t', 'years']);
    } catch (e) {
      this.fail(path, (e as Error).message, `${kind.noun} like '${kind.example}', or an expression of t or years`);
    }
    if (expr.constant) {
      const constant = this.quantity(path, kindName);
      return { constant, at: () => constant };
    }
    const at = (tH: number): number => {
      let result: unknown;
      try {
        result = expr.evaluate({ t: tH, years: tH / HOURS_PER_YEAR });
      } catch (e) {
        this.fail(path, `${(e as Error).message} at t = ${tH} h`, `${kind.noun} like '${kind.example}'`);
      }
      const converted = toCanonical(result, kind);
      if (!converted.ok) this.fail(path, `'${value}' ${converted.problem} at t = ${tH} h`, `${kind.noun} like '${kind.example}'`);
      return converted.value;
    };
    at(0);
    return { at };
  }

  /** A plain number, optionally within [min, max]. */
  number(path: KeyPath, range: Range = {}, fallback?: number): number {
    return this.quantity(path, 'number', range, fallback);
  }

  string(path: KeyPath, fallback?: string): string {
    const value = this.raw(path);
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'string') this.fail(path, value === undefined ? 'missing' : `wrong type (${typeof value})`, 'a string');
    return value;
  }

  private inRange(path: KeyPath, x: number, { min, max, above, below }: Range, unit: string | undefined): number {
    const u = unit ? ` ${unit}` : '';
    if (min !== undefined && x < min) this.fail(path, `${x}${u} is too small`, `at least ${min}${u}`);
    if (above !== undefined && x <= above) this.fail(path, `${x}${u} is too small`, `more than ${above}${u}`);
    if (max !== undefined && x > max) this.fail(path, `${x}${u} is too large`, `at most ${max}${u}`);
    if (below !== undefined && x >= below) this.fail(path, `${x}${u} is too large`, `less than ${below}${u}`);
    return x;
  }
}

export interface Range {
  min?: number;
  max?: number;
  /** Exclusive lower bound. */
  above?: number;
  /** Exclusive upper bound. */
  below?: number;
}
