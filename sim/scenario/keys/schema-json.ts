/**
 * scenarios/schema.json, generated from the key definitions: what editors complete and check
 * scenarios with, and what `campus` validates a file's structure against before reading it. Write
 * it with `npm run schema`; a test fails when the committed file is not what this gives.
 */
import { QUANTITY } from '../units.js';
import type { Bound, Key, NumberKey, SectionKey } from './define.js';
import { DEFINITIONS, SCENARIO } from './scenario.js';

type Node = Record<string, unknown>;

const KEYWORD: Readonly<Record<Bound, string>> = { min: 'minimum', max: 'maximum', above: 'exclusiveMinimum', below: 'exclusiveMaximum' };

/** The JSON Schema of a key. */
export function keySchema(key: Key): Node {
  const description = key.description !== undefined ? { description: key.description } : {};
  switch (key.is) {
    case 'number':
      return { ...numberType(key), ...bounds(key), ...defaultOf(key), ...description };
    case 'section':
      return sectionSchema(key);
    case 'list':
      return { type: 'array', ...(key.minItems !== undefined ? { minItems: key.minItems } : {}), ...(key.maxItems !== undefined ? { maxItems: key.maxItems } : {}), ...description, items: keySchema(key.item) };
    case 'map':
      return {
        type: 'object',
        ...(key.minEntries !== undefined ? { minProperties: key.minEntries } : {}),
        ...description,
        ...(key.namePattern !== undefined ? { propertyNames: { pattern: key.namePattern } } : {}),
        additionalProperties: keySchema(key.value),
      };
    case 'ref':
      return { $ref: `#/$defs/${key.name}`, ...(key.required ? { type: 'object', required: key.required } : {}), ...description };
    case 'json':
      return { ...key.schema, ...description };
  }
}

function sectionSchema(key: SectionKey): Node {
  return {
    type: 'object',
    additionalProperties: false,
    ...(key.required ? { required: key.required } : {}),
    ...(key.description !== undefined ? { description: key.description } : {}),
    properties: Object.fromEntries(Object.entries(key.keys).map(([name, k]) => [name, keySchema(k)])),
  };
}

/** A whole number is written as one; any other number may be a quantity with a unit, an expression or a distribution. */
function numberType(key: NumberKey): Node {
  if (key.integer) return { type: 'integer' };
  return key.unit === 'number' ? { type: ['number', 'string'] } : { $ref: '#/$defs/quantity' };
}

function bounds(key: NumberKey): Node {
  return Object.fromEntries(key.schemaBounds.map((b) => [KEYWORD[b], key.range[b]]));
}

/** The default as the file would write it: a number, or a quantity in the simulator's unit ("24 h"). */
function defaultOf(key: NumberKey): Node {
  if (key.default === undefined || !Number.isFinite(key.default)) return {};
  const unit = QUANTITY[key.unit].unit;
  return { default: unit === undefined ? key.default : `${Number(key.default.toPrecision(12))} ${unit}` };
}

/** The whole schema. */
export function scenarioSchema(): Node {
  const { type, additionalProperties, required, description, properties } = sectionSchema(SCENARIO);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://campus-sim.dev/schema/scenario.json',
    title: 'campus-sim scenario',
    description,
    type,
    additionalProperties,
    required,
    properties,
    $defs: {
      quantity: { type: ['string', 'number'], description: 'A number with a unit, such as "300 MW" or "45 USD/MWh", or a mathjs expression of them.' },
      ...Object.fromEntries(Object.entries(DEFINITIONS).map(([name, k]) => [name, keySchema(k)])),
    },
  };
}

/** schema.json's text: two-space JSON and a final newline. */
export const scenarioSchemaText = (): string => `${JSON.stringify(scenarioSchema(), null, 2)}\n`;
