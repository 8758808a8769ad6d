/** `npm run schema`: writes scenarios/schema.json from the key definitions (schema-json.ts). */
import { writeFileSync } from 'node:fs';
import { packageFile } from '../../package-files.js';
import { scenarioSchemaText } from './schema-json.js';

writeFileSync(packageFile('scenarios/schema.json'), scenarioSchemaText());
