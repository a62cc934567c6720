import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../helpers/cli.js';

describe('authfault journal', () => {
  let idp: ChildProcess;
  let origin: string;
  let issuer: string;

  beforeAll(async () => {
    idp = spawn(process.execPath, [CLI, 'idp', '--port', '0', '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    issuer = await new Promise<string>((resolve, reject) => {
      idp.once('exit', (code) => reject(new Error(`authfault idp exited with ${code}`)));
      createInterface({ input: idp.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { issuer: string }).issuer));
    });
    origin = new URL(issuer).origin;
    await fetch(`${issuer}/.well-known/openid-configuration`);
    await fetch(`${issuer}/jwks`);
  }, 60_000);
  afterAll(() => {
    idp.kill('SIGTERM');
  });

  it('prints every request the provider saw, one line each, oldest first; --endpoint and --json narrow and shape it', async () => {
    const all = await runCli(['journal', '--idp', origin]);
    expect(all).toMatchObject({ code: 0, stderr: '' });
    const lines = all.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^#1 {2}\d\d:\d\d:\d\d\.\d{3} {2}GET +discovery +\/default\/\.well-known\/openid-configuration {2}200 {2}\d+ ms$/);
    expect(lines[1]).toMatch(/^#2 {2}.* {2}jwks +\/default\/jwks {2}200 {2}\d+ ms$/);

    const jwks = await runCli(['journal', '--endpoint', 'jwks', '--json', '--idp', origin]);
    expect(jwks.stdout.trim().split('\n').map((l) => JSON.parse(l) as { endpoint: string; status: number })).toEqual([expect.objectContaining({ endpoint: 'jwks', status: 200 })]);

    const bad = await runCli(['journal', '--endpoint', 'tokn', '--idp', origin]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--endpoint must be one of discovery, jwks, authorize');
  });

  it('--follow prints requests as they end, with the faults that changed them', async () => {
    const follower = spawn(process.execPath, [CLI, 'journal', '--follow', '--endpoint', 'token', '--idp', origin], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const lines = createInterface({ input: follower.stdout! });
      await runCli(['fault', 'add', 'rate-limit', '--when', 'endpoint=token', '--idp', origin]);
      const seen = new Promise<string>((resolve) => lines.on('line', (line) => line.includes('rate-limit') && resolve(line)));
      await fetch(`${issuer}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
      expect(await seen).toMatch(/^#\d+ {2}.* {2}POST +token +\/default\/token {2}429 {2}\d+ ms {2}\[rate-limit: /);
    } finally {
      follower.kill('SIGTERM');
      await runCli(['fault', 'clear', '--idp', origin]);
    }
  });
});

describe('CLI output into a closed pipe', () => {
  it('stops quietly when the reader goes away (authfault faults | head -1)', async () => {
    const child = spawn(process.execPath, [CLI, 'faults'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    // Closed before the first line is written: every write meets EPIPE.
    child.stdout!.destroy();
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
