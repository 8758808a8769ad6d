/**
 * The M/M/c queue (M/G/c with a given service-time distribution) on the engine: the validation model for the engine, the streams and the
 * statistics (checked against Erlang C), and the shape the GPU scheduler takes later — arrivals,
 * a FIFO queue, c servers, departures that pull the next waiting customer.
 */
import { Simulation } from './engine.js';
import { Exponential } from './samplers/exponential.js';
import { type Distribution, requireParameter } from './samplers/distribution.js';
import { RunningStats } from './stats/running-stats.js';
import { TimeIntegral } from './stats/time-integral.js';
import { type RandomStream, randomStream } from './stream.js';

export interface MMcOptions {
  /** λ, customers per hour. */
  arrivalRate: number;
  /** μ, services per hour per server: service times are exponential with this rate… */
  serviceRate: number;
  /** …unless a service-time distribution (hours) is given, which makes the model M/G/c. */
  serviceTimeH?: Distribution;
  /** c, the number of servers. */
  servers: number;
  /** Customers to generate; the run ends when the last has left. */
  customers: number;
  /** Customers at the start left out of the steady-state estimates (the queue starts empty). */
  warmupCustomers?: number;
  /** Batches for the batch-means intervals of the steady-state estimates. */
  batches?: number;
  seed?: number | string;
  replication?: number;
}

/** Steady-state estimates with one value per batch, for batch-means confidence intervals. */
export interface BatchedEstimate {
  mean: number;
  batchMeans: RunningStats;
}

export interface MMcResult {
  customers: number;
  events: number;
  /** P(wait > 0) after warm-up, customer-averaged. */
  probabilityOfWait: BatchedEstimate;
  /** Wq: mean wait in queue after warm-up, hours. */
  meanWaitH: BatchedEstimate;
  /** Lq: time-average queue length after warm-up. */
  meanQueueLength: BatchedEstimate;
  /** Whole-run sample-path quantities over [0, end]: Little's law L = λ·W holds on these exactly. */
  sample: {
    endH: number;
    /** Time-average number in system. */
    meanInSystem: number;
    /** Time-average number in queue. */
    meanInQueue: number;
    /** Customers per hour over the run. */
    arrivalRate: number;
    /** Mean time in system per customer, hours. */
    meanSojournH: number;
    /** Mean time in queue per customer, hours. */
    meanQueueTimeH: number;
  };
}

/** Runs one M/M/c replication from an empty system. */
export function simulateMMc(options: MMcOptions): MMcResult {
  return new MMcRun(options).run();
}

// Model state lives in class fields rather than closure variables: V8 boxes every double written to
// a closure context (an allocation per write), but updates double fields of an object in place.
class MMcRun {
  private readonly sim = new Simulation(64);
  private readonly arrivalKind: number;
  private readonly departureKind: number;
  private readonly interarrival: Exponential;
  private readonly service: Distribution;
  private readonly arrivalRng: RandomStream;
  private readonly serviceRng: RandomStream;
  private readonly servers: number;
  private readonly customers: number;
  private readonly warmup: number;
  private readonly batches: number;
  private readonly batchSize: number;

  // FIFO of waiting customers' arrival times: a ring buffer that doubles when full.
  private ring = new Float64Array(1024);
  private head = 0;
  private queued = 0;
  private arrived = 0;
  private started = 0;
  private busy = 0;
  private readonly inSystem = new TimeIntegral(0, 0);
  private readonly inQueue = new TimeIntegral(0, 0);
  private sojournSumH = 0;
  private queueTimeSumH = 0;

  // Steady-state accumulators, batched by the order customers start service (FIFO: arrival order).
  private readonly waitBatches = new RunningStats();
  private readonly waitedBatches = new RunningStats();
  private readonly lqBatches = new RunningStats();
  private batchWaitSumH = 0;
  private batchWaited = 0;
  private batchN = 0;
  private batchStartH = 0;
  private batchStartArea = 0;
  private waitSumH = 0;
  private waitedCount = 0;
  private measureStartH = 0;
  private measureStartArea = 0;

