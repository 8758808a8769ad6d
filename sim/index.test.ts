import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as api from './index.js';

test('the package entry exports the retarget functions with the documented signatures', () => {
  assert.is(api.calculateNextWorkRequired(0x1d00ffff, 1261130161, 1262152739), 0x1d00d86a);
  assert.is(api.difficultyFromBits(0x1d00ffff), 1);
  assert.is(api.bitsFromDifficulty(1), 0x1d00ffff);
});

test('the package entry lists its exports by name (no accidental internals)', () => {
  for (const name of ['Simulation', 'randomStream', 'loadScenario', 'runStudy', 'drawWorld', 'Kou', 'Chain', 'erlangC']) {
    assert.ok(name in api, `${name} is exported`);
  }
  assert.not.ok('CampusRun' in api);
});

test.run();
