/**
 * Decision rules on a layout's lease ({ sign: lease }, { renew: lease }) as read, and every way one
 * can be wrong: one message naming the line, column and key of the slip, and what was expected.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HOURS_PER_MONTH } from '../core/time.js';
import { parseScenario } from './load.js';
import { POLICY_WORLD } from './policy-world.test-support.js';
import { scenarioFailure } from './scenario-failure.test-support.js';

const scenario = (rules: string, lease = 'lease: { it: 10 MW, rent: 121 USD/kW/month, termYears: 2 }') => `name: lease-rules
${POLICY_WORLD}
variants:
  tenant:
    ${lease}
    policies:
${rules}`;

const RULES = `      sign:
        from: 12 months
        when: { hashprice: { below: 40 USD/PH/day } }
        then: { sign: lease }
      stay:
        from: 24 months
        when: { gpuPrice: { above: 1.5 USD/GPU/h } }
        then: { renew: lease }
        coolDown: 12 months`;

test('a lease a rule signs and renews is read with its build time (default 18 months) and no date of its own', () => {
  const v = parseScenario('l.yaml', scenario(RULES)).variants[0];
  assert.equal(v.policies!.map((r) => r.action), [{ kind: 'sign', load: 'lease' }, { kind: 'renew', load: 'lease' }]);
  assert.is(v.lease!.buildH, 18 * HOURS_PER_MONTH);
  assert.is(v.lease!.onlineH, 0);
  assert.is(parseScenario('l.yaml', scenario(RULES, 'lease: { it: 10 MW, rent: 121 USD/kW/month, termYears: 2, build: 9 months }')).variants[0].lease!.buildH, 9 * HOURS_PER_MONTH);
});

/** [what is wrong, the rules, the lease, key path, words the message must hold]. */
const CASES: Array<[string, string, string | undefined, string, string]> = [
  ['signing a layout without a lease', RULES, 'description: no lease', 'variants.tenant.policies.sign.then.sign', 'the layout has no lease to sign'],
  ['renewing a layout without a lease', RULES.split('      stay:')[0].replace('sign: lease', 'renew: lease'), 'description: no lease', 'variants.tenant.policies.sign.then.renew', 'the layout has no lease to renew'],
  ['signing a lease of 0 MW', RULES, 'lease: { it: 0 MW, rent: 121 USD/kW/month }', 'variants.tenant.policies.sign.then.sign', 'expected a lease section of more than 0 MW'],
  ['signing a lease with its own date', RULES, 'lease: { it: 10 MW, rent: 121 USD/kW/month, termYears: 2, online: 18 months }', 'variants.tenant.lease.online', 'a rule signs this lease: its hall opens lease.build after the rule fires; expected no lease.online'],
  ['renewing a lease without a term', RULES, 'lease: { it: 10 MW, rent: 121 USD/kW/month }', 'variants.tenant.policies.stay.then.renew', 'the lease has no term to renew'],
  ['signing twice', RULES.replace('renew: lease', 'sign: lease').replace('        coolDown: 12 months', ''), undefined, 'variants.tenant.policies.stay.then.sign', "the lease is already signed by rule 'sign'"],
  ['signing with a cool-down', RULES.replace('then: { sign: lease }', 'then: { sign: lease }\n        coolDown: 6 months'), undefined, 'variants.tenant.policies.sign.coolDown', 'a lease is signed once'],
  ['a lead time for a signing', RULES.replace('then: { sign: lease }', 'then: { sign: lease }\n        lead: 6 months'), undefined, 'variants.tenant.policies.sign.lead', "a 'sign' action has no delivery; expected 'lead' only beside { buy: … } (a leased hall's build time is lease.build)"],
  ['signing something else', RULES.replace('sign: lease', 'sign: gpuCloud'), undefined, 'variants.tenant.policies.sign.then.sign', "'gpuCloud' is not allowed; expected one of lease"],
];

test('bad lease rules: one message at the line, column and key of the slip', () => {
  for (const [what, rules, lease, keyPath, fragment] of CASES) {
    const e = scenarioFailure(() => parseScenario('l.yaml', scenario(rules, lease)), what);
    assert.is(e.keyPath, keyPath, `${what}: ${e.message}`);
    assert.ok(e.message.includes(fragment), `${what}: ${e.message}`);
    assert.ok(e.line > 0 && e.column > 0, `${what}: ${e.message}`);
    assert.not.match(e.message, /\n/, what);
  }
});

test.run();
