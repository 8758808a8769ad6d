/**
 * The scenario schema's ajv validator. Compiling the schema is most of what `campus validate` costs
 * of its own (~0.2 s here, several times that on a busy machine), so `npm run build` also writes the
 * compiled validator as ajv's standalone code beside this module, stamped with the SHA-256 of the
 * schema it was made from (precompile-schema.ts). It is used only when the stamp matches the schema
 * being read; running from source, or after the schema changed, the schema is compiled here.
 * (ajv docs, "Standalone validation code".)
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Options, ValidateFunction } from 'ajv/dist/2020.js';

/** The options of both paths: the same validator either way. */
const OPTIONS: Options = { allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true };

/** The build's validator, beside this module. */
export const PRECOMPILED = './schema-validator.cjs';

const require = createRequire(import.meta.url);

/** What identifies a schema's text: its SHA-256. */
export const schemaStamp = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The validator of the schema `text`: the build's when it was made from this very text, else compiled now. */
export function schemaValidator(text: string): ValidateFunction {
  const built = precompiled();
  if (built?.stamp === schemaStamp(text)) return built;
  // ajv is loaded here, on the first file checked, not with the module: a program that reads no scenario never pays for it.
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  return new Ajv2020(OPTIONS).compile(JSON.parse(text));
}

/** The validator of the schema `text` as standalone CommonJS code, stamped: what the build writes. */
export function standaloneValidator(text: string): string {
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const { default: standaloneCode } = require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js');
  const ajv = new Ajv2020({ ...OPTIONS, code: { source: true } });
  return `${standaloneCode(ajv, ajv.compile(JSON.parse(text)))}\nmodule.exports.stamp = ${JSON.stringify(schemaStamp(text))};\n`;
}

function precompiled(): (ValidateFunction & { stamp?: string }) | undefined {
  try {
    return require(PRECOMPILED);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined; // not built: running from source
    throw e;
  }
}
