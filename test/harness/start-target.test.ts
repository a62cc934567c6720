import { createServer } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTarget, type TargetLaunch } from '../../harness/target/start-target.js';

/** An app that answers its pid, and handles SIGTERM 300 ms late, its port open until then — a busy app. */
const SLOW_TO_STOP = `
import { createServer } from 'node:http';
const server = createServer((req, res) => res.end(String(process.pid)));
server.listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', () => setTimeout(() => { server.close(() => process.exit(0)); server.closeAllConnections(); }, 300));
`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('startTarget: a restarted app is the new one', () => {
  it('stop() waits until the app has let go of its port, so the next start is not "ready" on the old one’s answer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authfault-target-'));
    await writeFile(join(dir, 'app.mjs'), SLOW_TO_STOP);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // The command runs in a shell, which exits at SIGTERM at once while the app under it does not.
    const launch: TargetLaunch = { command: 'node app.mjs', cwd: dir, env: { PORT: String(port) }, url, ready: `${url}/`, timeoutMs: 10_000, logFile: join(dir, 'app.log') };
    let target = await startTarget(launch);
    const pids = [await (await fetch(url)).text()];
    for (let restart = 0; restart < 3; restart++) {
      await target.stop();
      await expect(fetch(url, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
      target = await startTarget(launch);
      pids.push(await (await fetch(url)).text());
    }
    await target.stop();
    expect(new Set(pids).size).toBe(4);
  }, 60_000);
});
