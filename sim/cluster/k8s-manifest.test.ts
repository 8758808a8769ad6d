import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { planClusterStudy } from './cluster-study.js';
import { type K8sOptions, k8sManifest, k8sName } from './k8s-manifest.js';

const study = planClusterStudy({ file: 'scenarios/capital-raise.yaml', shards: 5, replications: 40, seed: 7, cpus: 2 });
const options: K8sOptions = { name: 'capital-raise', image: 'registry.example/campus-sim:0.1.0', parallelism: 3 };

// Parsed YAML, read field by field in the assertions.
type Obj = any;
function objects(o: K8sOptions = options): Obj[] {
  const docs = parseAllDocuments(k8sManifest(study, o));
  if (!Array.isArray(docs)) throw new Error('not a YAML stream');
  for (const d of docs) assert.equal(d.errors, []);
  return docs.map((d) => d.toJS());
}
const byKind = (all: Obj[], kind: string): Obj[] => all.filter((x) => x.kind === kind);
const job = (all: Obj[], suffix: string): Obj => all.find((x) => x.kind === 'Job' && x.metadata.name.endsWith(`-${suffix}`));

// The fixture transcribes the Job fields campus writes from the Kubernetes API reference:
// https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/job-v1/ (and pod-v1 for PodSpec).
const validateJob = new Ajv2020({ strict: true, strictRequired: false, allErrors: true }).compile(
  JSON.parse(readFileSync(new URL('./fixtures/k8s-job.schema.json', import.meta.url), 'utf8')),
);

test('both Jobs satisfy the batch/v1 Job schema, and the schema does catch a wrong field', () => {
  const all = objects();
  assert.is(byKind(all, 'Job').length, 2);
  for (const j of byKind(all, 'Job')) assert.ok(validateJob(j), `${j.metadata.name}: ${JSON.stringify(validateJob.errors)}`);
  const misspelt = structuredClone(job(all, 'shards'));
  misspelt.spec.completionmode = misspelt.spec.completionMode;
  delete misspelt.spec.completionMode;
  assert.not.ok(validateJob(misspelt));
  const noRestartPolicy = structuredClone(job(all, 'shards'));
  delete noRestartPolicy.spec.template.spec.restartPolicy;
  assert.not.ok(validateJob(noRestartPolicy), 'backoffLimitPerIndex needs restartPolicy Never');
});

test('the shards Job is Indexed, N completions, and pod K runs campus study --shard K/N into shards/K', () => {
  const shards = job(objects(), 'shards');
  assert.is(shards.spec.completionMode, 'Indexed');
  assert.is(shards.spec.completions, 5);
  assert.is(shards.spec.parallelism, 3);
  const [c] = shards.spec.template.spec.containers;
  assert.equal(c.env, [{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } }]);
  // What the kubelet runs for index 3, after expanding $(JOB_COMPLETION_INDEX)
  const args = c.args.map((a: string) => a.replaceAll('$(JOB_COMPLETION_INDEX)', '3'));
  assert.equal([...c.command, ...args], [
    'campus', 'study', '/campus/scenario/scenario.yaml', '--shard', '3/5', '--replications', '40', '--seed', '7', '--workers', '2',
    '--out', '/campus/results/capital-raise/shards/3',
  ]);
  assert.equal(c.resources.requests, { cpu: '2' });
  assert.is(c.image, options.image);
});

test('the merge Job is created suspended and merges every shard folder into the study folder', () => {
  const merge = job(objects(), 'merge');
  assert.is(merge.spec.suspend, true);
  const [c] = merge.spec.template.spec.containers;
  const shardDirs = [0, 1, 2, 3, 4].map((k) => `/campus/results/capital-raise/shards/${k}`);
  assert.equal([...c.command, ...c.args], ['campus', 'merge', ...shardDirs, '--out', '/campus/results/capital-raise']);
});

test('every pod mounts the scenario ConfigMap, which holds the file byte for byte, and one shared results claim', () => {
  const all = objects();
  const [configMap] = byKind(all, 'ConfigMap');
  assert.is(configMap.data['scenario.yaml'], readFileSync('scenarios/capital-raise.yaml', 'utf8'));
  const [claim] = byKind(all, 'PersistentVolumeClaim');
  assert.equal(claim.spec.accessModes, ['ReadWriteMany']);
  for (const j of byKind(all, 'Job')) {
    assert.equal(j.spec.template.spec.volumes, [
      { name: 'scenario', configMap: { name: configMap.metadata.name } },
      { name: 'results', persistentVolumeClaim: { claimName: claim.metadata.name } },
    ]);
  }
});

test('with --claim the results go to that claim and no claim is created', () => {
  const all = objects({ ...options, claim: 'lab-scratch' });
  assert.is(byKind(all, 'PersistentVolumeClaim').length, 0);
  for (const j of byKind(all, 'Job')) assert.is(j.spec.template.spec.volumes[1].persistentVolumeClaim.claimName, 'lab-scratch');
});

test('names become DNS labels short enough for pod hostnames; bad options are refused', () => {
  assert.is(k8sName('Capital_Raise.v2'), 'capital-raise-v2');
  assert.ok(k8sName('x'.repeat(80)).length <= 40);
  const refused: Array<[Partial<K8sOptions>, RegExp]> = [
    [{ name: 'Capital' }, /--name must be lower-case/],
    [{ parallelism: 0 }, /--parallelism must be a whole number from 1 to the 5 shards/],
    [{ parallelism: 6 }, /--parallelism/],
    [{ claim: 'my claim' }, /--claim must name a PersistentVolumeClaim/],
    [{ image: '' }, /--image must be an image reference/],
  ];
  for (const [o, message] of refused) assert.throws(() => k8sManifest(study, { ...options, ...o }), message);
});

test.run();
