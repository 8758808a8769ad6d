/**
 * Submits a batch script with Slurm's `sbatch --parsable`, which prints the job id alone (or
 * `id;cluster` on a federation), and returns that id.
 */
import { spawnSync } from 'node:child_process';
import { StudyError } from '../study/study-error.js';

export function sbatch(script: string, flags: readonly string[] = []): string {
  const r = spawnSync('sbatch', ['--parsable', ...flags, script], { encoding: 'utf8' });
  if (r.error) {
    const why = (r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'sbatch is not on PATH (is this a Slurm login node?)' : r.error.message;
    throw new StudyError(`cannot submit ${script}: ${why}`);
  }
  if (r.status !== 0) throw new StudyError(`sbatch refused ${script}: ${(r.stderr || r.stdout).trim() || `exit ${r.status}`}`);
  const id = r.stdout.trim().split(';')[0];
  if (!/^\d+$/.test(id)) throw new StudyError(`sbatch accepted ${script} but printed no job id: '${r.stdout.trim()}'`);
  return id;
}
