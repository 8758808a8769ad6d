/**
 * The `gpuCloud` section of a variant → GpuCloudConfig in canonical units: a GPU hall the campus
 * owns and sells as reserved blocks, on-demand training jobs and elastic inference.
 */
import type { CalendarMonths } from '../core/calendar.js';
import { HOURS_PER_DAY } from '../core/time.js';
import type { ScenarioReader } from './reader.js';
import { isDistribution } from './uncertain.js';
import type { KeyPath } from './source.js';
import type { GpuCloudConfig, GpuHourPrice } from './types.js';
import { gpuCloudNodes } from '../hpc/gpu-cloud.js';

/**
 * Default inference profile: demand follows the working day, peaking mid-afternoon at ≈ 1.4× the
 * mean and bottoming before dawn at ≈ 0.6× (an assumption in the range of Azure's LLM traces and
 * Philly's 0.64×–2.09× hour-of-day swing of job arrivals).
 */
export const DEFAULT_INFERENCE_HOUR_OF_DAY: readonly number[] = Array.from({ length: 24 }, (_, h) => 1 + 0.4 * Math.cos((2 * Math.PI * (h - 15)) / 24));

export function readGpuCloud(r: ScenarioReader, calendar: CalendarMonths): GpuCloudConfig {
  const horizonH = calendar.boundsH[calendar.count];
  const at: KeyPath = ['gpuCloud'];
  const itMW = r.read([...at, 'it']);
  const nodePowerKW = r.read([...at, 'node', 'power']) * 1000;
  if (Math.floor((itMW * 1000) / nodePowerKW + 1e-9) < 1) r.fail([...at, 'it'], `${itMW} MW holds no ${nodePowerKW} kW node`, 'an IT power of at least one node');
  const phases = readPhases(r, [...at, 'phases'], horizonH);
  if (phases && r.has([...at, 'online'])) r.fail([...at, 'online'], 'both online and phases were given', 'one of them: phases set the online date of each part of the hall');
  const onlineH = phases ? phases[0].atH : r.read([...at, 'online'], { within: { max: horizonH } });
  const gpusPerNode = r.read([...at, 'node', 'gpus']);
  const hallGpus = gpuCloudNodes({ itMW, nodePowerKW } as GpuCloudConfig) * gpusPerNode;
  return {
    itMW,
    pue: r.read([...at, 'pue']),
    gpusPerNode,
    nodePowerKW,
    idlePowerShare: r.read([...at, 'node', 'idleShare']),
    nodePriceUSD: r.read([...at, 'node', 'price']),
    hallUSDPerMW: r.read([...at, 'hallCapex']),
    onlineH,
    phases: phases ?? [{ atH: onlineH, share: 1 }],
    ...(r.has([...at, 'hallFailures']) ? { hallFailures: readHallFailures(r, [...at, 'hallFailures']) } : {}),
    buildH: r.read([...at, 'build']),
    convertsMiningMW: r.read([...at, 'convertsMining']),
    gpuMtbfH: r.read([...at, 'node', 'mtbf']),
    repairMeanH: r.read([...at, 'node', 'repair']),
    policy: (r.raw([...at, 'scheduler', 'policy']) as GpuCloudConfig['policy'] | undefined) ?? 'easy-backfill',
    backfillDepth: r.read([...at, 'scheduler', 'backfillDepth']),
    ...(r.has([...at, 'reserved']) ? { reserved: readReserved(r, [...at, 'reserved'], horizonH - onlineH, calendar) } : {}),
    ...(r.has([...at, 'training']) ? { training: readTraining(r, [...at, 'training'], calendar, hallGpus) } : {}),
    ...(r.has([...at, 'inference']) ? { inference: readInference(r, [...at, 'inference'], calendar) } : {}),
  };
}

/** Correlated hall failures: a rate a year, a lognormal duration, and the share of nodes each takes down. */
function readHallFailures(r: ScenarioReader, at: KeyPath): NonNullable<GpuCloudConfig['hallFailures']> {
  const meanHours = r.read([...at, 'duration']);
  return {
    spec: { perYear: r.read([...at, 'rate']), meanHours, sdHours: r.read([...at, 'durationSd'], { fallback: meanHours }) },
    lostShare: r.read([...at, 'lost']),
  };
}

