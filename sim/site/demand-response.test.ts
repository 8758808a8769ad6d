import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomStream } from '../core/stream.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import { monthSpans } from './calendar.js';
import {
  combineFlags,
  DEFAULT_FOUR_CP,
  DR_FOUR_CP,
  DR_PRICE,
  type FourCpSpec,
  fourCpCreditUSD,
  fourCpPlan,
  priceResponseCreditUSD,
  priceResponseFlags,
  systemLoadProxy,
} from './demand-response.js';
import { CENTRAL_TEXAS_WEATHER, weatherSeries } from './weather.js';

const START = Date.UTC(2026, 0, 1) / 1000;
const HOURS = 2 * HOURS_PER_YEAR;
const summer = monthSpans(START, HOURS).filter((m) => m.month >= 5 && m.month <= 8);
const weathers = new Map<number, Float64Array>();
const weather = (r: number): Float64Array => {
  if (!weathers.has(r)) weathers.set(r, weatherSeries(CENTRAL_TEXAS_WEATHER, HOURS, 0, randomStream(31, r, 'site.weather')).dryBulbC);
  return weathers.get(r)!;
};

test('the load proxy follows its formula: daily shape × (1 + c · cooling degrees)', () => {
  const t = new Float64Array([10, 30, 30]);
  const s: FourCpSpec = { ...DEFAULT_FOUR_CP, peakHourOfDay: 1 };
  const load = systemLoadProxy(s, t);
  // Hour 0 is an hour before the peak; hour 1 is the peak; hour 2 an hour after.
  const shape = (k: number) => 1 + 0.2 * Math.cos((2 * Math.PI * (k - 1)) / 24);
  assert.ok(Math.abs(load[0] - shape(0)) < 1e-12, 'no cooling load below the balance point');
  assert.ok(Math.abs(load[1] - 1.2 * (1 + 0.03 * 12)) < 1e-12);
  assert.ok(Math.abs(load[2] - shape(2) * 1.36) < 1e-12);
});

test('4CP with a perfect forecast: k flagged hours a summer month, only in summer, always on the actual peak', () => {
  const t = weather(0);
  const plan = fourCpPlan({ ...DEFAULT_FOUR_CP, forecastErrorSd: 0, alertHoursPerMonth: 3 }, t, START, randomStream(31, 0, 'site.dr'));
  const load = systemLoadProxy(DEFAULT_FOUR_CP, t);
  assert.is(plan.peakH.length, 8, 'two summers of four months');
  summer.forEach((m, i) => {
    let flagged = 0, peak = m.startH;
    for (let h = m.startH; h < m.endH; h++) {
      flagged += plan.flags[h];
      if (load[h] > load[peak]) peak = h;
    }
    assert.is(flagged, 3, `${m.year}-${m.month + 1}`);
    // With no error the flagged hours are the month's three highest loads, by brute force.
    const top = Array.from({ length: m.endH - m.startH }, (_, i) => m.startH + i).sort((a, b) => load[b] - load[a] || a - b).slice(0, 3);
    assert.ok(top.every((h) => plan.flags[h] === DR_FOUR_CP), 'the top three');
    assert.is(plan.peakH[i], peak, 'the peak is the month’s highest load');
    assert.is(plan.flags[peak], DR_FOUR_CP, 'and it is curtailed');
    // A summer peak comes in the afternoon or early evening.
    assert.ok(peak % 24 >= 13 && peak % 24 <= 19, `peak at ${peak % 24}:00`);
  });
  const inSummer = summer.reduce((a, m) => a + m.endH - m.startH, 0);
  let outside = 0;
  for (let h = 0; h < HOURS; h++) if (plan.flags[h] && !summer.some((m) => h >= m.startH && h < m.endH)) outside++;
  assert.is(outside, 0, `no flags outside June–September (${inSummer} summer hours)`);
});

test('4CP with forecast error: more alert hours catch more peaks, on nested plans; a worse forecast catches fewer', () => {
  const hits = (k: number, sd: number) => {
    let caught = 0, months = 0;
    for (let r = 0; r < 25; r++) {
      const t = weather(r);
      const spec = { ...DEFAULT_FOUR_CP, alertHoursPerMonth: k, forecastErrorSd: sd };
      const plan = fourCpPlan(spec, t, START, randomStream(31, r, 'site.dr'));
      const wider = fourCpPlan({ ...spec, alertHoursPerMonth: 4 * k }, t, START, randomStream(31, r, 'site.dr'));
      for (let h = 0; h < HOURS; h++) if (plan.flags[h]) assert.is(wider.flags[h], DR_FOUR_CP, 'k hours ⊂ 4k hours');
      for (const p of plan.peakH) caught += plan.flags[p];
      months += plan.peakH.length;
    }
    return caught / months;
  };
  const narrow = hits(1, 0.03), wide = hits(8, 0.03), blind = hits(8, 0.5);
  // 200 summer months each: a binomial share has sd ≤ 0.5/√200 = 0.035, so these gaps are many sd.
  assert.ok(wide > narrow + 0.15, `k = 8 catches ${wide}, k = 1 ${narrow}`);
  assert.ok(blind < wide - 0.15, `a 50 % forecast error catches ${blind}, 3 % catches ${wide}`);
  assert.ok(narrow < 1, 'a 3 % error misses some peaks with one alert hour');
});

test('price trigger: flags exactly the hours at or above the threshold; credits by the stated rules', () => {
  const spot = new Float64Array([20, 199.99, 200, 800, 50]);
  const flags = priceResponseFlags({ thresholdUSDPerMWh: 200, creditUSDPerMWh: 30 }, spot);
  assert.equal(Array.from(flags), [0, 0, DR_PRICE, DR_PRICE, 0]);
  const both = combineFlags(new Uint8Array([0, 1, 1, 0, 0]), flags);
  assert.equal(Array.from(both), [0, DR_FOUR_CP, DR_FOUR_CP | DR_PRICE, DR_PRICE, 0]);
  assert.is(priceResponseCreditUSD({ thresholdUSDPerMWh: 200, creditUSDPerMWh: 30 }, 12.5), 375);
  // 1 MW off all four peaks avoids a full year's charge on 1 MW: 76 USD/kW-year × 1000 kW.
  const credit = [0, 1, 2, 3].reduce((a) => a + fourCpCreditUSD(DEFAULT_FOUR_CP, 1), 0);
  assert.ok(Math.abs(credit - 76_000) < 1e-9);
});

test('bad demand-response input names the field', () => {
  const t = new Float64Array(48);
  assert.throws(() => fourCpPlan({ ...DEFAULT_FOUR_CP, alertHoursPerMonth: 2.5 }, t, START, randomStream(1, 0, 'x')), /demandResponse: fourCp\.alertHoursPerMonth must be a whole number of hours in \[0, 720\], got 2\.5/);
  assert.throws(() => priceResponseFlags({ thresholdUSDPerMWh: 100, creditUSDPerMWh: -1 }, t), /demandResponse: price\.creditUSDPerMWh must be a credit ≥ 0 USD\/MWh, got -1/);
});

test.run();
