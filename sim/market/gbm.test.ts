import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomStream } from '../core/stream.js';
import { gbmPath } from './gbm.js';

const K = 4; // standard errors allowed; fixed seeds make the outcome fixed

test('GBM: mean price S₀e^{μT} and log-variance σ²T at the horizon match theory', () => {
  const p = { priceUSD: 90_000, driftPerYear: 0.1, volatilityPerSqrtYear: 0.5 };
  const stepH = 24 * 7, horizonH = 104 * stepH; // two years, to the week
  const n = 20_000;
  const finals = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const path = gbmPath(p, horizonH, stepH, randomStream(1, r, 'gbm-test'));
    // The path holds one point per step plus the start; read the price at exactly the horizon.
    finals[r] = path[horizonH / stepH];
  }
  const T = horizonH / 8766;
  const expectedMean = p.priceUSD * Math.exp(p.driftPerYear * T);
  const expectedSd = expectedMean * Math.sqrt(Math.expm1(p.volatilityPerSqrtYear ** 2 * T));
  const mean = finals.reduce((a, b) => a + b, 0) / n;
  assert.ok(Math.abs(mean - expectedMean) < K * expectedSd / Math.sqrt(n), `mean ${mean} vs ${expectedMean}`);

  const logs = Array.from(finals, (x) => Math.log(x / p.priceUSD));
  const logMean = logs.reduce((a, b) => a + b, 0) / n;
  const logVar = logs.reduce((a, b) => a + (b - logMean) ** 2, 0) / (n - 1);
  const sigma2T = p.volatilityPerSqrtYear ** 2 * T;
  // For normal data Var(s²) = 2σ⁴/(n−1).
  assert.ok(Math.abs(logVar - sigma2T) < K * sigma2T * Math.sqrt(2 / (n - 1)), `log-variance ${logVar} vs ${sigma2T}`);
  const expectedLogMean = (p.driftPerYear - 0.5 * p.volatilityPerSqrtYear ** 2) * T;
  assert.ok(Math.abs(logMean - expectedLogMean) < K * Math.sqrt(sigma2T / n), `log-mean ${logMean} vs ${expectedLogMean}`);
});

test('GBM: zero volatility gives the deterministic exponential path', () => {
  const path = gbmPath({ priceUSD: 100, driftPerYear: 0.2, volatilityPerSqrtYear: 0 }, 8766, 24, randomStream(1, 0, 'x'));
  assert.is(path.length, Math.ceil(8766 / 24) + 1);
  assert.ok(Math.abs(path[365] - 100 * Math.exp(0.2 * (365 * 24) / 8766)) < 1e-9);
});

test.run();
