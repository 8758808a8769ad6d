/**
 * Reads typed values out of a (possibly merged) scenario tree, converting quantities to canonical
 * units and blaming the right line: for a variant's merged campus, a value the variant overrides is
 * reported at the variant's key, any other at the base key.
 */
import { echo } from '../core/echo.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import { type CompiledExpression, compileExpression } from './expression.js';
import type { ReadValue } from './plausible.js';
import { formatPath, type KeyPath, type ScenarioSource } from './source.js';
import type { Range } from './keys/define.js';
import { numberKeyAt } from './keys/key-at.js';
import { isDistribution, parseDistribution, type UncertainInput } from './uncertain.js';
import { QUANTITY, type QuantityKindName, toCanonical } from './units.js';

/**
 * The uncertain inputs of one reading of a scenario: those found so far (by the key path where
 * each is written), and the values drawn for them — none at load, when each reads as its mean.
 */
export class Draws {
  /** Keys read as numbers or quantities (paths in the merged tree): what a sweep may vary. */
  readonly numericKeys = new Set<string>();
  /** Named inputs (the scenario's `inputs:`) for this reading, and the range each can take. */
  readonly named = new Map<string, number>();
  /** Named inputs whose value comes from the draws: distributions, and expressions of those. */
  readonly drawnNamed = new Set<string>();
  readonly namedSupport = new Map<string, readonly [number, number]>();
  /** Named inputs written as expressions of other named inputs, in file order: their values follow from those. */
  readonly derivedNamed = new Map<string, CompiledExpression>();
  /** Which variants read each uncertain input ('*': the world, so every variant). */
  readonly usedBy = new Map<string, Set<string>>();
  /** What this reading made from its draws, shared by its variants (a price table several layouts quote). */
  readonly memo = new Map<string, unknown>();
  /** At load: every number and quantity read, by owner ('*' or a variant) and key path — what plausibility is checked on. */
  readonly read = new Map<string, Map<string, ReadValue>>();

  use(id: string, owner: string): void {
    let set = this.usedBy.get(id);
    if (!set) this.usedBy.set(id, (set = new Set()));
    set.add(owner);
  }

  constructor(
    readonly values?: ReadonlyMap<string, number>,
    readonly found: Map<string, UncertainInput> = new Map(),
  ) {}
}

export class ScenarioReader {
  constructor(
    readonly src: ScenarioSource,
    private readonly tree: unknown,
    /** Where a path of this tree lives in the file. */
    private readonly origin: (path: KeyPath) => KeyPath = (p) => p,
    readonly draws: Draws = new Draws(),
    /** The variant this reader reads ('*' for the shared world): uncertain inputs it reads are marked used by it. */
    readonly owner = '*',
  ) {}

