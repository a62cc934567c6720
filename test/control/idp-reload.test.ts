import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

const POLL = { timeout: 10_000, interval: 50 };
const REDIRECT = 'http://127.0.0.1:9/cb';

/** An authfault.config.yaml with the given lines under `provider:`. */
function config(provider: string[]): string {
  return ['target:', '  command: node app.js', 'login:', '  url: "{app}/login"', 'signed-in:', '  text: Signed in', 'provider:', ...provider.map((l) => `  ${l}`), ''].join('\n');
}

const CLIENTS = ['clients:', '  - client_id: app', '    client_secret: reload-secret-0123', `    redirect_uris: ["${REDIRECT}"]`];

/**
 * `authfault idp --config <file>` as a developer runs it: edit the file while it runs and watch
 * the running provider change, through its control API, without losing keys or faults.
 */
describe('authfault idp reloads its config file (real process)', () => {
  let dir: string;
  let file: string;
  let idp: ChildProcess;
  let admin: string;
  let issuer: string;
  const log: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'authfault-reload-'));
    file = join(dir, 'authfault.config.yaml');
    await writeFile(file, config([...CLIENTS, 'users:', '  - id: alice']));
    idp = spawn(process.execPath, [CLI, 'idp', '--config', file, '--port', '0', '--json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    createInterface({ input: idp.stderr! }).on('line', (line) => log.push(line));
    const ready = await new Promise<{ issuer: string; admin: string }>((resolve, reject) => {
      idp.once('exit', (code) => reject(new Error(`authfault idp exited with ${code}: ${log.join('\n')}`)));
      createInterface({ input: idp.stdout! }).once('line', (line) => resolve(JSON.parse(line)));
    });
    ({ admin, issuer } = ready);
  }, 60_000);

  afterAll(async () => {
    if (idp && idp.exitCode === null) {
      const exited = new Promise((resolve) => idp.once('exit', resolve));
      idp.kill('SIGTERM');
      await exited;
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const get = async (path: string): Promise<any> => (await fetch(`${admin}${path}`)).json();
  const userIds = async () => ((await get('/users')).users as { id: string }[]).map((u) => u.id);
  const logged = (pattern: RegExp) => () => log.some((line) => pattern.test(line));

  it('applies an edit to users and clients in place, keeping keys and faults, and says what changed', async () => {
    const jwks = await (await fetch(`${issuer}/jwks`)).json();
    const added = await fetch(`${admin}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'state.tampered' }) });
    expect(added.status).toBe(201);
    expect(await userIds()).toEqual(['alice']);

    await writeFile(
      file,
      config([
        ...CLIENTS.slice(0, 3),
        `    redirect_uris: ["${REDIRECT}", "http://127.0.0.1:9/second"]`,
        'users:',
        '  - id: alice',
        '    roles: [admin]',
        '  - id: carol',
        '    claims: { department: sales }',
      ]),
    );
    await expect.poll(userIds, POLL).toEqual(['alice', 'carol']);
    expect((await get('/users/carol')).user).toEqual({ id: 'carol', claims: { department: 'sales' } });
    expect((await get('/clients')).clients).toEqual([expect.objectContaining({ client_id: 'app', client_secret: 'reload-secret-0123', redirect_uris: [REDIRECT, 'http://127.0.0.1:9/second'] })]);
    await expect.poll(logged(/reloaded/), POLL).toBe(true);
    expect(log.filter((l) => l.startsWith('authfault idp: '))).toEqual(['authfault idp: reloaded authfault.config.yaml: users +carol ~alice; clients ~app']);

    expect(await (await fetch(`${issuer}/jwks`)).json()).toEqual(jwks);
    expect((await get('/faults')).faults).toEqual([expect.objectContaining({ kind: 'state.tampered' })]);
  });

  it('a bad edit is reported with file, line and column, and the provider keeps what it had', async () => {
    await writeFile(file, config([...CLIENTS, 'users:', '  - id: alice', '    role: [admin]']));
    await expect.poll(logged(/^1 issue in 1 file$/), POLL).toBe(true);
    const at = log.findIndex((l) => /not applied/.test(l));
    expect(log.slice(at)).toEqual([
      'authfault idp: authfault.config.yaml not applied, keeping the previous config: the target config is invalid:',
      'authfault.config.yaml:14:7 provider.users.0.role: unknown key "role" — did you mean "roles"? (allowed: id, name, given_name, family_name, email, email_verified, roles, claims)',
      '1 issue in 1 file',
    ]);
    expect(await userIds()).toEqual(['alice', 'carol']);
    expect(idp.exitCode).toBeNull();
  });

  it('names settings that need a restart, and applies the rest once the file is fixed', async () => {
    await writeFile(file, config([...CLIENTS, 'users:', '  - id: dave', 'ttl:', '  code: 30']));
    await expect.poll(userIds, POLL).toEqual(['dave']);
    await expect.poll(logged(/users \+dave/), POLL).toBe(true);
    expect(log.filter((l) => l.startsWith('authfault idp: ')).at(-1)).toBe(
      'authfault idp: reloaded authfault.config.yaml: users +dave -alice -carol; clients ~app; restart to apply provider.ttl',
    );
  });

  it('reaches the tenants too: one made before the edit takes the new users, and the line says so', async () => {
    const tenantAdmin = `${new URL(issuer).origin}/tenant-a/__authfault`;
    const tenantUsers = async () => (((await (await fetch(`${tenantAdmin}/users`)).json()) as { users: { id: string }[] }).users).map((u) => u.id);
    expect(await tenantUsers()).toEqual(['dave']);
    await writeFile(file, config([...CLIENTS, 'users:', '  - id: erin', 'ttl:', '  code: 30']));
    await expect.poll(tenantUsers, POLL).toEqual(['erin']);
    expect(await userIds()).toEqual(['erin']);
    await expect.poll(logged(/users \+erin/), POLL).toBe(true);
    expect(log.filter((l) => l.startsWith('authfault idp: ')).at(-1)).toBe('authfault idp: reloaded authfault.config.yaml: users +erin -dave (the default issuer and 1 tenant)');
  });
});
