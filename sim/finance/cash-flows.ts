/**
 * Investment measures of a monthly cash-flow series. Index k is the end of month k; index 0 is the
 * start (where up-front capex sits). An annual rate r discounts month k by (1 + r)^(−k/12), so a
 * series in which 100 grows to 121 over 24 months has an IRR of exactly 10 % a year.
 */

/** Net present value at `annualRate`: Σ flows[k] · (1 + r)^(−k/12). */
export function npv(flows: ArrayLike<number>, annualRate: number): number {
  const monthly = Math.pow(1 + annualRate, -1 / 12);
  let factor = 1, sum = 0;
  for (let k = 0; k < flows.length; k++) {
    sum += flows[k] * factor;
    factor *= monthly;
  }
  return sum;
}

/**
 * Internal rate of return (annual) of an investment: outlays first (the first non-zero flow is
 * negative), and a rate at which the NPV is zero that is the only one — so that "IRR above the
 * discount rate" means exactly "NPV above zero". Unique when the flows change sign once (Descartes'
 * rule of signs; the root may be below zero) or, failing that, when the cumulative cash changes sign
 * once (Norström 1972: exactly one root above zero). Found by bisection; NaN otherwise, and for a
 * series that starts with money in (a loan's IRR reads the other way round).
 */
export function irr(flows: ArrayLike<number>): number {
  const first = firstNonZero(flows);
  if (!(first < 0)) return NaN;
  if (signChanges(flows) === 1) return bisectRoot(flows, -0.99, 10);
  // Norström: cumulative cash −…− +…+ with one change ⇒ one root in (0, ∞); search there only, as
  // rates below zero may zero the NPV too.
  if (signChanges(cumulative(flows)) === 1) return bisectRoot(flows, 0, 10);
  return NaN;
}

/** The annual rate in (lo, hi) at which the NPV of `flows` is zero, by bisection; NaN if the NPV does not change sign there. */
function bisectRoot(flows: ArrayLike<number>, lo: number, hi: number): number {
  let fLo = npv(flows, lo), fHi = npv(flows, hi);
  if (!(fLo * fHi < 0)) return fLo === 0 ? lo : fHi === 0 ? hi : NaN;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = 0.5 * (lo + hi);
    const f = npv(flows, mid);
    if (f === 0) return mid;
    if (f * fLo < 0) {
      hi = mid;
      fHi = f;
    } else {
      lo = mid;
      fLo = f;
    }
  }
  return 0.5 * (lo + hi);
}

function firstNonZero(flows: ArrayLike<number>): number {
  for (let k = 0; k < flows.length; k++) if (flows[k] !== 0) return flows[k];
  return 0;
}

function cumulative(flows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(flows.length);
  let sum = 0;
  for (let k = 0; k < flows.length; k++) out[k] = sum += flows[k];
  return out;
}

/** Changes of sign along the series, zeros skipped. */
export function signChanges(flows: ArrayLike<number>): number {
  let changes = 0, last = 0;
  for (let k = 0; k < flows.length; k++) {
    const sign = Math.sign(flows[k]);
    if (sign === 0) continue;
    if (last !== 0 && sign !== last) changes++;
    last = sign;
  }
  return changes;
}

/**
 * Years until the cumulative cash first gets back to zero after going negative, interpolating within
 * the month (flows spread evenly over it). 0 when it never goes negative; NaN when it never recovers.
 */
export function paybackYears(flows: ArrayLike<number>): number {
  let cumulative = 0, wentNegative = false;
  for (let k = 0; k < flows.length; k++) {
    const before = cumulative;
    cumulative += flows[k];
    if (cumulative < 0) wentNegative = true;
    if (wentNegative && before < 0 && cumulative >= 0) {
      // Month k's flow arrives over month k: interpolate where the running total crosses zero.
      const fraction = flows[k] !== 0 ? -before / flows[k] : 0;
      return (k - 1 + fraction) / 12;
    }
  }
  return wentNegative ? NaN : 0;
}

/** The lowest the cumulative cash goes (0 if it never dips): the funding a plan needs. */
export function minimumCash(flows: ArrayLike<number>): number {
  let cumulative = 0, min = 0;
  for (let k = 0; k < flows.length; k++) {
    cumulative += flows[k];
    if (cumulative < min) min = cumulative;
  }
  return min;
}

/**
 * The monthly cash flows of debt from the borrower's side: the amount in at the start, interest
 * (rate ÷ 12 of the principal) at each month's end, the principal repaid at the month boundary on
 * or after maturity — or, if that is beyond the `months` of the horizon, owed at its end.
 */
export function debtFlows(amountUSD: number, ratePerYear: number, maturityMonths: number, months: number): { flows: Float64Array; interestUSD: number } {
  const flows = new Float64Array(months + 1);
  flows[0] = amountUSD;
  const due = Math.min(months, Math.ceil(maturityMonths - 1e-9));
  const monthlyInterestUSD = (amountUSD * ratePerYear) / 12;
  for (let m = 1; m <= due; m++) flows[m] -= monthlyInterestUSD;
  flows[due] -= amountUSD;
  return { flows, interestUSD: monthlyInterestUSD * due };
}
