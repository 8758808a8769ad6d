/**
 * Investment measures of a monthly cash-flow series. Index k is the end of month k; index 0 is the
 * start (where up-front capex sits). Discounting counts months as periods, the convention of a
 * monthly spreadsheet model: an annual rate r discounts month k by (1 + r)^(−k/12), so a series in
 * which 100 grows to 121 over 24 months has an IRR of exactly 10 % a year — whatever the months'
 * lengths in days. A partial calendar month (a horizon starting or ending inside one) is the share of
 * a period it covers (`monthShares[m]`, its days in ÷ its days; omitted: every month whole).
 */

/** Net present value at `annualRate`: Σ flows[k] · (1 + r)^(−t_k), t_k = (monthShares[0] + … + monthShares[k − 1]) / 12 years. */
export function npv(flows: ArrayLike<number>, annualRate: number, monthShares?: ArrayLike<number>): number {
  const monthly = Math.pow(1 + annualRate, -1 / 12);
  let factor = 1, sum = 0;
  for (let k = 0; k < flows.length; k++) {
    sum += flows[k] * factor;
    const share = monthShares && k < monthShares.length ? monthShares[k] : 1;
    factor *= share === 1 ? monthly : Math.pow(monthly, share);
  }
  return sum;
}

/** Years from the start to flow index k on the discounting clock: whole months a twelfth each, a partial month its share of one. */
export function flowYears(k: number, monthShares?: ArrayLike<number>): number {
  if (!monthShares) return k / 12;
  let months = 0;
  for (let m = 0; m < k; m++) months += monthShares[m];
  return months / 12;
}

/**
 * Internal rate of return (annual) of an investment: outlays first (the first non-zero flow is
 * negative), and a rate at which the NPV is zero that is the only one — so that "IRR above the
 * discount rate" means exactly "NPV above zero". Unique when the flows change sign once (Descartes'
 * rule of signs; the root may be below zero) or, failing that, when the cumulative cash changes sign
 * once (Norström 1972: exactly one root above zero). Found by bisection; NaN otherwise, and for a
 * series that starts with money in (a loan's IRR reads the other way round).
 */
export function irr(flows: ArrayLike<number>, monthShares?: ArrayLike<number>): number {
  const first = firstNonZero(flows);
  if (!(first < 0)) return NaN;
  if (signChanges(flows) === 1) return bisectRoot(flows, monthShares, -0.99, 10);
  // Norström: cumulative cash −…− +…+ with one change ⇒ one root in (0, ∞); search there only, as
  // rates below zero may zero the NPV too.
  if (signChanges(cumulative(flows)) === 1) return bisectRoot(flows, monthShares, 0, 10);
  return NaN;
}

/** The annual rate in (lo, hi) at which the NPV of `flows` is zero, by bisection; NaN if the NPV does not change sign there. */
function bisectRoot(flows: ArrayLike<number>, monthShares: ArrayLike<number> | undefined, lo: number, hi: number): number {
  let fLo = npv(flows, lo, monthShares), fHi = npv(flows, hi, monthShares);
  if (!(fLo * fHi < 0)) return fLo === 0 ? lo : fHi === 0 ? hi : NaN;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = 0.5 * (lo + hi);
    const f = npv(flows, mid, monthShares);
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
 * the month (flows spread evenly over it), on the discounting clock. 0 when it never goes negative;
 * NaN when it never recovers.
 */
export function paybackYears(flows: ArrayLike<number>, monthShares?: ArrayLike<number>): number {
  let cumulative = 0, wentNegative = false;
  for (let k = 0; k < flows.length; k++) {
    const before = cumulative;
    cumulative += flows[k];
    if (cumulative < 0) wentNegative = true;
    if (wentNegative && before < 0 && cumulative >= 0) {
      // Month k's flow arrives over month k: interpolate where the running total crosses zero.
      const fraction = flows[k] !== 0 ? -before / flows[k] : 0;
      return flowYears(k - 1, monthShares) + (fraction * (monthShares ? monthShares[k - 1] : 1)) / 12;
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
 * (rate ÷ 12 of the principal, a partial month its share) at each month's end, the principal repaid
 * at month boundary `dueIndex` (the one on or after maturity; the horizon's end when it is beyond).
 */
export function debtFlows(amountUSD: number, ratePerYear: number, dueIndex: number, monthShares: ArrayLike<number>): { flows: Float64Array; interestUSD: number } {
  const months = monthShares.length;
  const flows = new Float64Array(months + 1);
  flows[0] = amountUSD;
  const due = Math.min(months, dueIndex);
  const monthlyInterestUSD = (amountUSD * ratePerYear) / 12;
  let interestUSD = 0;
  for (let m = 1; m <= due; m++) {
    const interest = monthlyInterestUSD * monthShares[m - 1];
    flows[m] -= interest;
    interestUSD += interest;
  }
  flows[due] -= amountUSD;
  return { flows, interestUSD };
}

/**
 * A terminal value of `terminalYears` × the last twelve months' operating net cash (flows[k] at the
 * end of month k − 1), scaled to a year when those months are fewer or partial.
 */
export function terminalValueUSD(flows: ArrayLike<number>, monthShares: ArrayLike<number>, terminalYears: number): number {
  if (terminalYears <= 0) return 0;
  const months = monthShares.length;
  const last = Math.min(12, months);
  let yearFlow = 0, covered = 0;
  for (let m = months - last; m < months; m++) {
    yearFlow += flows[m + 1];
    covered += monthShares[m];
  }
  return terminalYears * yearFlow * (12 / covered);
}
