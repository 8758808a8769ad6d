/**
 * Progress of a study: a bar with rate and ETA on a terminal (cli-progress), plain periodic lines
 * when output goes to a log (CI), nothing when asked for quiet.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  start(total: number, already: number): void;
  update(done: number): void;
  stop(): void;
}

export const silentProgress: Progress = { start() {}, update() {}, stop() {} };

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: '  {bar} {value}/{total} replications · {rate}/s · ETA {eta_formatted}', hideCursor: true, clearOnComplete: true, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
    let t0 = 0, first = 0;
    return {
      start(total, already) {
        t0 = performance.now();
        first = already;
        bar.start(total, already, { rate: '–' });
      },
      update(done) {
        const seconds = (performance.now() - t0) / 1000;
        bar.update(done, { rate: seconds > 0 ? ((done - first) / seconds).toFixed(1) : '–' });
      },
      stop: () => bar.stop(),
    };
  }
  // Not a terminal: a line at most every 5 s, and at the end.
  let total = 0, t0 = 0, last = 0, first = 0, latest = 0;
  const line = (done: number) => {
    const seconds = (performance.now() - t0) / 1000;
    const rate = seconds > 0 ? (done - first) / seconds : 0;
    const eta = rate > 0 ? (total - done) / rate : NaN;
    stream.write(`  ${done}/${total} replications · ${rate.toFixed(1)}/s${Number.isFinite(eta) ? ` · ETA ${eta.toFixed(0)} s` : ''}\n`);
  };
  return {
    start(t, already) {
      total = t;
      first = latest = already;
      t0 = last = performance.now();
    },
    update(done) {
      latest = done;
      if (performance.now() - last >= 5000) {
        last = performance.now();
        line(done);
      }
    },
    stop: () => line(latest),
  };
}
