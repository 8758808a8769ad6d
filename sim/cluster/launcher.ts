/**
 * How a cluster node starts campus: this very node binary and the package's built CLI, both by
 * absolute path, so a batch script or job runs whatever its working directory and PATH.
 */
import { existsSync, readFileSync } from 'node:fs';
import { packageFile } from '../package-files.js';
import { StudyError } from '../study/study-error.js';

export interface Launcher {
  node: string;
  entry: string;
}

export function campusLauncher(): Launcher {
  const bin = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')).bin.campus as string;
  const entry = packageFile(bin);
  // Run from source (tsx), the compiled CLI may not exist yet; the nodes would fail on it later.
  if (!existsSync(entry)) throw new StudyError(`the compiled CLI ${entry} is missing; run \`npm run build\` first`);
  return { node: process.execPath, entry };
}
