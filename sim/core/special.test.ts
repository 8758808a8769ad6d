import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gammaFunction, logGamma, regularizedBeta, regularizedGammaP } from './special.js';
import { normalCdf, normalQuantile } from './stats/normal.js';
import { studentTCdf, studentTQuantile } from './stats/student-t.js';

const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);

test('Γ matches factorials and Γ(½) = √π', () => {
  close(gammaFunction(5), 24, 1e-11, 'Γ(5)');
  close(gammaFunction(0.5), Math.sqrt(Math.PI), 1e-13, 'Γ(½)');
  close(logGamma(101), 363.73937555556347, 1e-10, 'ln 100!');
  close(gammaFunction(0.1), 9.513507698668732, 1e-11, 'Γ(0.1)');
});

test('incomplete gamma and beta agree with closed forms', () => {
  close(regularizedGammaP(1, 2), 1 - Math.exp(-2), 1e-14, 'P(1, 2) = 1 − e⁻²');
  close(regularizedGammaP(3, 10), 1 - Math.exp(-10) * (1 + 10 + 50), 1e-14, 'P(3, 10)');
  close(regularizedBeta(0.3, 1, 1), 0.3, 1e-14, 'I₀.₃(1, 1)');
  close(regularizedBeta(0.3, 2, 1), 0.09, 1e-14, 'I₀.₃(2, 1) = x²');
  close(regularizedBeta(0.8, 2, 3), 0.9728, 1e-13, 'I₀.₈(2, 3)');
});

test('normal quantiles match the published table', () => {
  close(normalQuantile(0.975), 1.959963984540054, 1e-12, 'z.975');
  close(normalQuantile(0.995), 2.5758293035489, 1e-12, 'z.995');
  close(normalQuantile(0.001), -3.090232306167813, 1e-12, 'z.001');
  close(normalCdf(-8), 6.220960574271785e-16, 1e-27, 'Φ(−8) keeps its far tail');
});

test('Student t quantiles match the published table (df = 1, 5, 10, 30, 1000)', () => {
  close(studentTQuantile(0.975, 1), 12.706204736174707, 1e-9, 't.975,1');
  close(studentTQuantile(0.995, 5), 4.032142983557536, 1e-10, 't.995,5');
  close(studentTQuantile(0.975, 10), 2.228138851986274, 1e-10, 't.975,10');
  close(studentTQuantile(0.95, 30), 1.697260886590749, 1e-10, 't.95,30');
  close(studentTQuantile(0.025, 1000), -1.962339, 1e-6, 't.025,1000 (six-decimal table)');
  close(studentTCdf(0, 3), 0.5, 0, 'symmetry');
});

test.run();