  /**
   * `make()` once per source file and key: re-reading a scenario with new draws each replication
   * reuses what does not depend on them (parsed quantities, price tables). A value that depends on
   * this replication's draws (`drawn`) is kept for this reading only: its variants share it, and the
   * next replication draws anew — keeping every draw's would grow the file's memo without end.
   */
  memo<T>(key: string, make: () => T, drawn = false): T {
    const memo = drawn && this.draws.values ? this.draws.memo : this.src.memo;
    if (memo.has(key)) return memo.get(key) as T;
    const value = make();
    memo.set(key, value);
    return value;
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

  /**
   * The number or quantity at `path` as its key's definition says (sim/scenario/keys): read in its
   * unit, checked against its range, its default when left out. `within` narrows the range where
   * the scenario sets it (a date inside the horizon); `fallback` is a default computed from other
   * keys, for a key whose definition has none.
   */
  read(path: KeyPath, { within, fallback }: { within?: Range; fallback?: number } = {}): number {
    const key = numberKeyAt(path);
    return this.quantity(path, key.unit, within ? { ...key.range, ...within } : key.range, fallback ?? key.default);
  }

  /** A quantity in the canonical unit of `kind`, optionally within [min, max]. */
  quantity(path: KeyPath, kindName: QuantityKindName, range: Range = {}, fallback?: number): number {
    const kind = QUANTITY[kindName];
    const value = this.raw(path);
    this.draws.numericKeys.add(path.join('.'));
    if (value === undefined) {
      if (fallback !== undefined) return fallback;
      this.fail(path, 'missing', `${kind.noun} like '${kind.example}'`);
    }
    if (isDistribution(value)) {
      if (range.whole) this.fail(path, `'${echo(value)}' would draw fractions`, 'a fixed whole number here');
      return this.inRange(path, this.uncertain(path, value, kindName, range), range, kind.unit);
    }
    if (typeof value !== 'string' && typeof value !== 'number') this.fail(path, `wrong type (${typeof value})`, `${kind.noun} like '${kind.example}'`);
    const expr = typeof value === 'string' ? this.compiled(path, value, [], `${kind.noun} like '${kind.example}'`) : undefined;
    const scope = expr ? this.namedScope(expr.uses) : {};
    if (range.whole && this.drawnAmong(Object.keys(scope))) this.fail(path, `'${echo(String(value))}' uses drawn inputs, and could come out a fraction`, 'a fixed whole number here');
    // Parsed once per file; an expression of named inputs once per set of their values.
    const memoKey = `quantity\u0000${kindName}\u0000${value}\u0000${Object.values(scope).join(',')}`;
    const converted = this.memo(memoKey, () => {
      const x = this.evaluateAt(path, value, kindName, expr, scope);
      if (expr && expr.uses.length > 0 && !this.draws.values) this.checkCorners(path, value as string, kindName, expr, range);
      return x;
    }, this.drawnAmong(Object.keys(scope)));
    this.record(path, converted);
    return this.inRange(path, converted, range, kind.unit);
  }

  /** Notes a value read at load, where the file writes it (for the plausibility warnings). */
  private record(path: KeyPath, value: number): void {
    if (this.draws.values) return;
    let mine = this.draws.read.get(this.owner);
    if (!mine) this.draws.read.set(this.owner, (mine = new Map()));
    const origin = this.origin(path);
    const { line, column } = this.src.locate(origin);
    mine.set(path.join('.'), { value, line, column, keyPath: formatPath(origin) });
  }

  /** `value` in the canonical unit of `kind`, with the named inputs at `scope`. */
  private evaluateAt(path: KeyPath, value: number | string, kindName: QuantityKindName, expr: CompiledExpression | undefined, scope: Record<string, number>): number {
    const kind = QUANTITY[kindName];
    let evaluated: unknown = value;
    if (expr) {
      try {
        evaluated = expr.evaluate(scope);
      } catch (e) {
        this.fail(path, (e as Error).message, `${kind.noun} like '${kind.example}'`);
      }
    }
    const converted = toCanonical(evaluated, kind);
    if (!converted.ok) this.fail(path, `'${echo(String(value))}' ${converted.problem}`, `${kind.noun} like '${kind.example}'`);
    return converted.value;
  }

  /**
   * At load, an expression of uncertain named inputs is checked at every corner of their ranges,
   * so a draw cannot take it out of its key's range part-way through a study.
   */
  private checkCorners(path: KeyPath, text: string, kindName: QuantityKindName, expr: CompiledExpression, range: Range): void {
    for (const scope of this.namedCorners(expr.uses)) {
      const x = this.evaluateAt(path, text, kindName, expr, scope);
      const u = QUANTITY[kindName].unit ? ` ${QUANTITY[kindName].unit}` : '';
      if (!this.within(x, range)) {
        const at = Object.entries(scope).map(([k, v]) => `${k} = ${Number(v.toPrecision(6))}`).join(', ');
        this.fail(path, `'${echo(text)}' is ${x}${u} when ${at}, outside the range of this key`, `values ${describeRange(range, u)} over the inputs' whole range`);
      }
    }
  }

  private within(x: number, { min, max, above, below }: Range): boolean {
    return !(min !== undefined && x < min) && !(above !== undefined && x <= above) && !(max !== undefined && x > max) && !(below !== undefined && x >= below);
  }

  /**
   * Every corner of the ranges of the drawn named inputs behind `uses` — those it names, and those
   * the derived inputs it names are made from — with the derived ones computed at each corner (the
   * others at this reading's values), when the scenario is read at load: the draws an expression
   * must survive. None later.
   */
  namedCorners(uses: readonly string[]): Array<Record<string, number>> {
    if (this.draws.values) return [];
    const roots = new Set<string>();
    const visit = (u: string): void => {
      const derived = this.draws.derivedNamed.get(u);
      if (derived) derived.uses.forEach(visit);
      else if (this.draws.namedSupport.has(u)) roots.add(u);
    };
    uses.forEach(visit);
    const bounded = [...roots].slice(0, MAX_CORNER_INPUTS);
    const corners: Array<Record<string, number>> = [];
    for (let corner = 0; corner < 1 << bounded.length; corner++) {
      const scope = this.namedScope(uses);
      const at: Record<string, number> = Object.fromEntries(this.draws.named);
      bounded.forEach((u, i) => {
        const [lo, hi] = this.draws.namedSupport.get(u)!;
        at[u] = corner & (1 << i) ? hi : lo;
      });
      // Derived inputs in file order, each from the values before it.
      for (const [name, expr] of this.draws.derivedNamed) at[name] = this.derivedAt(name, expr, at, bounded);
      for (const u of Object.keys(scope)) scope[u] = at[u];
      for (const u of bounded) scope[u] = at[u];
      if (bounded.length > 0 && Object.values(scope).every((x) => Number.isFinite(x))) corners.push(scope);
    }
    return corners;
  }

  /** A derived named input's value where its inputs are `at`; a value that is no number fails at its own key. */
  private derivedAt(name: string, expr: CompiledExpression, at: Record<string, number>, roots: readonly string[]): number {
    const when = roots.map((u) => `${u} = ${Number(at[u].toPrecision(6))}`).join(', ');
    let converted: ReturnType<typeof toCanonical>;
    try {
      converted = toCanonical(expr.evaluate(at), QUANTITY.number);
    } catch (e) {
      return this.src.fail(['inputs', name], `${(e as Error).message} when ${when}`, 'a number for every value the inputs can draw');
    }
    if (!converted.ok) this.src.fail(['inputs', name], `'${echo(expr.text)}' ${converted.problem} when ${when}`, 'a number for every value the inputs can draw');
    return converted.value;
  }

  /** Does any of these named inputs come from the draws (so its value changes with each replication)? */
  drawnAmong(names: readonly string[]): boolean {
    return names.some((u) => this.draws.drawnNamed.has(u));
  }

  /** The named inputs an expression uses, at this reading's values. */
  namedScope(uses: readonly string[]): Record<string, number> {
    const scope: Record<string, number> = {};
    for (const u of uses) {
      if (!this.draws.named.has(u)) continue;
      scope[u] = this.draws.named.get(u)!;
      this.draws.use(`inputs.${u}`, this.owner);
    }
    return scope;
  }

  /** `text` parsed and vetted, with the named inputs and `variables` allowed; once per file. */
  compiled(path: KeyPath, text: string, variables: readonly string[], expected: string): CompiledExpression {
    const allowed = [...variables, ...this.draws.named.keys()];
    return this.memo(`compiled\u0000${allowed.join(',')}\u0000${text}`, () => {
      try {
        return compileExpression(text, allowed);
      } catch (e) {
        this.fail(path, (e as Error).message, expected);
      }
    });
  }

  /**
   * A value written as a distribution: its draw for this replication, or its mean at load. Every
   * value it can draw must be in the key's range, so a study never fails part-way on a draw.
   */
  private uncertain(path: KeyPath, text: string, kindName: QuantityKindName, range: Range): number {
    const kind = QUANTITY[kindName];
    const id = this.origin(path).join('.');
    let input = this.draws.found.get(id);
    if (!input) {
      try {
        input = parseDistribution(id, text, kind);
      } catch (e) {
        this.fail(path, (e as Error).message, `a distribution of ${kind.noun}, e.g. 'triangular(low, likely, high)' with values like '${kind.example}'`);
      }
      const [lo, hi] = input.support;
      const u = kind.unit ? ` ${kind.unit}` : '';
      const below = (range.min !== undefined && lo < range.min) || (range.above !== undefined && lo <= range.above);
      const over = (range.max !== undefined && hi > range.max) || (range.below !== undefined && hi >= range.below);
      if (below || over) {
        this.fail(path, `'${echo(text)}' can draw ${Number((below ? lo : hi).toPrecision(6))}${u}, outside the range of this key`, `a distribution whose every value is ${describeRange(range, u)}`);
      }
      this.draws.found.set(id, input);
    }
    // A named input is marked where an expression uses it, not where it is declared.
    if (!id.startsWith('inputs.')) this.draws.use(id, this.owner);
    return this.draws.values?.get(id) ?? input.distribution.mean;
  }

  /**
   * A quantity that may vary with time: a constant, or an expression of `t` (hours since the start)
   * or `years`, compiled once. Every value it gives is checked for the kind's unit and finiteness.
   */
  timeQuantity(path: KeyPath, kindName: QuantityKindName, namedOverride: Record<string, number> = {}): { constant?: number; at: (tH: number) => number } {
    const value = this.raw(path);
    const kind = QUANTITY[kindName];
    const expected = `${kind.noun} like '${kind.example}', or an expression of t or years`;
    const expr = typeof value === 'string' && !isDistribution(value) ? this.compiled(path, value, ['t', 'years'], expected) : undefined;
    if (!expr || !(expr.uses.includes('t') || expr.uses.includes('years'))) {
      // Constant in time; at a corner of the named inputs' ranges, evaluated there.
      const constant = expr && Object.keys(namedOverride).length > 0
        ? this.evaluateAt(path, value as string, kindName, expr, { ...this.namedScope(expr.uses), ...namedOverride })
        : this.quantity(path, kindName);
      return { constant, at: () => constant };
    }
    const named = { ...this.namedScope(expr.uses), ...namedOverride };
    const at = (tH: number): number => {
      let result: unknown;
      try {
        result = expr.evaluate({ ...named, t: tH, years: tH / HOURS_PER_YEAR });
      } catch (e) {
        this.fail(path, `${(e as Error).message} at t = ${tH} h`, `${kind.noun} like '${kind.example}'`);
      }
      const converted = toCanonical(result, kind);
      if (!converted.ok) this.fail(path, `'${echo(String(value))}' ${converted.problem} at t = ${tH} h`, `${kind.noun} like '${kind.example}'`);
      return converted.value;
    };
    this.record(path, at(0));
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

  private inRange(path: KeyPath, x: number, { min, max, above, below, whole }: Range, unit: string | undefined): number {
    const u = unit ? ` ${unit}` : '';
    // Unit conversion leaves float dust (15 USD/MWh reads back as 15.000000000000002): shown to 12 digits.
    const shown = Number(x.toPrecision(12));
    if (whole && !Number.isInteger(x)) this.fail(path, `${shown}${u} is not a whole number`, `a whole number${unit ? ` of ${unit}` : ''}`);
    if (min !== undefined && x < min) this.fail(path, `${shown}${u} is too small`, `at least ${min}${u}`);
    if (above !== undefined && x <= above) this.fail(path, `${shown}${u} is too small`, `more than ${above}${u}`);
    if (max !== undefined && x > max) this.fail(path, `${shown}${u} is too large`, `at most ${max}${u}`);
    if (below !== undefined && x >= below) this.fail(path, `${shown}${u} is too large`, `less than ${below}${u}`);
    return x;
  }
}

function describeRange({ min, max, above, below }: Range, u: string): string {
  const parts: string[] = [];
  if (min !== undefined) parts.push(`≥ ${min}${u}`);
  if (above !== undefined) parts.push(`> ${above}${u}`);
  if (max !== undefined) parts.push(`≤ ${max}${u}`);
  if (below !== undefined) parts.push(`< ${below}${u}`);
  return parts.join(' and ');
}

/** Drawn inputs one expression may combine whose every corner is checked (2^10 evaluations). */
const MAX_CORNER_INPUTS = 10;
