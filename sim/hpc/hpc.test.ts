import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { erlangA, erlangC } from '../core/mmc.js';
import { Constant } from '../core/samplers/constant.js';
import { Discrete } from '../core/samplers/discrete.js';
import { Exponential } from '../core/samplers/exponential.js';
import { LogNormal } from '../core/samplers/lognormal.js';
import { RUNNING } from './job-table.js';
import { Arrivals } from './arrivals.js';
import type { ClusterSpec, JobClassSpec } from './cluster-spec.js';
import { simulateHpc } from './simulate.js';
import { RunningStats } from '../core/stats/running-stats.js';
import { studentTQuantile } from '../core/stats/student-t.js';
import { randomStream } from '../core/stream.js';

const NO_FAILURES: ClusterSpec = { gpus: 10, gpusPerNode: 1, gpuMtbfH: Infinity, repairH: new Constant(1) };
const flat = (usd: number) => () => usd;

function cls(name: string, over: Partial<JobClassSpec> = {}): JobClassSpec {
  return {
    name,
    arrivals: new Arrivals({ kind: 'poisson', ratePerH: 8 }),
    gpus: new Discrete([1], [1]),
    durationH: new Exponential(1),
    checkpointH: Infinity,
    priceUSDPerGPUH: flat(2),
    ...over,
  };
}

/** Little's law on the sample path: L = λ·W exactly (to rounding) for every class. */
function assertLittle(classes: ReturnType<typeof simulateHpc>['metrics']['classes']): void {
  for (const c of classes) {
    const { meanInSystem, arrivalRatePerH, meanTimeInSystemH } = c.little;
    assert.ok(Math.abs(meanInSystem - arrivalRatePerH * meanTimeInSystemH) <= 1e-9 * Math.max(1, meanInSystem), `L ${meanInSystem} vs λW ${arrivalRatePerH * meanTimeInSystemH}`);
  }
}

test('1-GPU jobs, Poisson arrivals, exponential work, FIFO on 10 GPUs: waits match Erlang C (λ = 8)', () => {
  const exact = erlangC(8, 1, 10);
  // Independent replications give an interval from the run itself.
  const waits = new RunningStats();
  for (let r = 0; r < 20; r++) {
    const { metrics } = simulateHpc({ cluster: NO_FAILURES, classes: [cls('train')], scheduler: { policy: 'fifo', backfillDepth: 0 }, horizonH: 5000, seed: 3, replication: r });
    waits.push(metrics.classes[0].meanWaitH);
    assertLittle(metrics.classes);
  }
  const half = studentTQuantile(0.9995, waits.count - 1) * waits.standardError;
  assert.ok(Math.abs(waits.mean - exact.meanWait) <= half, `Wq ${waits.mean} ± ${half} vs Erlang C ${exact.meanWait}`);
  assert.ok(half < 0.2 * exact.meanWait, 'the interval is tight enough to matter');
});

