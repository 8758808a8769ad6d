/**
 * Plain words for what the report names: a scenario key path becomes "GPU hall opens after", a
 * variant-specific input "gpu-cloud: GPU hall phase 1 opens after", and a value in the simulator's
 * units becomes one with the unit a planner reads (months, not hours; a percentage change, not a log
 * return; million USD).
 */

/** Key paths (their tail, after any `variants.<name>.`) that read better said another way. */
const KNOWN: ReadonlyArray<readonly [RegExp, (m: RegExpMatchArray) => string]> = [
  [/^market\.btc\.volatility$/, () => 'BTC volatility'],
  [/^market\.btc\.drift$/, () => 'BTC drift'],
  [/^market\.btc\.price$/, () => 'BTC price at the start'],
  [/^market\.btc\.jumps$/, () => 'BTC jumps a year'],
  [/^network\.fleet\.powerCost\.median$/, () => 'network’s median power cost'],
  [/^network\.fleet\.powerCost\.spread$/, () => 'spread of the network’s power costs'],
  [/^network\.volatility$/, () => 'network hashrate shocks'],
  [/^network\.growth$/, () => 'network growth'],
  [/^site\.powerPrice$/, () => 'power price'],
  [/^site\.spot\.median$/, () => 'median spot power price'],
  [/^site\.grid$/, () => 'grid connection'],
  [/^lease\.online$/, () => 'leased hall opens after'],
  [/^lease\.rent$/, () => 'lease rent'],
  [/^gpuCloud\.online$/, () => 'GPU hall opens after'],
  [/^gpuCloud\.build$/, () => 'GPU hall build time'],
  [/^gpuCloud\.it$/, () => 'GPU hall IT power'],
  [/^gpuCloud\.phases\.(\d+)\.online$/, (m) => `GPU hall phase ${Number(m[1]) + 1} opens after`],
  [/^gpuCloud\.phases\.(\d+)\.after$/, (m) => `GPU hall phase ${Number(m[1]) + 1} follows after`],
  [/^mining\.capacity$/, () => 'mining capacity'],
  [/^finance\.discountRate$/, () => 'discount rate'],
];

const ACRONYMS: Record<string, string> = { gpu: 'GPU', btc: 'BTC', it: 'IT', pue: 'PUE', ppa: 'PPA', sla: 'SLA', asic: 'ASIC', usd: 'USD', mw: 'MW', cp: 'CP', dr: 'DR' };

/** camelCase and dotted keys as words: "gpuCloud.training.jobsPerYear" → "GPU cloud training jobs per year". */
export function words(key: string): string {
  return key
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .flatMap((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_-]+/))
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase())
    .join(' ');
}

/**
 * Each input's key path in plain words; an input of one layout is named with its layout only when
 * another input would read the same ("gpu-cloud: GPU hall opens after" beside "balanced: …").
 */
export function inputLabels(ids: readonly string[]): Map<string, string> {
  const plain = ids.map((id) => inputLabel(id, false));
  return new Map(ids.map((id, i) => [id, plain.filter((p) => p === plain[i]).length > 1 ? inputLabel(id) : plain[i]]));
}

/** An uncertain input's key path in plain words, with the layout it belongs to, if any (and `withLayout`). */
export function inputLabel(id: string, withLayout = true): string {
  const variant = /^variants\.([^.]+)\.(.+)$/.exec(id);
  const path = variant ? variant[2] : id;
  const named = /^inputs\.(.+)$/.exec(path);
  let label = named ? words(named[1]) : words(path);
  for (const [pattern, say] of KNOWN) {
    const m = pattern.exec(path);
    if (m) {
      label = say(m);
      break;
    }
  }
  return variant && withLayout ? `${variant[1]}: ${label}` : label;
}

const HOURS_PER_MONTH = 8766 / 12;

const significant = (x: number, digits = 3): string => Number(x.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 6 });

/** A value in the simulator's canonical `unit` as a planner reads it. */
export function formatValue(x: number, unit: string | undefined): string {
  if (!Number.isFinite(x)) return '—';
  switch (unit) {
    case 'h':
      return Math.abs(x) >= 2 * HOURS_PER_MONTH ? `${(x / HOURS_PER_MONTH).toFixed(1)} months` : `${significant(x)} hours`;
    case 'log change': {
      const pct = (Math.exp(x) - 1) * 100;
      return `${pct >= 0 ? '+' : '−'}${Math.abs(pct).toFixed(0)} %`;
    }
    case 'USD':
      return `${significant(x / 1e6)} million USD`;
    case undefined:
      return significant(x);
    default:
      return `${significant(x)} ${unit}`;
  }
}

/** Million USD with one decimal and a sign: "+12.3", "−4.0". */
export const signedMillions = (usd: number): string => `${usd >= 0 ? '+' : '−'}${Math.abs(usd / 1e6).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}`;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The calendar month a day falls nearest the start of, as [year, month 0–11]. */
function nearestMonth(day: string): [number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return d >= 16 ? (m === 12 ? [y + 1, 0] : [y, m]) : [y, m - 1];
}

/**
 * A year of the horizon as a planner names it: "2027" when it is a calendar year, "2026–27" when it
 * starts in another month, "May–Oct 2026" when it is part of a year. (Years of the horizon are 365.25
 * days from its start, so their ends are read to the nearest month.)
 */
export function periodLabel(period: { label: string; from?: string; to?: string }): string {
  if (!period.from || !period.to) return 'at the horizon';
  const [y0, m0] = nearestMonth(period.from);
  const next = new Date(Date.parse(`${period.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  let [y1, m1] = nearestMonth(next);
  // The last month it covers: the one before the month the next period starts.
  m1 -= 1;
  if (m1 < 0) [y1, m1] = [y1 - 1, 11];
  const span = (y1 - y0) * 12 + m1 - m0 + 1;
  if (span >= 12 && m0 === 0) return `${y0}`;
  if (span >= 12) return `${y0}–${String((y0 + 1) % 100).padStart(2, '0')}`;
  return y0 === y1 ? `${MONTHS[m0]}–${MONTHS[m1]} ${y0}` : `${MONTHS[m0]} ${y0}–${MONTHS[m1]} ${y1}`;
}
