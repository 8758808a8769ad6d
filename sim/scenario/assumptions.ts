/**
 * What a study assumed, as the scenario file writes it: each layout's description and the keys it
 * changes against the base campus, and the world every layout shares — horizon, BTC price model and
 * drift, fees, the network model, power price, outages, discount rate, capital. Values are the text
 * of the file (units as the planner wrote them, distributions included), so the report quotes the
 * scenario rather than re-deriving it. Saved with the study, so a report drawn later shows them too.
 */
import type { VariantSource } from './sweep.js';

export interface Assumption {
  /** What it is about, in a few plain words. */
  topic: string;
  /** The value as written (or the default the simulator takes, marked so). */
  value: string;
}

export interface LayoutAssumptions {
  name: string;
  description: string;
  /** Every key the layout sets over the base campus, as a dotted path and the value written. */
  changes: Array<{ key: string; value: string }>;
}

export interface Assumptions {
  world: Assumption[];
  layouts: LayoutAssumptions[];
}

/** A scalar or small structure as written, on one line. */
export function written(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map(written).join(', ')}]`;
  if (typeof value === 'object') return `{ ${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${written(v)}`).join(', ')} }`;
  // YAML reads 148.26e12 as a number: thousands separators make it readable again.
  if (typeof value === 'number' && Math.abs(value) >= 1e5) return value.toLocaleString('en-US', { maximumFractionDigits: 6 });
  return String(value);
}

/** The leaves of a tree as dotted paths (arrays of scalars stay one leaf). */
function leaves(tree: unknown, prefix: string[] = []): Array<{ key: string; value: string }> {
  if (tree === null || typeof tree !== 'object' || (Array.isArray(tree) && tree.every((x) => x === null || typeof x !== 'object'))) {
    return [{ key: prefix.join('.'), value: written(tree) }];
  }
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => leaves(v, [...prefix, k]));
}

/**
 * `raw(path)` reads the file's tree; `sources` are the variants as written (and swept), in order;
 * `baseline` names the layout whose finance the world's rows quote.
 */
export function scenarioAssumptions(raw: (path: string[]) => unknown, sources: readonly VariantSource[], baseline: string): Assumptions {
  const world: Assumption[] = [];
  const add = (topic: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') world.push({ topic, value });
  };
  const at = (...path: string[]) => raw(path);
  const orDefault = (path: string[], fallback: string): string => (raw(path) !== undefined ? written(raw(path)) : `${fallback} (default)`);
  add('Horizon', `${written(at('horizon', 'years'))} years from ${written(at('horizon', 'start'))}`);

  const btc = ['market', 'btc'];
  const model = written(raw([...btc, 'model']));
  add('BTC price model', `${model} from ${written(raw([...btc, 'price']))}`);
  if (['gbm', 'merton', 'kou'].includes(model)) {
    add('BTC drift', `${orDefault([...btc, 'drift'], '0')} a year`);
    add('BTC volatility', `${orDefault([...btc, 'volatility'], '0')} a year`);
  }
  if (raw([...btc, 'jumps']) !== undefined) add('BTC jumps', `${written(raw([...btc, 'jumps']))} a year`);
  if (raw(['market', 'fees', 'median']) !== undefined) add('Fee share of the block reward', `${written(raw(['market', 'fees', 'median']))} (median)`);

  const net = ['network'];
  add('Network at the start', `${written(raw([...net, 'hashrate']))}, difficulty ${written(raw([...net, 'difficulty']))}`);
  if (raw([...net, 'fleet']) !== undefined) {
    const cost = raw([...net, 'fleet', 'powerCost', 'median']);
    add('Network model', `a fleet with a cost curve: machines switch off when hashprice stops covering their cash cost and are bought when they pay back${cost !== undefined ? `; median power cost ${written(cost)}` : ' (fitted defaults)'}`);
  } else if (raw([...net, 'response']) !== undefined || raw([...net, 'growth']) !== undefined) {
    add('Network model', `a trend growing ${orDefault([...net, 'growth'], '0')} a year, answering margins at ${orDefault([...net, 'response', 'rate'], '0.5')} a year`);
  } else {
    add('Network model', `hashrate as written: ${written(raw([...net, 'hashrate']))}`);
  }

  const site = ['site'];
  add('Grid connection', written(raw([...site, 'grid'])));
  if (raw([...site, 'spot']) !== undefined) {
    const spot = raw([...site, 'spot']) as Record<string, unknown>;
    const limits = [
      spot.negative !== undefined ? `negative spells ${written(spot.negative)}` : '',
      spot.floor !== undefined ? `floor ${written(spot.floor)}` : '',
      spot.cap !== undefined ? `cap ${written(spot.cap)}` : '',
    ].filter(Boolean);
    add('Power price', `spot market, median ${written(spot.median)}${spot.spikes !== undefined ? `, spikes ${written(spot.spikes)}` : ''}${limits.map((l) => `, ${l}`).join('')}`);
  } else {
    add('Power price', `${written(raw([...site, 'powerPrice']))}, flat`);
  }
  if (raw([...site, 'ppa']) !== undefined) add('Power purchase agreement', written(raw([...site, 'ppa'])));
  if (raw([...site, 'outages']) !== undefined) {
    add('Grid outages', `${orDefault([...site, 'outages', 'rate'], '?')} a year, ${orDefault([...site, 'outages', 'duration'], '?')} each on average`);
  }
  if (raw([...site, 'demandResponse']) !== undefined) add('Demand response', Object.keys(raw([...site, 'demandResponse']) as object).join(', '));

  // Finance as the baseline layout has it (a layout that changes it lists that among its changes).
  const base = sources.find((s) => s.name === baseline);
  const finance = (key: string) => {
    const own = base?.override as { finance?: Record<string, unknown> } | undefined;
    return own?.finance?.[key] ?? raw(['finance', key]);
  };
  add('Discount rate', `${finance('discountRate') !== undefined ? written(finance('discountRate')) : '0.12 (default)'} a year`);
  add('Terminal value', finance('terminalYears') !== undefined ? `${written(finance('terminalYears'))} years of the last year's net cash` : undefined);
  add('Capital available', finance('capital') !== undefined ? written(finance('capital')) : undefined);
  add('Debt', finance('debt') !== undefined ? written(finance('debt')) : undefined);

  const layouts = sources.map(({ name, override }) => {
    const own = { ...((override ?? {}) as Record<string, unknown>) };
    const description = typeof own.description === 'string' ? own.description : '';
    delete own.description;
    return { name, description, changes: Object.keys(own).length > 0 ? leaves(own) : [] };
  });
  return { world, layouts };
}
