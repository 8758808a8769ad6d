/**
 * A scenario file as parsed YAML that remembers where every value came from, so any later check
 * can point at the exact line and column of the key it is unhappy with.
 */
import { createHash } from 'node:crypto';
import { type Document, isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import { ScenarioError } from './scenario-error.js';

/** A path into the document: map keys and sequence indices. */
export type KeyPath = ReadonlyArray<string | number>;

// A hostile file must not exhaust memory: cap the size and the number of alias expansions.
export const MAX_FILE_BYTES = 1 << 20;
const MAX_ALIAS_COUNT = 100;

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
      const at = this.lines.linePos(error.pos[0]);
      throw new ScenarioError(file, at.line, at.col, '', `YAML syntax: ${error.message.split('\n')[0]}`);
    }
    let value: unknown;
    try {
      value = this.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      throw new ScenarioError(file, 1, 1, '', `YAML: ${(e as Error).message}`, `at most ${MAX_ALIAS_COUNT} alias expansions`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new ScenarioError(file, 1, 1, '', 'the file is not a mapping of keys to values', 'a YAML mapping such as `name: …`');
    }
    this.value = value;
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
