/**
 * load → validate → convert: a scenario file becomes a typed Scenario in canonical units, or one
 * ScenarioError that names file, line, column, key path and what was expected.
 */
import { echo } from '../core/echo.js';
import { FileReadError, readTextFile } from '../core/read-bounded.js';
import { type CalendarMonths, calendarMonths, horizonHours } from '../core/calendar.js';
import { scenarioAssumptions } from './assumptions.js';
import { deepMerge } from './merge.js';
import { didYouMean } from './did-you-mean.js';
import { Draws, ScenarioReader } from './reader.js';
import { mathjs } from './units.js';
import { ScenarioError } from './scenario-error.js';
import { plausibilityWarnings } from './plausible.js';
import { checkSchema } from './schema.js';
import { NAME } from './keys/study.js';
import { variantSources } from './sweep.js';
import { MAX_FILE_BYTES, ScenarioSource } from './source.js';
import type { LeaseConfig, Scenario, VariantConfig } from './types.js';
import type { UncertainInput } from './uncertain.js';
import { readGpuCloud } from './gpu-cloud-config.js';
import { readWorld } from './world-config.js';
import { readTax } from './tax-config.js';
import { readPolicies } from './policy-config.js';
import { withSiteWorld } from './site-config.js';
import { withSiteWiring } from './variant-site-config.js';
import { variantFleet } from '../mining/fleet.js';

/** Longest scenario name (the key's own cap: keys/study.ts). */
const MAX_NAME = NAME.longest;
/** Most values drawn per replication (distributions, named or written at a key). */
const MAX_UNCERTAIN_INPUTS = 100;

/** The campus sections a variant may override; the world is shared by every variant. */
const CAMPUS_SECTIONS = ['site', 'mining', 'finance', 'lease', 'gpuCloud', 'policies'] as const;

/**
 * What a reader may take as already checked. `checkedHash`: the hash of bytes already validated
 * against the schema and at the ends of their drawn inputs' ranges (a study's worker thread reads the
 * file its main thread checked; compiling the schema is ~0.2 s of the thread's start-up). Every
 * other check runs as usual.
 */
export interface LoadOptions {
  checkedHash?: string;
}

/** Reads, validates and converts the scenario at `file`. */
export function loadScenario(file: string, options: LoadOptions = {}): Scenario {
  let text: string;
  try {
    text = readTextFile(file, MAX_FILE_BYTES);
  } catch (e) {
    if (!(e instanceof FileReadError)) throw e;
    // Bad bytes have a line and column; a file that cannot be read at all is named alone.
    throw new ScenarioError(file, e.line ?? 0, e.column ?? 0, '', e.problem);
  }
  return parseScenario(file, text, options);
}

