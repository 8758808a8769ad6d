import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { packageFile } from '../package-files.js';
import { schemaPath } from './schema.js';
import { schemaStamp, schemaValidator, standaloneValidator } from './schema-validator.js';

const text = readFileSync(schemaPath(), 'utf8');

/** Every shipped and malformed scenario that parses as YAML, as the validator sees it. */
function documents(): Array<{ file: string; value: unknown }> {
  const files = ['scenarios', 'scenarios/malformed'].flatMap((dir) => readdirSync(packageFile(dir)).filter((f) => f.endsWith('.yaml')).map((f) => `${dir}/${f}`));
  return files.flatMap((file) => {
    try {
      return [{ file, value: parse(readFileSync(packageFile(file), 'utf8'), { maxAliasCount: 100 }) }];
    } catch {
      return []; // not YAML at all: the schema never sees it
    }
  });
}

test('the build’s standalone validator gives the verdicts and errors the compiled one gives, on every scenario file', () => {
  // Evaluated as the CommonJS module the build writes, requiring ajv's runtime from here.
  const module = { exports: {} as { (value: unknown): boolean; stamp: string; errors: unknown } };
  new Function('module', 'exports', 'require', standaloneValidator(text))(module, module.exports, createRequire(import.meta.url));
  const standalone = module.exports;
  assert.is(standalone.stamp, schemaStamp(text), 'stamped with the schema it was made from');
  const compiled = schemaValidator(text);
  const docs = documents();
  assert.ok(docs.length > 60, `${docs.length} files`);
  let failing = 0;
  for (const { file: name, value } of docs) {
    const ok = compiled(value);
    assert.is(standalone(value), ok, name);
    if (!ok) {
      failing++;
      const strip = (errors: unknown) => JSON.parse(JSON.stringify(errors));
      assert.equal(strip(standalone.errors), strip(compiled.errors), name);
    }
  }
  assert.ok(failing > 20, `${failing} files break the schema: the comparison covers errors too`);
});

test('a schema’s stamp changes with any byte of it', () => {
  assert.is.not(schemaStamp(text), schemaStamp(text.replace('"title"', '"title" ')));
  assert.is(schemaStamp(text), schemaStamp(String(text)));
});

test.run();
