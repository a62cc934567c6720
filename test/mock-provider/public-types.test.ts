import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The published types as a team's TypeScript project meets them: a consumer with `skipLibCheck:
 * false` (every .d.ts checked) and none of the type packages authfault develops with
 * (@types/oidc-provider, @types/express), importing `authfault`, `authfault/common` and
 * `authfault/playwright` from the built package. Its own packages are linked from this
 * repository's node_modules; the repository's node_modules are not visible to it.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** What a consumer has installed next to authfault: its dependencies, never its dev dependencies' types. */
const LINKED = ['zod', 'jose', 'oidc-provider', 'express', '@playwright/test', 'playwright', 'playwright-core', '@types/node', 'undici-types'];

const CONSUMER = `
import { createMockProvider, parseFault, type FaultInput, type FaultInputOf, type FaultKindName, type FaultSpec } from 'authfault';
import { kindNames, type WhenInput } from 'authfault/common';
import { test } from 'authfault/playwright';

const idp = await createMockProvider();
await idp.faults.add({ kind: 'token.expired', token: 'access_token', by_s: 60, when: { endpoint: 'token', times: 1 } });
await idp.faults.add([{ kind: 'rate-limit', limit: 2, per: 'client' }, { kind: 'state.tampered' }]);

// @ts-expect-error a misspelt kind
await idp.faults.add({ kind: 'token.expird' });
// @ts-expect-error a parameter the kind does not have
await idp.faults.add({ kind: 'token.expired', limit: 3 });
// @ts-expect-error a value the parameter does not take
await idp.faults.add({ kind: 'rate-limit', per: 'user' });
// @ts-expect-error a misspelt key of the envelope
await idp.faults.add({ kind: 'state.tampered', when: { tims: 1 } });
// @ts-expect-error an injection point that does not exist
await idp.faults.add({ kind: 'state.tampered', when: { endpoint: 'tokn' } });

const decoded = parseFault({ kind: 'clock.skew', seconds: 30 });
if (decoded.ok) {
  const spec: FaultSpec = decoded.fault;
  await idp.faults.add(spec);
}
const skew: FaultInputOf<'clock.skew'> = { kind: 'clock.skew', seconds: -30 };
const name: FaultKindName = kindNames()[0]!;
const when: WhenInput = { endpoint: ['token', 'userinfo'], nth: 2 };
const written: FaultInput[] = [skew, { kind: name === 'clock.skew' ? 'clock.skew' : 'state.missing', seconds: 1 } as FaultInput, { kind: 'iss.missing', when }];
void written;
await idp.close();

test('a fault through the fixture', async ({ faults }) => {
  await faults.add({ kind: 'scope.denied' });
  // @ts-expect-error a misspelt kind through the fixture
  await faults.add({ kind: 'scope.deny' });
});
`;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'authfault-consumer-'));
  const pkg = join(dir, 'node_modules', 'authfault');
  mkdirSync(pkg, { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
  symlinkSync(join(ROOT, 'dist'), join(pkg, 'dist'));
  for (const name of LINKED) {
    mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
  }
  writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, noEmit: true, types: ['node'], preserveSymlinks: true },
      include: ['consumer.ts'],
    }),
  );
  writeFileSync(join(dir, 'consumer.ts'), CONSUMER);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the published types, in a consumer project', () => {
  it('compile with skipLibCheck: false and without oidc-provider’s or express’s types; typos in kinds and parameters do not', async () => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', dir], { cwd: dir }).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result).toBe('');
  }, 120_000);
});
