import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderEditorSchemas } from '../../harness/language/editor-schemas.js';

const root = new URL('../../', import.meta.url);

describe('committed editor schemas', () => {
  it.each(renderEditorSchemas())('$file matches the zod schemas (run `npm run schema` after changing them)', async ({ file, text }) => {
    expect(await readFile(new URL(file, root), 'utf8')).toBe(text);
  });

  it('carry a $comment saying how they are made', () => {
    for (const { text } of renderEditorSchemas()) expect(JSON.parse(text).$comment).toMatch(/by `npm run schema`; do not edit\.$/);
  });
});
