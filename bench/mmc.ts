/** The M/M/c validation model as a throughput figure: customers served per second. */
import { simulateMMc } from '../sim/core/mmc.js';
import { seconds } from './measure.js';

export function mmcCustomersPerSecond(customers: number): number {
  const s = seconds(() => simulateMMc({ arrivalRate: 8, serviceRate: 1, servers: 10, customers }));
  return customers / s;
}
