/** The last step of `npm run build`: writes the scenario schema's validator as standalone code beside schema-validator.js (see there). */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { schemaPath } from './schema.js';
import { PRECOMPILED, standaloneValidator } from './schema-validator.js';

writeFileSync(fileURLToPath(new URL(PRECOMPILED, import.meta.url)), standaloneValidator(readFileSync(schemaPath(), 'utf8')));