  constructor(options: MMcOptions) {
    const { arrivalRate, serviceRate, servers, customers } = options;
    const warmup = options.warmupCustomers ?? 0;
    const batches = options.batches ?? 20;
    requireParameter(Number.isInteger(servers) && servers >= 1, 'M/M/c', 'servers', servers, 'an integer ≥ 1');
    requireParameter(Number.isInteger(customers) && customers >= 1, 'M/M/c', 'customers', customers, 'an integer ≥ 1');
    requireParameter(Number.isInteger(warmup) && warmup >= 0 && warmup < customers, 'M/M/c', 'warmupCustomers', warmup, `an integer in [0, ${customers})`);
    requireParameter(Number.isInteger(batches) && batches >= 2 && batches <= customers - warmup, 'M/M/c', 'batches', batches, 'an integer ≥ 2 and ≤ the measured customers');
    this.servers = servers;
    this.customers = customers;
    this.warmup = warmup;
    this.batches = batches;
    this.batchSize = Math.floor((customers - warmup) / batches);
    this.interarrival = new Exponential(arrivalRate);
    this.service = options.serviceTimeH ?? new Exponential(serviceRate);
    this.arrivalRng = randomStream(options.seed ?? 1, options.replication ?? 0, 'mmc.arrivals');
    this.serviceRng = randomStream(options.seed ?? 1, options.replication ?? 0, 'mmc.service');
    this.arrivalKind = this.sim.on('arrival', this.onArrival);
    this.departureKind = this.sim.on('departure', this.onDeparture);
  }

  run(): MMcResult {
    const sim = this.sim;
    sim.schedule(this.interarrival.sample(this.arrivalRng), this.arrivalKind);
    sim.run();
    const endH = sim.now;
    const measuredCustomers = this.batchSize * this.batches;
    return {
      customers: this.customers,
      events: sim.eventsProcessed,
      probabilityOfWait: { mean: this.waitedCount / measuredCustomers, batchMeans: this.waitedBatches },
      meanWaitH: { mean: this.waitSumH / measuredCustomers, batchMeans: this.waitBatches },
      meanQueueLength: {
        mean: (this.batchStartArea - this.measureStartArea) / (this.batchStartH - this.measureStartH),
        batchMeans: this.lqBatches,
      },
      sample: {
        endH,
        meanInSystem: this.inSystem.averageAt(endH),
        meanInQueue: this.inQueue.averageAt(endH),
        arrivalRate: this.customers / endH,
        meanSojournH: this.sojournSumH / this.customers,
        meanQueueTimeH: this.queueTimeSumH / this.customers,
      },
    };
  }

  private readonly onArrival = (): void => {
    const sim = this.sim;
    const now = sim.now;
    this.arrived++;
    if (this.arrived < this.customers) sim.schedule(now + this.interarrival.sample(this.arrivalRng), this.arrivalKind);
    this.inSystem.add(now, 1);
    if (this.busy < this.servers) {
      this.busy++;
      this.recordStart(now, 0);
      sim.schedule(now + this.service.sample(this.serviceRng), this.departureKind, now);
    } else {
      if (this.queued === this.ring.length) this.widenRing();
      const ring = this.ring;
      ring[(this.head + this.queued) % ring.length] = now;
      this.queued++;
      this.inQueue.add(now, 1);
    }
  };

  private readonly onDeparture = (arrivedAtH: number): void => {
    const sim = this.sim;
    const now = sim.now;
    this.sojournSumH += now - arrivedAtH;
    this.inSystem.add(now, -1);
    if (this.queued > 0) {
      const next = this.ring[this.head];
      this.head = this.head + 1 === this.ring.length ? 0 : this.head + 1;
      this.queued--;
      this.inQueue.add(now, -1);
      this.recordStart(now, now - next);
      sim.schedule(now + this.service.sample(this.serviceRng), this.departureKind, next);
    } else {
      this.busy--;
    }
  };

