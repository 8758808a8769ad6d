import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomStream } from '../core/stream.js';
import { backupCarriedMW, backupCoverageH, type BackupPowerSpec } from './backup-power.js';

const spec: BackupPowerSpec = { capacityMW: 5, fuelHours: 6, upsMinutes: 10, startFailureProbability: 0 };

test('backup carries HPC up to its capacity until the fuel runs out or the grid returns', () => {
  const outages: Array<[number, number]> = [[100, 110], [500, 503]];
  const until = backupCoverageH(spec, outages);
  assert.equal(Array.from(until), [106, 503]);
  // 8 MW wanted, 5 MW carried: 30 MWh over the 6 fuelled hours of the 10-hour outage, 4 h dark.
  const carriedMWh = (i: number, demandMW: number) => backupCarriedMW(spec, demandMW) * (until[i] - outages[i][0]);
  assert.is(carriedMWh(0, 8), 30);
  // A short outage is carried whole; a load under the capacity is carried in full.
  assert.is(carriedMWh(1, 2), 6);
  const none = backupCoverageH({ ...spec, capacityMW: 0 }, outages);
  assert.equal(Array.from(none), [100, 500], 'no backup: dark from the first minute');
});

test('generators that fail to start leave the UPS minutes; failures come at the stated rate', () => {
  const p = 0.2, n = 5000;
  const outages = Array.from({ length: n }, (_, i): [number, number] => [i * 100, i * 100 + 8]);
  const until = backupCoverageH({ ...spec, startFailureProbability: p }, outages, randomStream(41, 0, 'site.backup'));
  let failed = 0;
  until.forEach((u, i) => {
    const ran = u - outages[i][0];
    assert.ok(Math.abs(ran - 6) < 1e-9 || Math.abs(ran - 10 / 60) < 1e-9, `ran ${ran} h`);
    if (ran < 1) failed++;
  });
  // Binomial(n, p): sd √(p(1−p)/n) = 0.0057.
  assert.ok(Math.abs(failed / n - p) <= 4 * Math.sqrt((p * (1 - p)) / n), `${failed / n} of starts failed`);
  // The same stream with more fuel fails on the same outages (one draw per outage, whatever the spec).
  const more = backupCoverageH({ ...spec, fuelHours: 7, startFailureProbability: p }, outages, randomStream(41, 0, 'site.backup'));
  more.forEach((u, i) => assert.is(u - outages[i][0] < 1, until[i] - outages[i][0] < 1));
});

test('bad backup input names the field', () => {
  assert.throws(() => backupCoverageH({ ...spec, capacityMW: -1 }, []), /backup: capacityMW must be a capacity ≥ 0 MW, got -1/);
  assert.throws(() => backupCoverageH({ ...spec, startFailureProbability: 0.1 }, []), /backup: startFailureProbability must be 0 when no random stream is given/);
});

test.run();
