/**
 * Nelder–Mead simplex minimisation (Nelder & Mead, Computer Journal 7, 1965) with the standard
 * coefficients — reflection 1, expansion 2, contraction ½, shrink ½ — and Lagarias et al.'s ordering
 * and stopping rules (SIAM J. Optim. 9(1), 1998). Derivative-free, so it copes with an objective that
 * is only piecewise smooth (a simulation on a grid). Deterministic: the same start gives the same path.
 */

export interface NelderMeadOptions {
  /** Initial simplex: x0 plus step[i] along axis i (default 0.1 on every axis). */
  step?: readonly number[];
  /** Stop when the simplex's values span less than this (default 1e-8) and its points lie within `xTolerance`. */
  fTolerance?: number;
  xTolerance?: number;
  maxEvaluations?: number;
}

export interface NelderMeadResult {
  x: number[];
  value: number;
  evaluations: number;
  /** True when the tolerances were met, false when the evaluation budget ran out. */
  converged: boolean;
}

export function nelderMead(f: (x: readonly number[]) => number, x0: readonly number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const n = x0.length;
  const fTol = options.fTolerance ?? 1e-8;
  const xTol = options.xTolerance ?? 1e-6;
  const maxEvaluations = options.maxEvaluations ?? 200 * n * n;
  let evaluations = 0;
  const value = (x: number[]) => {
    evaluations++;
    const y = f(x);
    return Number.isNaN(y) ? Infinity : y;
  };
  const points: number[][] = [[...x0]];
  for (let i = 0; i < n; i++) {
    const p = [...x0];
    p[i] += options.step?.[i] ?? 0.1;
    points.push(p);
  }
  let values = points.map(value);
  const along = (from: number[], to: number[], t: number) => from.map((a, i) => a + t * (to[i] - a));

  for (;;) {
    // Order best first; ties keep their earlier position (Lagarias et al.).
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
    const sorted = order.map((i) => points[i]);
    values = order.map((i) => values[i]);
    points.splice(0, points.length, ...sorted);
    const spanF = values[n] - values[0];
    const spanX = Math.max(...points.slice(1).map((p) => Math.max(...p.map((x, i) => Math.abs(x - points[0][i])))));
    if (spanF <= fTol && spanX <= xTol) return { x: points[0], value: values[0], evaluations, converged: true };
    if (evaluations >= maxEvaluations) return { x: points[0], value: values[0], evaluations, converged: false };

    const centroid = x0.map((_, i) => points.slice(0, n).reduce((s, p) => s + p[i], 0) / n);
    const worst = points[n];
    const reflected = along(centroid, worst, -1);
    const fr = value(reflected);
    if (fr < values[0]) {
      const expanded = along(centroid, worst, -2);
      const fe = value(expanded);
      [points[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
      continue;
    }
    if (fr < values[n - 1]) {
      [points[n], values[n]] = [reflected, fr];
      continue;
    }
    // Contract: outside when the reflection beat the worst point, inside otherwise.
    const outside = fr < values[n];
    const contracted = along(centroid, worst, outside ? -0.5 : 0.5);
    const fc = value(contracted);
    if (outside ? fc <= fr : fc < values[n]) {
      [points[n], values[n]] = [contracted, fc];
      continue;
    }
    for (let i = 1; i <= n; i++) {
      points[i] = along(points[0], points[i], 0.5);
      values[i] = value(points[i]);
    }
  }
}
