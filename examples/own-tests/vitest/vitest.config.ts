import { defineConfig } from 'vitest/config';

// `npx vitest run --root examples/own-tests/vitest`; the repository's `npm test` runs it once,
// from test/e2e/own-tests.test.ts. Named *.spec.ts so the repository's build type-checks it: its
// tsconfig leaves *.test.ts to vitest.
export default defineConfig({
  test: {
    include: ['*.spec.ts'],
  },
});
