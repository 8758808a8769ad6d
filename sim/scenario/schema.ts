/**
 * Structural validation against `scenarios/schema.json` (the same file editors use to complete and
 * check scenarios), turned into one ScenarioError that points at the offending key.
 */
import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { echo } from '../core/echo.js';
import { packageFile } from '../package-files.js';
import { didYouMean } from './did-you-mean.js';
import { schemaValidator } from './schema-validator.js';
import type { KeyPath, ScenarioSource } from './source.js';

/** Path of the shipped schema. */
export function schemaPath(): string {
  return packageFile('scenarios/schema.json');
}

let validator: ValidateFunction | undefined;
let schemaRoot: { $defs?: Record<string, SchemaNode> } = {};
function validate(): ValidateFunction {
  if (!validator) {
    const text = readFileSync(schemaPath(), 'utf8');
    schemaRoot = JSON.parse(text);
    validator = schemaValidator(text);
  }
  return validator;
}

interface SchemaNode {
  properties?: Record<string, unknown>;
  $ref?: string;
  description?: string;
}

/** Keys a schema node allows, following a local `$ref` (`site` is `{ $ref, required }`). */
function knownKeys(node: SchemaNode | undefined): string[] {
  if (node?.properties) return Object.keys(node.properties);
  const ref = /^#\/\$defs\/(.+)$/.exec(node?.$ref ?? '');
  return ref ? knownKeys(schemaRoot.$defs?.[ref[1]]) : [];
}

/** Throws a ScenarioError for the first way `src` breaks the schema. */
export function checkSchema(src: ScenarioSource): void {
  const v = validate();
  if (v(src.value)) return;
  const error = v.errors![0];
  const path = pointerToPath(error.instancePath);
  explain(src, path, error);
}

function explain(src: ScenarioSource, path: KeyPath, e: ErrorObject): never {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      if (path.length === 2 && path[0] === 'variants' && WORLD_SECTIONS.includes(key)) {
        src.fail([...path, key], `a variant cannot change '${echo(key)}': every variant runs on the same world, so comparisons stay paired`, 'site, mining, finance, lease or gpuCloud here; set the world once at the top level', true);
      }
      const known = Object.keys(((e.parentSchema as { properties?: object }) ?? {}).properties ?? {});
      const guess = didYouMean(key, known);
      src.fail([...path, key], `unknown key '${echo(key)}'${guess ? ` (did you mean '${echo(guess)}'?)` : ''}`, known.length ? `one of ${known.join(', ')}` : undefined, true);
    }
    case 'required': {
      // ajv checks `required` before unknown keys: a misspelt required key shows up as missing.
      const missing = String(params.missingProperty);
      const known = knownKeys(e.parentSchema as SchemaNode);
      const typo = Object.keys(e.data as object).find((k) => !known.includes(k) && didYouMean(k, [missing]) === missing);
      if (typo) src.fail([...path, typo], `unknown key '${echo(typo)}' (did you mean '${echo(missing)}'?)`, `one of ${known.join(', ')}`, true);
      src.fail(path, `missing required key '${echo(missing)}'`, undefined, true);
    }
    case 'type': {
      const expected = String(params.type).split(',').map((t) => TYPE_WORDS[t] ?? t).join(' or ');
      if (typeof e.data === 'number' && !Number.isFinite(e.data)) src.fail(path, `${describe(e.data)} is not a finite number`, expected);
      src.fail(path, e.data === null ? 'no value given' : `wrong type (${describe(e.data)})`, expected);
    }
    case 'enum':
      src.fail(path, `'${echo(String(e.data))}' is not allowed`, `one of ${(params.allowedValues as unknown[]).join(', ')}`);
    case 'minProperties': {
      const description = (e.parentSchema as SchemaNode).description;
      src.fail(path, 'the mapping is empty', `at least ${String(params.limit)} ${params.limit === 1 ? 'entry' : 'entries'}${description ? `: ${asExpected(description)}` : ''}`);
    }
    case 'propertyNames':
      src.fail([...path, String(params.propertyName)], `name '${echo(String(params.propertyName))}' is not allowed`, 'letters, digits, ".", "_" or "-", starting with a letter or digit', true);
    default: {
      // A bad variant name fails the name's own `pattern`, with the name in `propertyName`.
      if (e.propertyName !== undefined) explain(src, path, { ...e, keyword: 'propertyNames', params: { propertyName: e.propertyName } });
      const schemaText = (e.parentSchema as SchemaNode | undefined)?.description;
      src.fail(path, `${describe(e.data)} ${e.message ?? 'is invalid'}`, schemaText && asExpected(schemaText));
    }
  }
}

/** Top-level sections shared by every variant. */
const WORLD_SECTIONS = ['market', 'network', 'horizon', 'study', 'name', 'description', 'variants'];

const TYPE_WORDS: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', number: 'a number', integer: 'a whole number', boolean: 'true or false' };

/** A schema description read after "expected": "Share of the hall's GPUs." → "share of the hall's GPUs". */
const asExpected = (text: string) => (/^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text).replace(/\.$/, '');

/** A value as the file wrote it, briefly: YAML's .inf and .nan are numbers JSON cannot show. */
const describe = (x: unknown): string =>
  x === null ? 'null'
  : Array.isArray(x) ? 'a list'
  : typeof x === 'object' ? 'a mapping'
  : typeof x === 'number' && !Number.isFinite(x) ? (Number.isNaN(x) ? '.nan' : x > 0 ? '.inf' : '-.inf')
  : echo(JSON.stringify(x));

function pointerToPath(pointer: string): KeyPath {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
