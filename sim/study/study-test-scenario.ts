/**
 * A small study for the tests of a study and of its report: three years, three layouts (a GPU hall
 * among them, so a layout-specific chart is drawn), a drawn power price.
 */
import { parseScenario } from '../scenario/load.js';

// Studies with workers load the scenario from its file, so the tests use the shipped one (2 years to stay quick).
export const SCENARIO_TEXT = `name: study-test
horizon: { start: 2026-01-01, years: 3 }
study: { replications: 20, seed: 5, baseline: small }
market:
  btc: { model: gbm, price: 90000 USD, volatility: 0.6 }
network: { hashrate: 1050 EH/s, difficulty: 148.26e12, height: 1000000, campusCounts: false }
site:
  grid: 200 MW
  powerPrice: uniform(30 USD/MWh, 50 USD/MWh)
mining:
  asic: { hashrate: 200 TH/s, power: 3500 W }
  capacity: 70 MW
  poolFee: 0.02
variants:
  small: {}
  big: { mining: { capacity: 175 MW } }
  hall:
    gpuCloud:
      it: 0.204 MW
      online: 6 months
      reserved: { share: 0.5, price: 2 USD/GPU/h }
      training: { jobsPerYear: 400, gpus: { values: [8, 16], probabilities: [0.5, 0.5] }, duration: { mean: 20 h }, price: 2.5 * 0.9^years USD/GPU/h }
      inference: { share: 0.1, price: 2 USD/GPU/h }
`;
export const SCENARIO = parseScenario('study-test.yaml', SCENARIO_TEXT);
