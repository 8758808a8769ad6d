/**
 * `campus merge`: shard folders of one study → the study's folder, byte-identical to running it on
 * one machine. Refuses sets that are incomplete, overlapping, or from different studies, and an
 * output folder that is one of the shards (or inside one) — all before anything is written.
 */
import { realpathSync } from 'node:fs';
import { relative, resolve, sep, isAbsolute } from 'node:path';
import { Accumulator } from './accumulator.js';
import { type StudyData, writeStudyData } from './outputs.js';
import { readSavedStudy, type SavedPlan, type SavedStudy, studyId, toRuns } from './saved-study.js';
import { StudyFolder } from './study-folder.js';
import { StudyError } from './study-error.js';
import type { StoppingRule, Summary } from './summarize.js';

export interface MergeResult {
  summary?: Summary;
  files: string[];
}

export interface MergeOptions {
  /** Draws into the merged folder before it is swapped into place (the CLI draws the report). */
  beforeCommit?: (dir: string, data: StudyData) => Promise<string[]> | string[];
}

export async function mergeStudies(dirs: readonly string[], outDir: string, options: MergeOptions = {}): Promise<MergeResult> {
  const startedAt = new Date();
  const t0 = performance.now();
  if (dirs.length === 0) throw new StudyError('name the shard folders to merge');
  checkOutside(dirs, outDir);
  const shards = dirs.map(readSavedStudy);
  const first = shards[0].plan;
  const same = (s: SavedStudy, key: keyof SavedPlan, label: string) => {
    if (JSON.stringify(s.plan[key]) !== JSON.stringify(first[key])) {
      throw new StudyError(`${s.dir} is from a different study than ${shards[0].dir}: ${label} ${JSON.stringify(s.plan[key])} vs ${JSON.stringify(first[key])}`);
    }
  };
  for (const s of shards) {
    same(s, 'scenarioHash', 'scenario sha256');
    same(s, 'seed', 'seed');
    same(s, 'replications', 'replications');
    same(s, 'variants', 'variants');
    same(s, 'tool', 'build of campus-sim');
    if (!s.plan.shard) throw new StudyError(`${s.dir} is not a shard (it was run without --shard)`);
    if (s.plan.shard.count !== first.shard!.count) same(s, 'shard', 'shard');
  }
  const count = first.shard!.count;
  const seen = new Map<number, string>();
  for (const s of shards) {
    const k = s.plan.shard!.index;
    if (seen.has(k)) throw new StudyError(`shard ${k}/${count} appears twice: ${seen.get(k)} and ${s.dir}`);
    seen.set(k, s.dir);
    const held = s.state.rows.size;
    const want = s.plan.range.end - s.plan.range.start;
    if (held !== want || !s.plan.complete) throw new StudyError(`shard ${k}/${count} in ${s.dir} is incomplete: it holds ${held} of its ${want} replications (re-run it, or continue it with --resume)`);
  }
  const missing = Array.from({ length: count }, (_, k) => k).filter((k) => !seen.has(k));
  if (missing.length > 0) throw new StudyError(`the set is incomplete: shard(s) ${missing.map((k) => `${k}/${count}`).join(', ')} missing`);

  const acc = new Accumulator(first.variants, first.months);
  for (const s of shards) {
    for (const [r, row] of s.state.rows) acc.addRow(r, row);
    acc.bands.merge(s.state.bands);
  }
  const stopping: StoppingRule = { rule: 'replications', detail: `ran all ${first.replications} replications` };
  const plan: SavedPlan = {
    ...first,
    // The id a one-machine run of the study has, so the merged folder is that study's in every way.
    studyId: studyId({ ...first, shard: null }),
    shard: null,
    range: { start: 0, end: first.replications },
    done: toRuns(acc.replications()),
    stoppedAt: null,
    complete: true,
  };
  return StudyFolder.with(outDir, 'merge', (folder) =>
    folder.replace(folder.dir, async (temp) => {
      const data = writeStudyData(temp, {
        plan,
        acc,
        stopping,
        failures: [],
        run: { workers: 0, startedAt, simulationSeconds: (performance.now() - t0) / 1000, mergedFrom: [...dirs] },
      });
      if (options.beforeCommit) data.files.push(...(await options.beforeCommit(temp, data)));
      return { summary: data.summary, files: data.files };
    }),
  );
}

/** The merged folder must not be a shard or lie inside one: writing it would replace what is being read. */
function checkOutside(dirs: readonly string[], outDir: string): void {
  const out = real(outDir);
  for (const dir of dirs) {
    const input = real(dir);
    const rel = relative(input, out);
    if (rel === '') throw new StudyError(`--out ${outDir} is one of the folders being merged; name a new folder (the shards' parent is fine)`);
    if (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..') throw new StudyError(`--out ${outDir} lies inside ${dir}, one of the folders being merged; name a folder outside the shards`);
  }
}

/** `path` with links resolved as far as it exists, so two spellings of one folder compare equal. */
function real(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    const parent = resolve(abs, '..');
    return parent === abs ? abs : resolve(real(parent), relative(parent, abs));
  }
}