test('customers who leave: 1-GPU jobs with exponential patience on 10 GPUs match Erlang A (M/M/10+M) at a normal load and an overload', () => {
  // λ = 8 with patience 2 h (θ = 0.5), and λ = 12 — more than the 10 GPUs can serve — with patience 1 h:
  // stable only because customers leave. Checked: the share who leave, and the mean time in system
  // E[T] = E[Wq] + P(served)/μ (every arrival's wait, to its start or its leaving, plus service if served).
  for (const [lambda, theta] of [[8, 0.5], [12, 1]]) {
    const exact = erlangA(lambda, 1, 10, theta);
    const leave = new RunningStats(), time = new RunningStats();
    for (let r = 0; r < 20; r++) {
      const { metrics } = simulateHpc({
        cluster: NO_FAILURES,
        classes: [cls('train', { arrivals: new Arrivals({ kind: 'poisson', ratePerH: lambda }), patienceH: new Exponential(theta) })],
        scheduler: { policy: 'fifo', backfillDepth: 0 },
        horizonH: 5000,
        seed: 11,
        replication: r,
      });
      const c = metrics.classes[0];
      leave.push(c.abandoned / c.arrived);
      time.push(c.little.meanTimeInSystemH);
      assertLittle(metrics.classes);
      assert.ok(Math.abs(c.gpuHoursAbandoned - c.revenueForgoneUSD / 2) < 1e-6 * c.gpuHoursAbandoned, 'forgone revenue at 2 USD/GPU-h');
    }
    const t = studentTQuantile(0.9995, 19);
    const expectedTime = exact.meanWait + (1 - exact.probabilityOfAbandon) / 1;
    assert.ok(Math.abs(leave.mean - exact.probabilityOfAbandon) <= t * leave.standardError, `λ ${lambda}: P(abandon) ${leave.mean} ± ${t * leave.standardError} vs ${exact.probabilityOfAbandon}`);
    assert.ok(Math.abs(time.mean - expectedTime) <= t * time.standardError, `λ ${lambda}: E[T] ${time.mean} ± ${t * time.standardError} vs ${expectedTime}`);
    assert.ok(exact.probabilityOfAbandon > (lambda > 10 ? (lambda - 10) / lambda : 0.01), 'a load where leaving matters');
  }
});

test('Erlang A tends to Erlang C as patience grows without end', () => {
  const a = erlangA(8, 1, 10, 1e-9), c = erlangC(8, 1, 10);
  assert.ok(Math.abs(a.meanWait - c.meanWait) < 1e-8 && Math.abs(a.probabilityOfWait - c.probabilityOfWait) < 1e-8);
});

test('contracts renew with their probability: each pod’s run of terms is a truncated geometric chain', () => {
  // 200 one-GPU pods on 100-hour terms, renewed with probability 0.6, over 1,050 hours: a pod completes
  // L terms, P(L ≥ k) = 0.6^(k−1) up to the 10 that fit. The total over pods is within 4 sd of 200·E[L].
  const p = 0.6, pods = 200;
  const { metrics } = simulateHpc({
    cluster: { ...NO_FAILURES, gpus: pods },
    classes: [cls('reserved', { arrivals: undefined, fixedJobs: Array.from({ length: pods }, () => ({ atH: 0, gpus: 1, workH: 100 })), checkpointH: 0, renewal: p })],
    scheduler: { policy: 'fifo', backfillDepth: 0 },
    horizonH: 1050,
    seed: 2,
    replication: 0,
  });
  let mean = 0, square = 0;
  for (let k = 1; k <= 10; k++) {
    mean += p ** (k - 1);
    square += (2 * k - 1) * p ** (k - 1);
  }
  const sd = Math.sqrt(pods * (square - mean * mean));
  const completed = metrics.classes[0].completed;
  assert.ok(Math.abs(completed - pods * mean) <= 4 * sd, `${completed} terms vs ${pods * mean} ± ${4 * sd}`);
  // Every renewal is a new contract: what arrived either completed or still runs at the horizon (one per pod at most).
  const arrived = metrics.classes[0].arrived;
  assert.ok(arrived >= completed && arrived <= completed + pods, `${arrived} contracts, ${completed} completed`);
  assert.ok(completed > pods * 1.5, 'renewals happen');
});

