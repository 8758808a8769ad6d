/** The definition of the key at a path of a scenario (a variant's campus reads as the top level does). */
import type { Key, NumberKey } from './define.js';
import { DEFINITIONS, SCENARIO } from './scenario.js';

const found = new Map<string, Key | undefined>();

/** The key at `path` (list entries by index, named entries by name), or undefined if there is none. */
export function keyAt(path: readonly (string | number)[]): Key | undefined {
  const id = path.map((p) => (typeof p === 'number' ? '[]' : p)).join('.');
  if (found.has(id)) return found.get(id);
  let key: Key | undefined = SCENARIO;
  for (const part of path) {
    if (key?.is === 'ref') key = DEFINITIONS[key.name];
    if (key?.is === 'section') key = Object.hasOwn(key.keys, part) ? key.keys[part] : undefined;
    else if (key?.is === 'list' && typeof part === 'number') key = key.item;
    else if (key?.is === 'map') key = key.value;
    else key = undefined;
  }
  if (key?.is === 'ref') key = DEFINITIONS[key.name];
  found.set(id, key);
  return key;
}

/** The number key at `path`; a path that has none is a mistake in the reader, not in the file. */
export function numberKeyAt(path: readonly (string | number)[]): NumberKey {
  const key = keyAt(path);
  if (key?.is !== 'number') throw new Error(`no number key is defined at ${path.join('.')}`);
  return key;
}