  private recordStart(now: number, waitH: number): void {
    const started = ++this.started;
    this.queueTimeSumH += waitH;
    if (started <= this.warmup) {
      if (started === this.warmup) {
        this.measureStartH = this.batchStartH = now;
        this.measureStartArea = this.batchStartArea = this.inQueue.integralAt(now);
      }
      return;
    }
    if (started > this.warmup + this.batchSize * this.batches) return; // the remainder after the last full batch
    this.waitSumH += waitH;
    this.batchWaitSumH += waitH;
    if (waitH > 0) {
      this.waitedCount++;
      this.batchWaited++;
    }
    if (++this.batchN === this.batchSize) {
      const area = this.inQueue.integralAt(now);
      this.waitBatches.push(this.batchWaitSumH / this.batchSize);
      this.waitedBatches.push(this.batchWaited / this.batchSize);
      this.lqBatches.push((area - this.batchStartArea) / (now - this.batchStartH));
      this.batchWaitSumH = 0;
      this.batchWaited = 0;
      this.batchN = 0;
      this.batchStartH = now;
      this.batchStartArea = area;
    }
  }

  private widenRing(): void {
    const old = this.ring;
    const wider = new Float64Array(old.length * 2);
    for (let i = 0; i < this.queued; i++) wider[i] = old[(this.head + i) % old.length];
    this.ring = wider;
    this.head = 0;
  }
}

/** Erlang C: P(wait), Wq and Lq of a stable M/M/c queue (Kleinrock, Queueing Systems vol. 1, §3.5). */
export function erlangC(arrivalRate: number, serviceRate: number, servers: number): {
  probabilityOfWait: number;
  meanWait: number;
  meanQueueLength: number;
} {
  const a = arrivalRate / serviceRate; // offered load in Erlangs
  const rho = a / servers;
  requireParameter(rho < 1, 'Erlang C', 'arrivalRate / (servers · serviceRate)', rho, '< 1 (a stable queue)');
  // Σ_{k<c} a^k/k! and a^c/c! built up term by term to avoid overflowing factorials.
  let term = 1, sum = 0;
  for (let k = 0; k < servers; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const top = term / (1 - rho);
  const probabilityOfWait = top / (sum + top);
  const meanWait = probabilityOfWait / (servers * serviceRate - arrivalRate);
  return { probabilityOfWait, meanWait, meanQueueLength: arrivalRate * meanWait };
}

/**
 * Erlang A: the M/M/c+M queue, in which a waiting customer leaves after an exponential patience of
 * rate θ (Palm 1943; Mandelbaum & Zeltyn 2007). Stable at any load. Solved as its birth–death chain —
 * birth λ, death min(n, c)·μ + (n − c)⁺·θ — truncated where the states left hold less than 1e-15 of
 * the mass; then, by Little's law on the queue and the flow of abandonments:
 *   E[Wq] (every arrival, served or not) = E[(N − c)⁺] / λ,   P(abandon) = θ · E[(N − c)⁺] / λ.
 */
export function erlangA(arrivalRate: number, serviceRate: number, servers: number, abandonRate: number): {
  probabilityOfAbandon: number;
  probabilityOfWait: number;
  meanWait: number;
  meanQueueLength: number;
} {
  requireParameter(arrivalRate > 0 && serviceRate > 0 && abandonRate > 0, 'Erlang A', 'rates', Math.min(arrivalRate, serviceRate, abandonRate), '> 0');
  // Unnormalised π_n, built as ratios π_n / π_{n−1} = λ / death(n); stop once the tail is negligible
  // (past c the ratio falls towards 0, since death grows with n).
  const weights = [1];
  let total = 1;
  for (let n = 1; ; n++) {
    const death = Math.min(n, servers) * serviceRate + Math.max(0, n - servers) * abandonRate;
    const w = (weights[n - 1] * arrivalRate) / death;
    weights.push(w);
    total += w;
    if (n > servers && w < 1e-15 * total && death > arrivalRate) break;
  }
  let queue = 0, wait = 0;
  for (let n = 0; n < weights.length; n++) {
    const p = weights[n] / total;
    if (n >= servers) wait += p; // an arrival waits when all servers are busy (PASTA)
    if (n > servers) queue += (n - servers) * p;
  }
  return { probabilityOfAbandon: (abandonRate * queue) / arrivalRate, probabilityOfWait: wait, meanWait: queue / arrivalRate, meanQueueLength: queue };
}
