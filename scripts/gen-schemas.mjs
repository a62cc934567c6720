// Writes the editor schemas (scenarios/schema.json, scenarios/config.schema.json) from the zod
// schemas in harness/. Reads the build output, so run `npm run build` first (npm test does).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = new URL('../dist/harness/language/editor-schemas.js', import.meta.url);

let renderEditorSchemas;
try {
  ({ renderEditorSchemas } = await import(built.href));
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  console.error(`gen-schemas: ${fileURLToPath(built)} is missing; run \`npm run build\` first`);
  process.exit(2);
}

for (const { file, text } of renderEditorSchemas()) {
  const path = `${root}${file}`;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  console.log(`wrote ${file}`);
}