/** As `loadScenario`, from text already in memory (`file` names it in messages). */
export function parseScenario(file: string, text: string, options: LoadOptions = {}): Scenario {
  const src = new ScenarioSource(file, text);
  if (options.checkedHash !== src.hash) checkSchema(src);
  const found = new Draws();
  const scenario = readScenario(src, found);
  const all = scenario.variants.map((v) => v.name);
  // Each is a column of replications.csv and two readings of the file at load: a thousand would be a bomb, not a study.
  if (found.found.size > MAX_UNCERTAIN_INPUTS) {
    const last = [...found.found.keys()][MAX_UNCERTAIN_INPUTS];
    src.fail(last.split('.'), `the scenario draws ${found.found.size} uncertain inputs`, `at most ${MAX_UNCERTAIN_INPUTS}`);
  }
  const uncertain = [...found.found.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((input) => {
      const users = found.usedBy.get(input.id) ?? new Set<string>();
      return { ...input, variants: users.has('*') ? all : all.filter((v) => users.has(v)) };
    });
  if (options.checkedHash !== src.hash) checkInputEnds(src, found, uncertain);
  // Each variant's config as last read, with the inputs that reading used and their values: when
  // those drew the same values again, reading again would take the same branches to the same keys
  // and give the same config.
  const last = new Map<string, { ids: string[]; key: string; variant: VariantConfig }>();
  const keyOf = (ids: readonly string[], values: ReadonlyMap<string, number>) => ids.map((id) => values.get(id)).join(',');
  const reuse: VariantReuse = (name, draws, before, read) => {
    const kept = last.get(name);
    if (kept && kept.key === keyOf(kept.ids, draws.values!)) return kept.variant;
    const variant = read();
    // What this reading used: the variant's own keys, and what the shared reading used before it (the horizon).
    const ids = [...draws.usedBy].filter(([, owners]) => owners.has(name)).map(([id]) => id).concat(before);
    last.set(name, { ids, key: keyOf(ids, draws.values!), variant });
    return variant;
  };
  const warnings = plausibilityWarnings(file, found.read);
  return {
    ...scenario,
    assumptions: scenario.assumptions!,
    uncertain,
    warnings,
    // The same file read again with drawn values: every key the draws reach is checked as at load,
    // what does not depend on them comes from the source's memo, and a variant that reads none of
    // them (or the same values as the last reading) is not read again — a mining layout beside
    // drawn market inputs was spending 40 % of its replication re-reading itself.
    withInputs: (values) => ({ ...readScenario(src, new Draws(values, found.found), reuse), assumptions: scenario.assumptions!, uncertain, warnings, withInputs: () => { throw new Error('inputs already drawn'); } }),
  };
}

/**
 * Reads the scenario again with each drawn input at each end of its range, the others at their
 * means: every key that uses it — a model's parameters, a date, a price table, a check between
 * keys — must hold there too, so no draw can fail a study part-way for a reason the file holds.
 * (The corners of several inputs within one expression are checked as the expression is read.)
 */
function checkInputEnds(src: ScenarioSource, found: Draws, inputs: readonly UncertainInput[]): void {
  const means = new Map(inputs.map((u) => [u.id, u.distribution.mean]));
  for (const input of inputs) {
    input.support.forEach((value, end) => {
      const values = new Map(means).set(input.id, value);
      try {
        readScenario(src, new Draws(values, found.found));
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e;
        const which = end === 0 ? 'lowest' : 'highest';
        throw new ScenarioError(e.file, e.line, e.column, e.keyPath, `${e.problem} when ${input.id} = ${Number(value.toPrecision(6))} (the ${which} value it can draw)`, e.expected);
      }
    });
  }
}

/**
 * Gives a variant's config for these draws: the kept one when the inputs its last reading used drew
 * the same, else `read()`. `before`: inputs the shared part of the file used before the variants.
 */
type VariantReuse = (name: string, draws: Draws, before: readonly string[], read: () => VariantConfig) => VariantConfig;

function readScenario(src: ScenarioSource, draws: Draws, reuse?: VariantReuse): Omit<Scenario, 'uncertain' | 'withInputs' | 'warnings' | 'assumptions'> & { assumptions?: Scenario['assumptions'] } {
  const file = src.file;
  const base = new ScenarioReader(src, src.value, undefined, draws);
  readNamedInputs(base, draws);
  const years = base.read(['horizon', 'years']);
  const startDate = base.string(['horizon', 'start']);
  const startMs = Date.parse(`${startDate}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over to 2 March: a real day prints back as itself.
  if (Number.isNaN(startMs) || new Date(startMs).toISOString().slice(0, 10) !== startDate) base.fail(['horizon', 'start'], `'${echo(startDate)}' is not a date`, 'YYYY-MM-DD');
  const startUnixSeconds = startMs / 1000;
  const hours = horizonHours(startUnixSeconds, years);
  const calendar = calendarMonths(startUnixSeconds, hours);

  const { sources, swept } = variantSources(base, CAMPUS_SECTIONS);
  const campus = Object.fromEntries(CAMPUS_SECTIONS.map((s) => [s, base.raw([s])]));
  const before = [...draws.usedBy].filter(([, owners]) => owners.has('*')).map(([id]) => id);
  const variants: VariantConfig[] = sources.map(({ name, override, origin }) => {
    const read = () => readVariant(name, new ScenarioReader(src, deepMerge(campus, override), origin, draws, name), calendar);
    return reuse && draws.values ? reuse(name, draws, before, read) : read();
  });
  // A sweep varies numbers: its path must be a key the campus reads as a number or a quantity
  // (checked when the file is loaded, when every variant is read and the keys are all known).
  for (const { at, path } of reuse ? [] : swept) {
    const key = path.join('.');
    if (!draws.numericKeys.has(key)) {
      const near = didYouMean(key, [...draws.numericKeys]);
      base.fail(at, `'${echo(key)}' is not a numeric input of the campus${near ? ` (did you mean ${near}?)` : ''}`, 'the path of a number or quantity, e.g. gpuCloud.it or mining.capacity');
    }
  }

  const hasSpot = base.has(['site', 'spot']);
  if (hasSpot && base.has(['site', 'powerPrice'])) base.fail(['site', 'powerPrice'], 'a flat power price and a spot market were both given', 'one of them: powerPrice, or spot');
  if (!hasSpot && !base.has(['site', 'powerPrice'])) base.fail(['site'], 'no price for power', "powerPrice (e.g. '45 USD/MWh') or a spot market (site.spot)");
  variants.forEach((v) => {
    if (hasSpot && v.site.powerPriceUSDPerMWh === v.site.powerPriceUSDPerMWh) {
      base.fail(['variants', v.name, 'site', 'powerPrice'], 'a flat power price and a spot market were both given', 'the spot market set in site.spot');
    }
  });
  const baseline = base.string(['study', 'baseline'], variants[0].name);
  if (!variants.some((v) => v.name === baseline)) {
    base.fail(['study', 'baseline'], `no variant is named '${echo(baseline)}'`, `one of ${variants.map((v) => v.name).join(', ')}`);
  }
  const baselineVariant = variants.find((v) => v.name === baseline)!;
  // An adaptive layout's fixed counterpart, written at the variant (or the variant a sweep is over).
  variants.forEach((v, i) => {
    if (v.versus === undefined) return;
    const at = sources[i].origin(['versus']);
    const fixed = variants.find((x) => x.name === v.versus);
    const plans = variants.filter((x) => !x.policies).map((x) => x.name);
    const near = didYouMean(v.versus, plans);
    if (!fixed) base.src.fail(at, `no variant is named '${echo(v.versus)}'${near ? ` (did you mean ${near}?)` : ''}`, `a layout without policies: one of ${plans.join(', ')}`);
    if (fixed?.policies) base.src.fail(at, `'${echo(v.versus)}' has policies of its own`, 'a layout whose plan is fixed at the start');
  });
  const horizon = { startDate, startUnixSeconds, years, hours };
  const name = base.string(['name']);
  // The name is the default output folder: a file system refuses names past 255 bytes, at the end of a run.
  if (name.length > MAX_NAME) base.fail(['name'], `the name is ${name.length} characters long`, `a name of at most ${MAX_NAME} characters (it names the output folder)`);
  return {
    file,
    name,
    description: base.string(['description'], ''),
    hash: src.hash,
    horizon,
    study: {
      replications: base.read(['study', 'replications']),
      // Seeds are exact integers: past 2^53 − 1 a YAML number is rounded, and the seed that ran is not the one written.
      seed: base.read(['study', 'seed']),
      confidence: base.read(['study', 'confidence']),
      baseline,
    },
    world: withSiteWorld(readWorld(base, horizon, variantFleet(baselineVariant).hashrateTHs), base, variants, horizon),
    variants,
    // Read once, when the file is loaded (a replication's reading with drawn inputs keeps these).
    ...(reuse ? {} : { assumptions: scenarioAssumptions((path) => base.raw(path), sources, baseline) }),
  };
}

/**
 * The scenario's `inputs:`: named numbers (often distributions) that any expression may use, e.g.
 * `gpuPriceDecline: uniform(0.1, 0.4)` and `price: 2.35 * (1 - gpuPriceDecline)^years USD/GPU/h`.
 */
export function readNamedInputs(base: ScenarioReader, draws: Draws): void {
  const tree = (base.raw(['inputs']) ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(tree)) {
    const clash = ['t', 'years', 'date'].includes(name) || mathjs().Unit.isValuelessUnit(name) || name in mathjs();
    if (clash) base.fail(['inputs', name], `'${echo(name)}' is already a unit, function or variable in expressions`, 'another name');
    draws.named.set(name, base.read(['inputs', name]));
    const input = draws.found.get(`inputs.${name}`);
    if (input) draws.namedSupport.set(name, input.support);
    // An input written as an expression of drawn inputs is drawn too (`half: gpuPriceDecline / 2`).
    const raw = base.raw(['inputs', name]);
    const expr = typeof raw === 'string' && !input ? base.compiled(['inputs', name], raw, [], 'a number') : undefined;
    const derived = expr !== undefined && expr.uses.some((u) => draws.drawnNamed.has(u));
    if (derived) draws.derivedNamed.set(name, expr);
    if (input || derived) draws.drawnNamed.add(name);
  }
}

function readVariant(name: string, r: ScenarioReader, calendar: CalendarMonths): VariantConfig {
  const horizonH = calendar.boundsH[calendar.count];
  const variant = readCampus(name, r, calendar);
  if (!r.has(['policies'])) {
    if (r.has(['versus'])) r.fail(['versus'], 'a layout without policies has no fixed plan to be judged against', "'versus' beside 'policies'");
    return variant;
  }
  return { ...variant, policies: readPolicies(r, variant, horizonH), ...(r.has(['versus']) ? { versus: r.string(['versus']) } : {}) };
}

function readCampus(name: string, r: ScenarioReader, calendar: CalendarMonths): VariantConfig {
  const horizonH = calendar.boundsH[calendar.count];
  const gridMW = r.read(['site', 'grid']);
  const capacityMW = r.read(['mining', 'capacity']);
  const existingMW = r.read(['mining', 'existing'], { fallback: capacityMW });
  if (existingMW > capacityMW + 1e-9) r.fail(['mining', 'existing'], `${existingMW} MW of machines already running is more than the ${capacityMW} MW of mining capacity`, `at most mining.capacity, ${capacityMW} MW`);
  const variant: VariantConfig = {
    name,
    description: r.has(['description']) ? r.string(['description']) : '',
    site: {
      gridMW,
      // Without a spot market the flat price is what power beyond the PPA costs (checked below).
      powerPriceUSDPerMWh: r.has(['site', 'powerPrice']) ? r.read(['site', 'powerPrice']) : NaN,
      ppaBlockMW: r.has(['site', 'ppa']) ? r.read(['site', 'ppa', 'block']) : 0,
      ppaPriceUSDPerMWh: r.has(['site', 'ppa']) ? r.read(['site', 'ppa', 'price']) : 0,
      sellBack: r.raw(['site', 'sellBack']) === true,
    },
    mining: {
      asicHashrateTHs: r.read(['mining', 'asic', 'hashrate']),
      asicPowerMW: r.read(['mining', 'asic', 'power']),
      asicPriceUSDPerTHs: r.read(['mining', 'asic', 'price']),
      capacityMW,
      existingMW,
      poolFee: r.read(['mining', 'poolFee']),
      curtail: r.raw(['mining', 'curtail']) !== false,
      minOffHours: r.read(['mining', 'minOffHours']),
    },
    finance: {
      discountRatePerYear: r.read(['finance', 'discountRate']),
      miningFacilityUSDPerMW: r.read(['finance', 'miningFacility']),
      terminalYears: r.read(['finance', 'terminalYears']),
      miningOpexUSDPerMWH: r.read(['finance', 'opex', 'mining']),
      gpuOpexUSDPerMWH: r.read(['finance', 'opex', 'gpuHall']),
      fixedOpexUSDPerH: r.read(['finance', 'opex', 'fixed']),
      btcHeldShare: r.read(['finance', 'treasury', 'holdShare']),
      capitalUSD: r.read(['finance', 'capital']),
      ...(r.has(['finance', 'debt'])
        ? {
            debt: {
              amountUSD: r.read(['finance', 'debt', 'amount']),
              ratePerYear: r.read(['finance', 'debt', 'rate']),
              maturityH: r.read(['finance', 'debt', 'maturity']),
            },
          }
        : {}),
      lives: {
        miningH: r.read(['finance', 'lives', 'mining']),
        hallH: r.read(['finance', 'lives', 'halls']),
        gpuH: r.read(['finance', 'lives', 'gpus']),
      },
      ...(r.has(['finance', 'tax']) ? { tax: readTax(r, ['finance', 'tax']) } : {}),
    },
    ...(r.has(['lease']) ? { lease: readLease(r) } : {}),
  };
  if (!r.has(['gpuCloud'])) return withSiteWiring(r, variant, horizonH);
  const gpuCloud = readGpuCloud(r, calendar);
  const withHall = { ...variant, gpuCloud };
  const fleetMW = variantFleet(withHall).powerMW;
  if (gpuCloud.convertsMiningMW > fleetMW + 1e-9) {
    r.fail(['gpuCloud', 'convertsMining'], `${gpuCloud.convertsMiningMW} MW is more than the ${fleetMW.toFixed(1)} MW the fleet draws`, `at most ${fleetMW.toFixed(1)} MW`);
  }
  return withSiteWiring(r, withHall, horizonH);
}

function readLease(r: ScenarioReader): LeaseConfig {
  const at = ['lease'];
  return {
    itMW: r.read([...at, 'it']),
    pue: r.read([...at, 'pue']),
    rentUSDPerKWMonth: r.read([...at, 'rent']),
    escalatorPerYear: r.read([...at, 'escalator']),
    onlineH: r.read([...at, 'online']),
    buildH: r.read([...at, 'build']),
    termYears: r.read([...at, 'termYears']),
    hallUSDPerMW: r.read([...at, 'hallCapex']),
    slaAvailability: r.read([...at, 'sla', 'availability']),
    creditPerStep: r.read([...at, 'sla', 'creditPerStep']),
    stepAvailability: r.read([...at, 'sla', 'step']),
    maxCredit: r.read([...at, 'sla', 'maxCredit']),
  };
}
