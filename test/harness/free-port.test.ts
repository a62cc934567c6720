import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ephemeralRange, freePort } from '../../harness/target/free-port.js';
import { useTempFiles } from './temp-files.js';

/** Whether the port can be listened on now (then closed again). */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

describe('freePort: the app’s port, chosen where outgoing connections never take it (real sockets)', () => {
  const files = useTempFiles();

  it('reads the ephemeral range as Linux writes it, and nothing from a file that is not one', async () => {
    const dir = await files({ 'range': '32768\t60999\n', 'bad': 'nonsense\n' });
    expect(ephemeralRange(join(dir, 'range'))).toEqual({ low: 32768, high: 60999 });
    expect(ephemeralRange(join(dir, 'bad'))).toBeUndefined();
    expect(ephemeralRange(join(dir, 'absent'))).toBeUndefined();
  });

  it('picks a free port below the ephemeral range when it is known', async () => {
    const range = { low: 40_000, high: 60_999 };
    for (let i = 0; i < 10; i++) {
      const port = await freePort('127.0.0.1', range);
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(40_000);
      expect(await bindable(port)).toBe(true);
    }
  });

  it('never hands out a port something listens on: it tries another', async () => {
    const range = { low: 21_000, high: 60_999 };
    let busy = 20_000;
    while (!(await bindable(busy))) busy++;
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(busy, '127.0.0.1', resolve));
    try {
      // The first draw lands on the port in use, the second elsewhere.
      const draws = [(busy - 20_000) / 1_000, 0.9995];
      const port = await freePort('127.0.0.1', range, () => draws.shift() ?? 0.5);
      expect(port).not.toBe(busy);
      expect(draws).toEqual([]);
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(21_000);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('lets the OS pick where the range is unknown or leaves no room below it', async () => {
    const range = ephemeralRange();
    const picked = await freePort('127.0.0.1', { low: 20_500, high: 60_999 });
    expect(await bindable(picked)).toBe(true);
    if (range) expect(picked).toBeGreaterThanOrEqual(range.low);
  });
});
