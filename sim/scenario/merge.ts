/** Deep merge of a variant over the base: mappings merge key by key; lists and scalars replace. */

type Tree = Record<string, unknown>;
const isTree = (x: unknown): x is Tree => x !== null && typeof x === 'object' && !Array.isArray(x);

export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isTree(base) || !isTree(over)) return over === undefined ? base : over;
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

/** True when `tree` holds a value at `path` (so a merged value there came from `tree`). */
export function hasPath(tree: unknown, path: ReadonlyArray<string | number>): boolean {
  let node: unknown = tree;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !(key in (node as object))) return false;
    node = (node as Record<string | number, unknown>)[key];
  }
  return true;
}
