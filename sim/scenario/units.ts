/**
 * Units as scenario files write them, converted once at load to the simulator's canonical units
 * (h, MW, MWh, USD, TH/s, °C). One locked-down mathjs instance serves the whole process.
 */
import { createRequire } from 'node:module';
import type { MathJsInstance, MathNode, Unit } from 'mathjs';

// mathjs's single-file build (an exported entry of the package, the same code) loads in ~0.1 s;
// its ESM tree is ~1,000 modules and takes ~1 s — paid again by every study worker. It is loaded on
// first use, so a program that reads no scenario (the package's engine, `campus --help`) never pays it.
let instance: { readonly math: MathJsInstance; readonly parse: (text: string) => MathNode } | undefined;

/** The mathjs instance with campus units defined and the dangerous functions disabled. */
export function mathjs(): MathJsInstance {
  return (instance ??= lockedDown()).math;
}

/** Parses an expression with the parser kept before it was disabled for anything an expression can reach. */
export function parseExpression(text: string): MathNode {
  return (instance ??= lockedDown()).parse(text);
}

function lockedDown(): NonNullable<typeof instance> {
  const { all, create } = createRequire(import.meta.url)('mathjs/lib/browser/math.js') as typeof import('mathjs');
  const math = create(all, { number: 'number' });
  // Campus units, defined once: money, bitcoin, GPUs (for prices per GPU-hour), and hashes ("TH/s", "EH/s", "J/TH"). The SI henry
  // (H) has no use here and would make "TH" mean teraHenry, so hashes take over the symbol.
  math.createUnit('USD', { aliases: ['usd'] });
  math.createUnit('BTC', { aliases: ['btc'] });
  math.createUnit('GPU', { aliases: ['gpu', 'GPUs', 'gpus'] });
  math.createUnit({ H: { prefixes: 'short', aliases: ['hash', 'hashes'] } }, { override: true });
  const parse = math.parse.bind(math) as (text: string) => MathNode;
  // Follow mathjs's security guidance: a scenario expression must not redefine functions or units,
  // nor parse and evaluate strings of its own (mathjs docs, "Security").
  const disabled = (name: string) => () => {
    throw new Error(`function ${name} is disabled in scenario expressions`);
  };
  math.import(
    {
      import: disabled('import'),
      createUnit: disabled('createUnit'),
      evaluate: disabled('evaluate'),
      parse: disabled('parse'),
      simplify: disabled('simplify'),
      derivative: disabled('derivative'),
      resolve: disabled('resolve'),
      compile: disabled('compile'),
      reviver: disabled('reviver'),
    },
    { override: true },
  );
  return { math, parse };
}

/** A physical kind of quantity: its canonical unit and an example to quote in error messages. */
export interface QuantityKind {
  /** Canonical unit as mathjs writes it; undefined for plain numbers. */
  readonly unit: string | undefined;
  readonly example: string;
  readonly noun: string;
}

export const QUANTITY = {
  number: { unit: undefined, example: '0.5', noun: 'a plain number' },
  power: { unit: 'MW', example: '300 MW', noun: 'a power' },
  energy: { unit: 'MWh', example: '1200 MWh', noun: 'an energy' },
  money: { unit: 'USD', example: '90000 USD', noun: 'an amount of money' },
  hashrate: { unit: 'TH/s', example: '270 TH/s', noun: 'a hashrate' },
  efficiency: { unit: 'J/TH', example: '17.5 J/TH', noun: 'an energy per hash' },
  energyPrice: { unit: 'USD/MWh', example: '45 USD/MWh', noun: 'a price per energy' },
  duration: { unit: 'h', example: '30 days', noun: 'a duration' },
  frequency: { unit: 'h^-1', example: '3 /year', noun: 'a rate per unit of time' },
  temperature: { unit: 'degC', example: '35 degC', noun: 'a temperature' },
  // A difference of temperatures (an amplitude, an approach): '10 degF' is 5.6 °C of difference, not −12 °C.
  temperatureDifference: { unit: 'K', example: '6 degC', noun: 'a temperature difference' },
  moneyPerPower: { unit: 'USD/MW', example: '300000 USD/MW', noun: 'a cost per MW' },
  rentPerPower: { unit: 'USD/kW/month', example: '121 USD/kW/month', noun: 'a rent per kW and month' },
  // "$/TH" is the trade's shorthand for dollars per TH/s of hashrate: 1 TH/s for 1 s is 1 TH.
  pricePerHashrate: { unit: 'USD/TH', example: '25.7 USD/TH', noun: 'a price per TH/s of hashrate' },
  // The trade's "USD/PH/day" is dollars per PH/s of hashrate per day; written so, mathjs reads PH as a count of hashes, and 0.045 USD/TH/day converts alike.
  hashprice: { unit: 'USD/PH/day', example: '45 USD/PH/day', noun: 'a hashprice' },
  gpuHourPrice: { unit: 'USD/GPU/h', example: '2.35 USD/GPU/h', noun: 'a price per GPU-hour' },
  moneyPerPowerTime: { unit: 'USD/MW/h', example: '20000 USD/MW/year', noun: 'a cost per MW and unit of time' },
  moneyPerTime: { unit: 'USD/h', example: '25e6 USD/year', noun: 'a cost per unit of time' },
} as const satisfies Record<string, QuantityKind>;

export type QuantityKindName = keyof typeof QUANTITY;

/**
 * Converts a mathjs result to the canonical unit of `kind`, or says what is wrong with it as a
 * predicate ("has no unit", "is not a power") for the caller to put after the text the user wrote.
 */
export function toCanonical(value: unknown, kind: QuantityKind): { ok: true; value: number } | { ok: false; problem: string } {
  if (kind.unit === undefined) {
    if (typeof value === 'number') return finite(value);
    if (isUnit(value) && typeof value.value === 'number' && value.dimensions.every((d) => d === 0)) return finite(value.toNumber(''));
    return { ok: false, problem: mathjs().isComplex(value) ? 'is not a real number (a square root or power of a negative number?)' : 'is not a plain number' };
  }
  if (typeof value === 'number') return { ok: false, problem: 'has no unit' };
  if (!isUnit(value)) return { ok: false, problem: 'is not a quantity' };
  // sqrt or a power of a negative number gives a complex value: not a quantity the simulator can use.
  if (value.value !== null && typeof value.value !== 'number') return { ok: false, problem: 'is not a real number (a square root or power of a negative number?)' };
  if (!value.equalBase(mathjs().unit(kind.unit))) return { ok: false, problem: `is not ${kind.noun}` };
  if (value.value === null) return { ok: false, problem: 'has a unit but no number' };
  if (kind === QUANTITY.temperatureDifference) return finite(temperatureDifference(value));
  return finite(value.toNumber(kind.unit));
}

const isUnit = (v: unknown): v is Unit => mathjs().isUnit(v);
const finite = (x: number) => (Number.isFinite(x) ? { ok: true as const, value: x } : { ok: false as const, problem: `evaluates to ${x}` });

/** A temperature read as a difference, in K (= °C of difference): the number as written × its degree's size, no offset. */
function temperatureDifference(value: Unit): number {
  if (value.units.length !== 1) return value.toNumber('K');
  // mathjs's typings call the prefix a string; at run time it is a record like the unit's.
  const { unit, prefix } = value.units[0] as unknown as { unit: { name: string; value: number }; prefix: { name: string; value: number } };
  return value.toNumber(prefix.name + unit.name) * Number(unit.value) * Number(prefix.value);
}
