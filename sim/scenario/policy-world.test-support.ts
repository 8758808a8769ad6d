/** The world and campus the decision rules' reading tests share: five years, a 40 MW fleet on a 60 MW grid. */
export const POLICY_WORLD = `horizon: { start: 2026-01-01, years: 5 }
market: { btc: { model: gbm, price: 90000 USD, volatility: 0.5 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000, campusCounts: false }
site: { grid: 60 MW, powerPrice: 45 USD/MWh }
mining: { asic: { hashrate: 270 TH/s, power: 3645 W }, capacity: 40 MW }`;
