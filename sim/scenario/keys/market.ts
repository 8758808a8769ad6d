/** The BTC market (`market`): the price path and transaction fees, shared by every variant. */
import { json, list, number, oneOf, quantity, section, string } from './define.js';

export const MARKET = section({
  btc: section({
    model: oneOf(['gbm', 'merton', 'kou', 'regime-switching', 'bootstrap'], 'gbm; merton (lognormal jumps); kou (double-exponential jumps); regime-switching (Markov chain over regimes); bootstrap (blocks of historical monthly returns).'),
    price: quantity('money', { plausible: [{ lo: 1000, hi: 10_000_000, unit: 'USD', what: 'a BTC price', source: 'month-end closes 2020–2025: 9,000–126,000 USD' }], description: 'BTC price at the start, e.g. "88364 USD".' }),
    drift: number({ default: 0, description: 'gbm, merton, kou: annual drift μ of the price, E[S(t)] = S(0)·exp(μt); default 0.' }),
    volatility: number({ min: 0, plausible: [{ lo: 0.05, hi: 3, unit: '/√year', what: 'an annual volatility of BTC', source: '40–55 % (2023–24), 120–150 % at the 2017 peak' }], description: 'gbm, merton, kou: annualised volatility σ of the diffusion, e.g. 0.5.' }),
    stepDays: number({ max: 366, above: 0, default: 1, schemaBounds: ['above'], description: 'Days between price steps; default 1.' }),
    jumps: number({ description: 'merton, kou: jumps per year.' }),
    jumpMean: number({ description: 'merton: mean of the log jump size.' }),
    jumpSd: number({ description: 'merton: standard deviation of the log jump size.' }),
    upProbability: number({ description: 'kou: probability that a jump is upward.' }),
    upRate: number({ description: 'kou: rate η₁ > 1 of upward log jumps (mean size 1/η₁).' }),
    downRate: number({ description: 'kou: rate η₂ > 0 of downward log jumps (mean size 1/η₂).' }),
    regimes: list(section({
      name: string(),
      drift: number(),
      volatility: number()
    }, { required: ['name', 'drift', 'volatility'] }), { description: 'regime-switching: the regimes, each with its drift and volatility.', minItems: 1 }),
    rates: json({ type: 'array', items: { type: 'array', items: { type: 'number' } } }, 'regime-switching: generator matrix per year; rates[i][j] is the rate of switching i → j, each row sums to 0.'),
    initial: string('regime-switching: name of the regime at the start (default: the first).'),
    history: string('bootstrap: CSV of month-end closes, relative to the scenario file (default: the shipped 2010–2025 closes).'),
    from: string('bootstrap: first month of the history window, YYYY-MM (the 2010–2013 months are extreme).', { pattern: '^\\d{4}-\\d{2}$' }),
    to: string('bootstrap: last month of the history window, YYYY-MM.', { pattern: '^\\d{4}-\\d{2}$' }),
    blockMonths: number({ integer: true, default: 6, description: 'bootstrap: months per resampled block; default 6.' })
  }, { required: ['model', 'price'], description: 'BTC price model. Parameters a model does not use are refused.' }),
  fees: section({
    median: number({ default: 0.0055, description: 'Long-run median share, e.g. 0.0055 (Jan 2026).' }),
    reversion: number({ default: 4, description: 'Reversion rate per year; default 4.' }),
    volatility: number({ min: 0, default: 1, description: 'Volatility of the logit per √year; default 1. 0 holds the share at the median.' })
  }, { description: 'Transaction fees as a share of the miner reward: mean-reverting on the logit scale.' })
}, { required: ['btc'], description: 'The BTC market: price path and transaction fees. Shared by every variant.' });