/**
 * Phases, each installing more of the hall, the last all of it: the first at its `online` date,
 * each later one `after` the one before — so they stay in order whatever delays are drawn.
 */
function readPhases(r: ScenarioReader, at: KeyPath, horizonH: number): Array<{ atH: number; share: number }> | undefined {
  const list = r.raw(at) as unknown[] | undefined;
  if (list === undefined) return undefined;
  const phases: Array<{ atH: number; share: number }> = [];
  list.forEach((_, i) => {
    const here = [...at, i];
    if (i === 0 && r.has([...here, 'after'])) r.fail([...here, 'after'], 'the first phase has no phase before it', "'online', the date it runs");
    if (i > 0 && r.has([...here, 'online'])) r.fail([...here, 'online'], 'a later phase is dated from the one before', "'after', e.g. '12 months'");
    const atH = i === 0 ? r.read([...here, 'online'], { within: { max: horizonH } }) : phases[i - 1].atH + r.read([...here, 'after']);
    const share = r.read([...here, 'share']);
    if (i > 0 && !(share > phases[i - 1].share)) r.fail([...here, 'share'], `${share} is not more than the previous phase's ${phases[i - 1].share}`, 'a share that grows from phase to phase');
    phases.push({ atH, share });
  });
  if (phases[phases.length - 1].share !== 1) r.fail([...at, phases.length - 1, 'share'], `the last phase installs ${phases[phases.length - 1].share} of the hall`, 'a last phase of share 1 (the whole hall)');
  return phases;
}

function readReserved(r: ScenarioReader, at: KeyPath, untilHorizonH: number, calendar: CalendarMonths): NonNullable<GpuCloudConfig['reserved']> {
  return {
    share: r.read([...at, 'share']),
    priceUSDPerGPUH: r.read([...at, 'price']),
    termH: r.read([...at, 'term'], { fallback: Math.max(untilHorizonH, 1) }),
    renewal: r.read([...at, 'renewal']),
    ...(r.has([...at, 'renewalPrice']) ? { renewalPrice: priceByMonth(r, [...at, 'renewalPrice'], calendar) } : {}),
  };
}

function readTraining(r: ScenarioReader, at: KeyPath, calendar: CalendarMonths, hallGpus: number): NonNullable<GpuCloudConfig['training']> {
  const gpus = r.raw([...at, 'gpus', 'values']) as number[] | undefined ?? [8, 16, 32, 64, 128, 256, 512, 1024];
  // A job wider than the whole hall waits for ever: the study would run, and quietly never serve it.
  const widest = gpus.indexOf(Math.max(...gpus));
  if (gpus[widest] > hallGpus) {
    const written = r.has([...at, 'gpus', 'values']);
    const job = `${written ? 'a' : 'the default mix has a'} ${gpus[widest].toLocaleString('en-US')}-GPU job, wider than the hall's ${hallGpus.toLocaleString('en-US')} GPUs: it would never run`;
    r.fail(written ? [...at, 'gpus', 'values', widest] : at, job, `${written ? '' : 'gpus: { values, probabilities } with '}jobs of at most ${hallGpus.toLocaleString('en-US')} GPUs, or a bigger hall`);
  }
  const probabilities = r.raw([...at, 'gpus', 'probabilities']) as number[] | undefined ?? [0.3, 0.2, 0.15, 0.15, 0.1, 0.05, 0.03, 0.02];
  if (gpus.length !== probabilities.length) {
    r.fail([...at, 'gpus', 'probabilities'], `${probabilities.length} probabilities for ${gpus.length} values`, 'one probability per value');
  }
  const total = probabilities.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-6) r.fail([...at, 'gpus', 'probabilities'], `they sum to ${+total.toPrecision(12)}`, 'probabilities that sum to 1');
  const meanDurationH = r.read([...at, 'duration', 'mean']);
  return {
    jobsPerYear: r.read([...at, 'jobsPerYear']),
    arrivalCV: r.read([...at, 'arrivalCV']),
    gpus,
    probabilities,
    meanDurationH,
    sdDurationH: r.read([...at, 'duration', 'sd'], { fallback: 2 * meanDurationH }),
    checkpointH: r.read([...at, 'checkpoint']),
    patienceH: r.read([...at, 'patience']),
    price: priceByMonth(r, [...at, 'price'], calendar),
  };
}