test('utilisation never exceeds 1 and the books balance: GPU-hours sold + lost ≤ busy', () => {
  const spec: ClusterSpec = { gpus: 64, gpusPerNode: 8, gpuMtbfH: 2000, repairH: new Exponential(1 / 24) };
  const { metrics } = simulateHpc({
    cluster: spec,
    classes: [cls('train', { arrivals: new Arrivals({ kind: 'poisson', ratePerH: 2 }), gpus: new Discrete([1, 8, 32], [0.5, 0.3, 0.2]), durationH: LogNormal.fromMoments(4, 6), checkpointH: 1 })],
    scheduler: { policy: 'easy-backfill', backfillDepth: 50 },
    horizonH: 2000,
    seed: 1,
    replication: 0,
  });
  assert.ok(metrics.utilisation > 0.3 && metrics.utilisation <= 1, `utilisation ${metrics.utilisation}`);
  assert.ok(metrics.nodeFailures > 10, 'failures happened');
  const c = metrics.classes[0];
  assert.ok(c.failed > 0 && c.gpuHoursLost > 0);
  assert.ok(c.gpuHoursSold + c.gpuHoursLost <= metrics.busyGpuHours + 1e-6, 'work done is billed once or lost once, never both');
  assertLittle(metrics.classes);
});

test('EASY backfill never starts a job that delays the head’s reservation', () => {
  const reservations = new Map<number, number>();
  const setting = {
    cluster: { ...NO_FAILURES, gpus: 64 },
    classes: [cls('train', { arrivals: new Arrivals({ kind: 'poisson', ratePerH: 3 }), gpus: new Discrete([1, 4, 16, 64], [0.4, 0.3, 0.2, 0.1]), durationH: LogNormal.fromMoments(3, 5) })],
    horizonH: 3000,
    seed: 2,
    replication: 0,
  };
  const result = simulateHpc(
    { ...setting, scheduler: { policy: 'easy-backfill', backfillDepth: 100 } },
    (cluster) => {
      cluster.onReservation = (job, at) => reservations.set(job, Math.min(reservations.get(job) ?? Infinity, at));
    },
  );
  const jobs = result.cluster.jobs;
  let checked = 0;
  for (const [j, at] of reservations) {
    if (!Number.isFinite(at) || jobs.state[j] === 0) continue;
    const started = jobs.submitH[j] + jobs.firstWaitH[j];
    assert.ok(started <= at + 1e-9, `job ${j} reserved for ${at} started ${started}`);
    checked++;
  }
  assert.ok(checked >= 30, `${checked} reservations checked`);
  // And backfill pays: against FIFO on the same arrivals, mean wait drops.
  const fifo = simulateHpc({ ...setting, scheduler: { policy: 'fifo', backfillDepth: 0 } });
  assert.ok(result.metrics.classes[0].meanWaitH < fifo.metrics.classes[0].meanWaitH, 'backfill lowers the mean wait');
});

test('an arrival behind a blocked head tries only the newcomer, and schedules exactly as a full backfill pass would', () => {
  // Two classes and inference, a shallow depth (so the window matters), failures, checkpoints and a power cut:
  // every way the head's reservation can change. The same run with every arrival taking a full
  // pass must give the same schedule, job for job.
  const setting = {
    cluster: { gpus: 128, gpusPerNode: 8, gpuMtbfH: 3000, repairH: new Exponential(1 / 12) },
    classes: [
      cls('contracted', { arrivals: new Arrivals({ kind: 'poisson', ratePerH: 0.25 }), gpus: new Discrete([8, 32, 96], [0.5, 0.3, 0.2]), durationH: LogNormal.fromMoments(6, 8), checkpointH: 1 }),
      cls('on-demand', { arrivals: new Arrivals({ kind: 'gamma', ratePerH: 2, cv: 3 }), gpus: new Discrete([1, 4, 16, 64], [0.4, 0.3, 0.2, 0.1]), durationH: LogNormal.fromMoments(3, 5), checkpointH: 2 }),
    ],
    scheduler: { policy: 'easy-backfill' as const, backfillDepth: 3 },
    horizonH: 4000,
    seed: 7,
    replication: 0,
    caps: [{ atH: 1500, gpus: 80 }, { atH: 1800, gpus: 128 }],
    // Inference between the classes, its daily swing taking GPUs from on-demand and giving them back.
    inference: { rank: 1, gpusWanted: (tH: number) => 16 + 12 * Math.sin((2 * Math.PI * tH) / 24), priceUSDPerGPUH: flat(3) },
  };
  const incremental = simulateHpc(setting);
  const full = simulateHpc(setting, (cluster) => {
    // The private method admit calls: replaced on this instance by a full pass.
    (cluster as unknown as { backfillNewcomer: () => void }).backfillNewcomer = function (this: { schedulePass(): void }) {
      this.schedulePass();
    };
  });
  const a = incremental.cluster.jobs, b = full.cluster.jobs;
  assert.is(a.count, b.count);
  for (let j = 0; j < a.count; j++) {
    assert.ok(Object.is(a.firstWaitH[j], b.firstWaitH[j]) && a.state[j] === b.state[j], `job ${j}: waited ${a.firstWaitH[j]} vs ${b.firstWaitH[j]}`);
  }
  assert.equal(incremental.metrics, full.metrics);
  const waited = [...a.firstWaitH.subarray(0, a.count)].filter((w) => w > 0).length;
  assert.ok(waited > 200, `${waited} jobs waited: the head was blocked often`);
  assert.ok(incremental.metrics.classes[1].preempted > 0 && incremental.metrics.nodeFailures > 50, 'the reservation was broken by cuts and failures');
});

