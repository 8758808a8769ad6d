/**
 * A finished study's folder, read back only if it is whole and consistent: its plan says complete,
 * and its data files are exactly what its state gives — summary.json, replications.csv and
 * bands.csv rebuilt from the saved rows and bands must match byte for byte, and the manifest must
 * name the same scenario and seed. A folder left by an interrupted run, a shard, or a mixture of two
 * runs is refused with what is wrong, instead of drawn.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Accumulator } from './accumulator.js';
import { dataFiles, type Manifest, summarizePlan } from './outputs.js';
import { readSavedPlan, readSavedStudy, type SavedStudy } from './saved-study.js';
import { linkOrCopy, StudyFolder } from './study-folder.js';
import { StudyError } from './study-error.js';
import type { Summary } from './summarize.js';

export interface WholeStudy extends SavedStudy {
  summary: Summary;
  manifest: Manifest;
  acc: Accumulator;
}

export function readWholeStudy(dir: string): WholeStudy {
  const saved = readSavedStudy(dir);
  const { plan, state } = saved;
  if (plan.shard) throw new StudyError(`${dir} is shard ${plan.shard.index}/${plan.shard.count} of a study: merge the shards first (campus merge)`);
  if (!plan.complete) throw new StudyError(`${dir} holds an unfinished study (${state.rows.size} of ${plan.range.end - plan.range.start} replications): continue it with campus study --resume`);
  const text = (name: string): string => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch (e) {
      throw new StudyError(`${dir} is not a whole study: cannot read ${name} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  };
  const json = <T>(name: string): T => {
    try {
      return JSON.parse(text(name)) as T;
    } catch (e) {
      if (e instanceof StudyError) throw e;
      throw new StudyError(`${join(dir, name)} is not valid JSON`);
    }
  };
  const summaryText = text('summary.json');
  const summary = json<Summary>('summary.json');
  const manifest = json<Manifest>('manifest.json');
  const mixed = (what: string, theirs: unknown, ours: unknown) =>
    new StudyError(`${dir} mixes two studies: ${what} is ${JSON.stringify(theirs)} but state/plan.json says ${JSON.stringify(ours)}; run the study again`);
  if (summary.scenarioHash !== plan.scenarioHash) throw mixed("summary.json's scenario (sha256)", summary.scenarioHash, plan.scenarioHash);
  if (summary.seed !== plan.seed) throw mixed("summary.json's seed", summary.seed, plan.seed);
  if (manifest.scenario?.sha256 !== plan.scenarioHash) throw mixed("manifest.json's scenario (sha256)", manifest.scenario?.sha256, plan.scenarioHash);
  if (manifest.seed !== plan.seed) throw mixed("manifest.json's seed", manifest.seed, plan.seed);

  const acc = new Accumulator(plan.variants, plan.months, state.bands);
  for (const [r, row] of state.rows) acc.addRow(r, row);
  const rows = acc.rows();
  const differs = (name: string) => new StudyError(`${dir} is not consistent: ${name} is not what its saved state gives (edited, or left from another run); run the study again`);
  for (const [name, rebuild] of Object.entries(dataFiles(rows, acc.bands, plan))) if (text(name) !== rebuild()) throw differs(name);
  const rebuilt = summarizePlan(rows, plan, summary.stopping);
  if (JSON.stringify(rebuilt, null, 2) + '\n' !== summaryText) throw differs('summary.json');
  return { ...saved, summary, manifest, acc };
}

/**
 * Rewrites a whole study's folder through a fresh one: its data files as they are (linked, not
 * copied), and what `draw` adds — the charts and report, drawn again. Returns the files drawn.
 */
export async function redrawStudy(dir: string, draw: (temp: string, study: WholeStudy) => Promise<string[]>): Promise<string[]> {
  readSavedPlan(dir); // a folder that is no study is refused before anything is locked or made
  return StudyFolder.with(dir, 'report', (folder) => {
    const study = readWholeStudy(folder.dir);
    return folder.replace(folder.dir, (temp) => {
      for (const name of ['summary.json', 'replications.csv', 'annual-cash-flows.csv', 'bands.csv', 'manifest.json', 'state/plan.json', 'state/rows.bin', 'state/bands.bin']) {
        linkOrCopy(join(folder.dir, name), join(temp, name));
      }
      return draw(temp, study);
    });
  });
}