function readInference(r: ScenarioReader, at: KeyPath, calendar: CalendarMonths): NonNullable<GpuCloudConfig['inference']> {
  return {
    share: r.read([...at, 'share']),
    hourOfDay: (r.raw([...at, 'hourOfDay']) as number[] | undefined) ?? DEFAULT_INFERENCE_HOUR_OF_DAY,
    growthPerYear: r.read([...at, 'growth']),
    price: priceByMonth(r, [...at, 'price'], calendar),
    creditUSDPerGPUHMissed: r.read([...at, 'credit']),
  };
}

/**
 * A price per GPU-hour that may be an expression of time, tabulated at each calendar month's start
 * (price indices are quoted monthly) so the hall's hot path reads an array, not the expression. A
 * negative price anywhere is refused.
 */
function priceByMonth(r: ScenarioReader, path: KeyPath, calendar: CalendarMonths): GpuHourPrice {
  const raw = r.raw(path);
  if (typeof raw !== 'string' || isDistribution(raw)) return priceTable(r, path, calendar);
  // An expression's table depends only on its text, the horizon and the named inputs it uses:
  // built once per file, or once per draw of those inputs.
  const uses = r.compiled(path, raw, ['t', 'years'], 'a price per GPU-hour').uses;
  // At load, the price must stay a price ≥ 0 over the horizon at every corner of the inputs' ranges.
  for (const corner of r.namedCorners(uses)) priceTable(r, path, calendar, corner);
  const scope = r.namedScope(uses);
  const horizon = `${calendar.startUnixSeconds}\u0000${calendar.boundsH[calendar.count]}`;
  return r.memo(`priceByMonth\u0000${raw}\u0000${horizon}\u0000${Object.values(scope).join(',')}`, () => priceTable(r, path, calendar), r.drawnAmong(Object.keys(scope)));
}

function priceTable(r: ScenarioReader, path: KeyPath, calendar: CalendarMonths, corner?: Record<string, number>): GpuHourPrice {
  const price = r.timeQuantity(path, 'gpuHourPrice', corner);
  const when = corner ? ` when ${Object.entries(corner).map(([k, v]) => `${k} = ${Number(v.toPrecision(6))}`).join(', ')}` : '';
  const expected = 'a price ≥ 0 at every time in the horizon, for every value the inputs can draw';
  if (price.constant !== undefined) {
    const constant = price.constant;
    if (constant < 0) r.fail(path, `the price is ${Number(constant.toPrecision(6))} USD/GPU/h${when}`, expected);
    return () => constant;
  }
  // Each month's price at its first hour (the horizon's start for a partial first month) ...
  const months = calendar.count;
  const monthly = new Float64Array(months);
  for (let m = 0; m < months; m++) {
    monthly[m] = price.at(calendar.boundsH[m]);
    if (!(monthly[m] >= 0)) r.fail(path, `the price is ${Number(monthly[m].toPrecision(6))} USD/GPU/h in ${calendar.label(m).slice(0, 7)}${when}`, expected);
  }
  // ... read by day, as months begin at midnight: an array index on the hot path, not a search.
  const days = Math.ceil(calendar.boundsH[months] / HOURS_PER_DAY);
  const byDay = new Float64Array(days);
  for (let d = 0; d < days; d++) byDay[d] = monthly[calendar.monthAt(d * HOURS_PER_DAY)];
  const last = days - 1;
  return (tH) => byDay[Math.min(last, Math.max(0, Math.floor(tH / HOURS_PER_DAY)))];
}
