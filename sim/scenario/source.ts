/**
 * A scenario file as parsed YAML that remembers where every value came from, so any later check
 * can point at the exact line and column of the key it is unhappy with.
 */
import { createHash } from 'node:crypto';
import { type Alias, type Document, isAlias, isCollection, isMap, isNode, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { echo } from '../core/echo.js';
import { ScenarioError } from './scenario-error.js';

/** A path into the document: map keys and sequence indices. */
export type KeyPath = ReadonlyArray<string | number>;

// A hostile file must not exhaust memory: cap the size and the number of alias expansions.
export const MAX_FILE_BYTES = 1 << 20;
const MAX_ALIAS_COUNT = 100;
const MAX_REPORTED_DEPTH = 12;

export const formatPath = (path: KeyPath): string =>
  path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');

export class ScenarioSource {
  readonly value: unknown;
  /** SHA-256 of the file's bytes: the manifest's record of exactly which scenario ran. */
  readonly hash: string;
  /** Values derived from this file's text, kept across re-readings (see ScenarioReader.memo). */
  readonly memo = new Map<string, unknown>();
  private readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(readonly file: string, readonly text: string) {
    this.hash = createHash('sha256').update(text).digest('hex');
    if (Buffer.byteLength(text) > MAX_FILE_BYTES) {
      throw new ScenarioError(file, 1, 1, '', `file is ${Buffer.byteLength(text)} bytes`, `at most ${MAX_FILE_BYTES} bytes`);
    }
    // Merge keys (`<<: *anchor`) let a variant reuse another's section and change a key or two.
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true, merge: true });
    const error = this.doc.errors[0];
    if (error) {
      const path = this.pathAt(error.pos[0]);
      // The YAML reader runs out of stack somewhere deep in a nest, where depends on the stack: blame the nest.
      const tooDeep = error.message.startsWith('Maximum call stack size exceeded');
      const pos = this.lines.linePos(error.pos[0]);
      const { line, column } = tooDeep && path.length ? this.locate(path) : { line: pos.line, column: pos.col };
      const problem =
        error.code === 'DUPLICATE_KEY' ? `key '${echo(String(path[path.length - 1]))}' is given twice in the same mapping`
        : error.code === 'MULTIPLE_DOCS' ? "the file holds more than one YAML document ('---' starts another)"
        : tooDeep ? 'mappings or lists are nested too deeply for the YAML reader'
        : `YAML syntax: ${error.message.split('\n')[0]}`;
      throw new ScenarioError(file, line, column, formatPath(path), problem);
    }
    let value: unknown;
    try {
      value = this.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      this.failAlias((e as Error).message);
    }
    if (value === null || value === undefined) {
      throw new ScenarioError(file, 1, 1, '', 'the file has no keys (it is empty or all comments)', 'a YAML mapping such as `name: …`');
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ScenarioError(file, 1, 1, '', 'the file is not a mapping of keys to values', 'a YAML mapping such as `name: …`');
    }
    this.value = value;
  }

  /**
   * Key path of the deepest node around character `offset`, where a YAML error was found; a
   * mapping's or list's end counts as around, so an unclosed `{` or a stray tab blames the mapping.
   */
  private pathAt(offset: number): KeyPath {
    let path: KeyPath = [];
    for (const [node, at] of nodesWithPaths(this.doc.contents)) {
      const end = node.range ? node.range[2] + (isCollection(node) ? 1 : 0) : -1;
      if (node.range && node.range[0] <= offset && offset < end && at.length > path.length) path = at;
    }
    // No scenario key lies deeper; a hostile file's thousand-level path would drown the message.
    return path.slice(0, MAX_REPORTED_DEPTH);
  }

  /** Points a failed alias expansion at the alias to blame: one with no anchor, or the one expanding most. */
  private failAlias(message: string): never {
    // Resolve every alias in one pass, as YAML does: to the last node given that anchor before it.
    const anchors = new Map<string, Node>();
    const targets = new Map<Alias, Node>();
    const aliases: Array<[Alias, KeyPath]> = [];
    for (const [node, path] of nodesWithPaths(this.doc.contents)) {
      if (!isAlias(node)) {
        if (node.anchor) anchors.set(node.anchor, node);
        continue;
      }
      const target = anchors.get(node.source);
      if (!target) this.failAt(node, path, `alias '*${node.source}' names no anchor set before it`, `an anchor '&${node.source}' earlier in the file`);
      targets.set(node, target);
      aliases.push([node, path]);
    }
    // What one more alias to a node costs: itself, and every alias inside the node, expanded in turn.
    const inside = new Map<Node, number>();
    const expansions = (target: Node): number => {
      if (!inside.has(target)) {
        inside.set(target, 0); // an alias inside its own anchor counts once
        let n = 0;
        for (const [node] of nodesWithPaths(target)) if (isAlias(node)) n += 1 + expansions(targets.get(node)!);
        inside.set(target, n);
      }
      return inside.get(target)!;
    };
    const cost = ([alias]: [Alias, KeyPath]) => 1 + expansions(targets.get(alias)!);
    const worst = aliases.reduce<[Alias, KeyPath] | undefined>((best, x) => (!best || cost(x) > cost(best) ? x : best), undefined);
    if (!worst) throw new ScenarioError(this.file, 1, 1, '', `YAML: ${message}`);
    this.failAt(worst[0], worst[1], `alias '*${worst[0].source}' expands to ${cost(worst).toLocaleString('en-US')} aliases: too many expansions (an alias bomb?)`, `at most ${MAX_ALIAS_COUNT} alias expansions in the file`);
  }

  private failAt(node: Node, path: KeyPath, problem: string, expected?: string): never {
    const pos = this.lines.linePos(node.range![0]);
    throw new ScenarioError(this.file, pos.line, pos.col, formatPath(path), problem, expected);
  }

  /** Line and column of the value at `path`, or of its closest existing ancestor. */
  locate(path: KeyPath): { line: number; column: number } {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && node.range) {
        const pos = this.lines.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return { line: 1, column: 1 };
  }

  /** Line and column of the key (not the value) at `path`; falls back to `locate`. */
  locateKey(path: KeyPath): { line: number; column: number } {
    if (path.length === 0) return this.locate(path);
    const parent = this.doc.getIn(path.slice(0, -1), true);
    if (isMap(parent)) {
      for (const item of parent.items) {
        if (isPair(item) && isScalar(item.key) && item.key.value === path[path.length - 1] && item.key.range) {
          const pos = this.lines.linePos(item.key.range[0]);
          return { line: pos.line, column: pos.col };
        }
      }
    }
    return this.locate(path);
  }

  /** Throws the ScenarioError for the value at `path`. */
  fail(path: KeyPath, problem: string, expected?: string, atKey = false): never {
    const at = atKey ? this.locateKey(path) : this.locate(path);
    throw new ScenarioError(this.file, at.line, at.column, formatPath(path), problem, expected);
  }
}

/** Every node from `node` down, with its key path: parents before children, in file order. */
function* nodesWithPaths(node: unknown, path: KeyPath = []): Generator<[Node, KeyPath]> {
  if (!isNode(node)) return;
  yield [node, path];
  if (isMap(node)) {
    for (const pair of node.items) {
      // A merge key (`<<`) reads back as a symbol.
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      const at = [...path, typeof key === 'symbol' ? key.description ?? '<<' : String(key)];
      if (isNode(pair.key)) yield [pair.key, at];
      yield* nodesWithPaths(pair.value, at);
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) yield* nodesWithPaths(node.items[i], [...path, i]);
  }
}
