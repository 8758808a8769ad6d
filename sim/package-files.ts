/**
 * Files shipped with the package (the scenario schema, the month-end closes), found from this module
 * whether it runs from source (sim/) or compiled (dist/sim/).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding campus-sim's package.json. */
export const packageRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = dirname(dir)) {
    try {
      if (JSON.parse(readFileSync(resolve(dir, 'package.json'), 'utf8')).name === 'campus-sim') return dir;
    } catch {
      // no package.json here: keep climbing
    }
  }
  throw new Error('campus-sim could not find its own package.json');
})();

/** Absolute path of a file shipped in the package, e.g. `scenarios/schema.json`. */
export function packageFile(relative: string): string {
  return resolve(packageRoot, relative);
}
