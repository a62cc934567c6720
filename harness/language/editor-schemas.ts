import { z } from 'zod';
import { targetConfigSchema } from '../config/schema.js';
import { scenarioSchema } from './schema.js';

/**
 * The JSON Schemas editors use for hover text and completion, derived from the zod schemas (the
 * one place the formats are written). scripts/gen-schemas.mjs writes them; a test fails when a
 * committed copy is stale.
 */
const EDITOR_SCHEMAS = [
  { file: 'scenarios/schema.json', schema: scenarioSchema, source: 'harness/language/schema.ts' },
  { file: 'scenarios/config.schema.json', schema: targetConfigSchema, source: 'harness/config/schema.ts' },
] as const;

/** Each schema file, relative to the package root, with its exact text. */
export function renderEditorSchemas(): { file: string; text: string }[] {
  return EDITOR_SCHEMAS.map(({ file, schema, source }) => {
    const { $schema, ...rest } = z.toJSONSchema(schema, { io: 'input' });
    const json = { $schema, $comment: `Generated from ${source} by \`npm run schema\`; do not edit.`, ...rest };
    return { file, text: `${JSON.stringify(json, null, 2)}\n` };
  });
}