test('a cut in available power preempts lower classes before higher ones; each preemption is counted once', () => {
  const long = new Constant(1000); // jobs that outlast the run: whoever is running at the cut is known
  const result = simulateHpc({
    cluster: { ...NO_FAILURES, gpus: 32 },
    classes: [
      cls('contracted', { arrivals: new Arrivals({ kind: 'poisson', ratePerH: 0.5 }), gpus: new Discrete([4], [1]), durationH: long }),
      cls('on-demand', { arrivals: new Arrivals({ kind: 'poisson', ratePerH: 0.5 }), gpus: new Discrete([4], [1]), durationH: long, checkpointH: 2 }),
    ],
    scheduler: { policy: 'fifo', backfillDepth: 0 },
    horizonH: 100,
    seed: 4,
    replication: 0,
    caps: [{ atH: 60, gpus: 12 }],
  });
  const jobs = result.cluster.jobs;
  let contractedRunning = 0, onDemandRunning = 0;
  for (let j = 0; j < jobs.count; j++) {
    if (jobs.state[j] !== RUNNING) continue;
    if (jobs.cls[j] === 0) contractedRunning++;
    else onDemandRunning++;
  }
  const [contracted, onDemand] = result.metrics.classes;
  assert.ok(contractedRunning * 4 <= 12 && contractedRunning + onDemandRunning <= 3);
  assert.ok(onDemand.preempted > 0, 'on-demand jobs were preempted');
  // On-demand jobs go first: contracted ones are preempted only if on-demand alone could not make room.
  if (contracted.preempted > 0) assert.is(onDemandRunning, 0);
  assert.is(contracted.preempted + onDemand.preempted, 8 - 3, '32 GPUs of 4-GPU jobs down to 12: five jobs stopped, once each');
  // The on-demand jobs checkpoint every 2 h: each loses less than 2 h of its 4 GPUs.
  assert.ok(onDemand.gpuHoursLost < onDemand.preempted * 2 * 4 + 1e-9);
});

test('a node failure under a higher class takes GPUs from a lower class instead: the higher class is never interrupted while a lower one runs', () => {
  // 10 single-GPU nodes failing often: 5 held by a reserved class, the rest kept busy by an
  // endless queue of long low-class jobs, so a lower class is always running when a node fails.
  const run = simulateHpc({
    cluster: { gpus: 10, gpusPerNode: 1, gpuMtbfH: 50, repairH: new Constant(1) },
    classes: [
      cls('reserved', { arrivals: undefined, fixedJobs: Array.from({ length: 5 }, () => ({ atH: 0, gpus: 1, workH: 2000 })), checkpointH: 0 }),
      cls('batch', { arrivals: new Arrivals({ kind: 'poisson', ratePerH: 50 }), durationH: new Constant(10), checkpointH: 1 }),
    ],
    scheduler: { policy: 'fifo', backfillDepth: 0 },
    horizonH: 1000,
    seed: 3,
    replication: 0,
  });
  const [reserved, batch] = run.metrics.classes;
  assert.ok(run.metrics.nodeFailures > 100, `${run.metrics.nodeFailures} failures`);
  assert.is(reserved.failed, 0);
  assert.is(reserved.preempted, 0);
  assert.ok(batch.preempted > 0, 'the lower class gave up its GPUs');
  // The reserved block ran the whole horizon: 5 GPUs × 1000 h sold.
  assert.ok(Math.abs(reserved.gpuHoursSold - 5000) < 1e-6, `${reserved.gpuHoursSold}`);
});

