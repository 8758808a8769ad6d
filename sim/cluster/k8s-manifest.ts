/**
 * A study as Kubernetes objects, one YAML stream for `kubectl apply -f`:
 *
 *   ConfigMap  <name>-scenario   the scenario file, byte for byte (so its sha256 matches a local run)
 *   PVC        <name>-results    a ReadWriteMany volume every pod mounts (left out with --claim)
 *   Job        <name>-shards     Indexed: pod K runs `campus study --shard K/N` into shards/K
 *   Job        <name>-merge      created suspended; resumed once the shards Job is complete, it runs
 *                                `campus merge` into the study folder and draws the report
 *
 * Jobs have no dependencies between them, hence the suspended merge: one apply, then a wait and a
 * patch (printed at the top of the stream).
 */
import { Document } from 'yaml';
import { StudyError } from '../study/study-error.js';
import { type ClusterStudy, sharedStudyFlags } from './cluster-study.js';

export interface K8sOptions {
  /** Prefix of every object's name (a DNS label). */
  name: string;
  /** An image with `campus` on its PATH. */
  image: string;
  /** Shard pods running at once. */
  parallelism: number;
  /** An existing ReadWriteMany claim to use instead of creating `<name>-results`. */
  claim?: string;
}

const SCENARIO_DIR = '/campus/scenario';
const SCENARIO_KEY = 'scenario.yaml';
const RESULTS_DIR = '/campus/results';
/** Retries of a pod before its shard (or the merge) counts as failed: a pod lost with its node is tried again. */
const RETRIES = 2;
// Pod hostnames are `<job name>-<index>`, at most 63 characters: leave room for "-shards-99999".
const MAX_NAME = 40;
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** A scenario name (letters, digits, `._-`) as a Kubernetes object name prefix. */
export function k8sName(scenarioName: string): string {
  return scenarioName.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, MAX_NAME).replace(/^-+|-+$/g, '') || 'campus';
}

function checkK8sOptions(o: K8sOptions, shards: number): void {
  if (!DNS_LABEL.test(o.name) || o.name.length > MAX_NAME) throw new StudyError(`--name must be lower-case letters, digits and '-', at most ${MAX_NAME} characters, got '${o.name}'`);
  if (o.claim !== undefined && !(DNS_LABEL.test(o.claim) && o.claim.length <= 63)) throw new StudyError(`--claim must name a PersistentVolumeClaim (lower-case letters, digits and '-'), got '${o.claim}'`);
  if (o.image.trim() === '' || /\s/.test(o.image)) throw new StudyError(`--image must be an image reference such as registry.example/campus-sim:0.1.0, got '${o.image}'`);
  if (!Number.isInteger(o.parallelism) || o.parallelism < 1 || o.parallelism > shards) throw new StudyError(`--parallelism must be a whole number from 1 to the ${shards} shards, got ${o.parallelism}`);
}

/** The manifest as a multi-document YAML stream. */
export function k8sManifest(study: ClusterStudy, o: K8sOptions): string {
  checkK8sOptions(o, study.shards);
  const labels = { 'app.kubernetes.io/name': 'campus-sim', 'app.kubernetes.io/instance': o.name };
  const claim = o.claim ?? `${o.name}-results`;
  const studyDir = `${RESULTS_DIR}/${o.name}`;
  const volumes = [
    { name: 'scenario', configMap: { name: `${o.name}-scenario` } },
    { name: 'results', persistentVolumeClaim: { claimName: claim } },
  ];
  const volumeMounts = [
    { name: 'scenario', mountPath: SCENARIO_DIR, readOnly: true },
    { name: 'results', mountPath: RESULTS_DIR },
  ];
  const container = (name: string, args: string[]) => ({
    name,
    image: o.image,
    command: ['campus'],
    args,
    resources: { requests: { cpu: String(study.cpus) } },
    volumeMounts,
  });
  const job = (suffix: string, spec: object, podSpec: object) => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: `${o.name}-${suffix}`, labels },
    spec: { ...spec, template: { metadata: { labels }, spec: { restartPolicy: 'Never', ...podSpec, volumes } } },
  });

  const objects: object[] = [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${o.name}-scenario`, labels }, data: { [SCENARIO_KEY]: study.scenarioText } },
  ];
  if (o.claim === undefined) {
    objects.push({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: claim, labels },
      spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '10Gi' } } },
    });
  }
  // Kubernetes expands $(JOB_COMPLETION_INDEX) in args from the container's environment; it is
  // declared here from the pod's index annotation, which is what the Job controller would inject.
  const index = '$(JOB_COMPLETION_INDEX)';
  const shardArgs = ['study', `${SCENARIO_DIR}/${SCENARIO_KEY}`, '--shard', `${index}/${study.shards}`, ...sharedStudyFlags(study), '--out', `${studyDir}/shards/${index}`];
  objects.push(
    job(
      'shards',
      { completionMode: 'Indexed', completions: study.shards, parallelism: o.parallelism, backoffLimitPerIndex: RETRIES },
      {
        containers: [
          {
            ...container('shard', shardArgs),
            env: [{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } }],
          },
        ],
      },
    ),
  );
  const shardDirs = Array.from({ length: study.shards }, (_, k) => `${studyDir}/shards/${k}`);
  objects.push(job('merge', { suspend: true, backoffLimit: RETRIES }, { containers: [container('merge', ['merge', ...shardDirs, '--out', studyDir])] }));

  const docs = objects.map((object) => new Document(object, { aliasDuplicateObjects: false }));
  docs[0].commentBefore = [
    ` campus-sim study '${study.name}': ${study.replications} replications in ${study.shards} shards, seed ${study.seed}. Written by \`campus k8s\`.`,
    ` 1. kubectl apply -f THIS_FILE`,
    ` 2. kubectl wait --for=condition=complete --timeout=24h job/${o.name}-shards`,
    ` 3. kubectl patch job/${o.name}-merge --type=merge -p '{"spec":{"suspend":false}}'`,
    ` The merged study (summary.json, report.html) is then in volume ${claim}, folder ${o.name}/.`,
  ].join('\n');
  return docs.map((d) => d.toString({ lineWidth: 0 })).join('---\n');
}
