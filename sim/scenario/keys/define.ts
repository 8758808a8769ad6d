/**
 * How a scenario key is defined, once: its type, unit, range, default and description. The reader
 * takes a key's unit, range and default from here, and `scenarios/schema.json` is generated from the
 * same definitions (schema-json.ts), so neither can drift from the other.
 *
 * Numbers and quantities are `number()` and `quantity()`; a group of keys is `section()`; a list of
 * entries `list()`, a mapping of named entries `mapOf()`; a shared definition (`$defs`) is `ref()`;
 * strings, booleans, enums and anything else are written as their JSON Schema with `json()`.
 */
import type { QuantityKindName } from '../units.js';

/** The range a number must fall in, in the canonical unit of its kind (bounds left out: none). */
export interface Range {
  min?: number;
  max?: number;
  /** Exclusive lower bound. */
  above?: number;
  /** Exclusive upper bound. */
  below?: number;
  /** A whole number (a count): never drawn, never an expression of drawn inputs. */
  whole?: boolean;
}

export type Bound = 'min' | 'max' | 'above' | 'below';

/**
 * What real sites have: a value far outside it is most likely a slip of units ("45 USD/kWh" for 45
 * USD/MWh) that the units cannot catch, and earns a warning (plausible.ts), not a refusal.
 */
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

/** A number the reader converts to its kind's canonical unit ('number': a plain number). */
export interface NumberKey {
  readonly is: 'number';
  readonly unit: QuantityKindName;
  /** What the reader accepts, after conversion. */
  readonly range: Readonly<Range>;
  /** The default when the key is left out, in the canonical unit; absent: required, or computed from other keys. */
  readonly default?: number;
  readonly description?: string;
  /** Bounds of `range` schema.json states too, so an editor flags a number written past them. */
  readonly schemaBounds: readonly Bound[];
  /** Only whole numbers are written here (schema type `integer`: not an expression, not a distribution). */
  readonly integer?: boolean;
  /** Usual ranges (wide: about ten times past real figures either way); outside one, a warning. */
  readonly plausible?: readonly PlausibleRange[];
}

/** A mapping of keys known in advance. */
export interface SectionKey {
  readonly is: 'section';
  readonly keys: Readonly<Record<string, Key>>;
  readonly required?: readonly string[];
  readonly description?: string;
}

/** A list whose every entry is `item`. */
export interface ListKey {
  readonly is: 'list';
  readonly item: Key;
  readonly description?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
}

/** A mapping of entries named by the file (variants, ASIC models, named inputs). */
export interface MapKey {
  readonly is: 'map';
  readonly value: Key;
  readonly description?: string;
  /** What a name must look like. */
  readonly namePattern?: string;
  readonly minEntries?: number;
  /** Caps on hostile input, checked by the reader with a message that says why: most entries, longest name. */
  readonly most?: number;
  readonly longestName?: number;
}

/** A shared definition, written once under `$defs` and referred to wherever it is used. */
export interface RefKey {
  readonly is: 'ref';
  readonly name: string;
  readonly description?: string;
  /** Where a use asks more than the shared definition (the top-level site requires its grid). */
  readonly required?: readonly string[];
}

/** Anything else, as its JSON Schema (a string, a boolean, an enum, a list of numbers). */
export interface JsonKey {
  readonly is: 'json';
  readonly schema: Readonly<Record<string, unknown>>;
  readonly description?: string;
  /** A string's cap on hostile input, checked by the reader with a message that says why. */
  readonly longest?: number;
}

export type Key = NumberKey | SectionKey | ListKey | MapKey | RefKey | JsonKey;

interface NumberOptions extends Range {
  description?: string;
  default?: number;
  /** Bounds of the range schema.json states too (default: none; the reader checks them all). */
  schemaBounds?: readonly Bound[];
  integer?: boolean;
  plausible?: readonly PlausibleRange[];
}

const numberKey = (unit: QuantityKindName, { description, default: fallback, schemaBounds = [], integer, plausible, ...range }: NumberOptions): NumberKey => ({
  is: 'number',
  unit,
  range,
  schemaBounds,
  ...(fallback !== undefined ? { default: fallback } : {}),
  ...(description !== undefined ? { description } : {}),
  ...(integer ? { integer } : {}),
  ...(plausible ? { plausible } : {}),
});

/** A plain number (a share, a rate, a count), or an expression or distribution giving one. */
export const number = (options: NumberOptions = {}): NumberKey => numberKey('number', options);

/** A number with a unit of `unit`'s kind ("300 MW"), or an expression or distribution giving one. */
export const quantity = (unit: Exclude<QuantityKindName, 'number'>, options: NumberOptions = {}): NumberKey => numberKey(unit, options);

export const section = (keys: Record<string, Key>, options: { required?: readonly string[]; description?: string } = {}): SectionKey => ({ is: 'section', keys, ...options });

export const list = (item: Key, options: { description?: string; minItems?: number; maxItems?: number } = {}): ListKey => ({ is: 'list', item, ...options });

type MapOptions = Pick<MapKey, 'description' | 'namePattern' | 'minEntries' | 'most' | 'longestName'>;

export const mapOf = <O extends MapOptions>(value: Key, options: O = {} as O): MapKey & O => ({ is: 'map', value, ...options });

export const ref = (name: string, options: { description?: string; required?: readonly string[] } = {}): RefKey => ({ is: 'ref', name, ...options });

export const json = (schema: Record<string, unknown>, description?: string): JsonKey => ({ is: 'json', schema, ...(description !== undefined ? { description } : {}) });

/** A string, optionally of a pattern (a date, a name); `longest` is a cap the reader checks. */
export const string = <O extends { pattern?: string; minLength?: number; longest?: number }>(description?: string, { longest, ...schema }: O = {} as O): JsonKey & Pick<O, 'longest'> =>
  ({ ...json({ type: 'string', ...schema }, description), ...(longest !== undefined ? { longest } : {}) }) as JsonKey & Pick<O, 'longest'>;

/** A day, YYYY-MM-DD. */
export const date = (description?: string): JsonKey => string(description, { pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const boolean = (description?: string): JsonKey => json({ type: 'boolean' }, description);

/** One of a few words (a model, a technology, a policy). */
export const oneOf = (values: readonly string[], description?: string): JsonKey => json({ enum: values }, description);

/** A section with only some of another's keys (a variant's site: the keys a layout may change). */
export const pick = (from: SectionKey, names: readonly string[], options: { description?: string } = {}): SectionKey =>
  section(Object.fromEntries(names.map((n) => [n, from.keys[n]])), options);

/** What a name of a variant or an ASIC model must look like: it becomes part of a folder or column name. */
export const NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]*$';