test('a job wider than the cluster is rejected and counted, not left waiting forever', () => {
  const { metrics } = simulateHpc({
    cluster: { ...NO_FAILURES, gpus: 16 },
    classes: [cls('train', { arrivals: new Arrivals({ kind: 'poisson', ratePerH: 1 }), gpus: new Discrete([8, 64], [0.5, 0.5]), durationH: new Exponential(1) })],
    scheduler: { policy: 'easy-backfill', backfillDepth: 10 },
    horizonH: 500,
    seed: 1,
    replication: 0,
  });
  const c = metrics.classes[0];
  assert.ok(c.rejected > 150 && c.rejected < 350, `${c.rejected} of ${c.arrived} rejected`);
  assert.ok(c.completed > 150);
});

test('arrival profiles keep their mean rate; gamma arrivals keep theirs at any CV', () => {
  const count = (spec: ConstructorParameters<typeof Arrivals>[0]) => {
    const a = new Arrivals(spec);
    let t = 0, n = 0;
    const stream = randomStream(1, 0, `arrivals-test-${spec.kind}`);
    while ((t = a.next(t, stream)) < 24 * 7 * 50) n++;
    return n / (24 * 7 * 50);
  };
  const daily = Array.from({ length: 24 }, (_, h) => 0.64 + (1.45 * (1 + Math.sin((h / 24) * 2 * Math.PI))) / 2);
  const weekly = [1, 1, 1, 1, 1, 0.5, 0.5];
  for (const spec of [
    { kind: 'poisson' as const, ratePerH: 3 },
    { kind: 'gamma' as const, ratePerH: 3, cv: 4 },
    { kind: 'profile' as const, ratePerH: 3, hourOfDay: daily, dayOfWeek: weekly },
  ]) {
    const rate = count(spec);
    // 25,200 expected arrivals; Poisson SE ≈ 0.6 %, bursty gamma (CV 4) ≈ 4× that.
    assert.ok(Math.abs(rate / 3 - 1) < (spec.kind === 'gamma' ? 0.1 : 0.03), `${spec.kind}: ${rate}/h`);
  }
  assert.throws(() => new Arrivals({ kind: 'gamma', ratePerH: 1, cv: -1 }), /cv must be a coefficient of variation/);
  assert.throws(() => new Arrivals({ kind: 'profile', ratePerH: 1, hourOfDay: [1, 2], dayOfWeek: weekly }), /hourOfDay must be 24 values/);
});

test('bad cluster and scheduler settings are named', () => {
  const base = { classes: [cls('train')], horizonH: 1, seed: 1, replication: 0 };
  assert.throws(() => simulateHpc({ ...base, cluster: { ...NO_FAILURES, gpus: 10, gpusPerNode: 8 }, scheduler: { policy: 'fifo', backfillDepth: 0 } }), /gpusPerNode must be a whole number > 0 dividing the 10 GPUs/);
  assert.throws(() => simulateHpc({ ...base, cluster: NO_FAILURES, scheduler: { policy: 'sjf' as never, backfillDepth: 0 } }), /scheduler\.policy must be fifo or easy-backfill, got sjf/);
});

test.run();
