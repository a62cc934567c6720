import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The lowest port chosen below the ephemeral range: above the well-known and common service ports. */
const LOWEST = 20_000;
const TRIES = 20;

/**
 * A port that was free a moment ago on `host`, for the app to bind next.
 *
 * Chosen at random below the OS's ephemeral range when that range is known (Linux): a port the OS
 * picks for port 0 comes from that range, which it also draws from for every outgoing
 * connection's local port, and under load (a browser, the app's own calls, other workers) an
 * outgoing connection took one between this check and the app's bind (AUTHFAULT_TARGET_PORT_TAKEN,
 * once in CI). Below the range only another listener can take it. Elsewhere, or when no port
 * there is free, the OS picks.
 */
export async function freePort(host = '127.0.0.1', range = ephemeralRange(), random: () => number = Math.random): Promise<number> {
  if (range && range.low - LOWEST >= 1_000) {
    for (let i = 0; i < TRIES; i++) {
      const port = LOWEST + Math.floor(random() * (range.low - LOWEST));
      if ((await listenOn(port, host).catch(() => undefined)) !== undefined) return port;
    }
  }
  return listenOn(0, host);
}

/** Linux's ephemeral port range (net.ipv4.ip_local_port_range), or undefined where it cannot be read. */
export function ephemeralRange(file = '/proc/sys/net/ipv4/ip_local_port_range'): { low: number; high: number } | undefined {
  try {
    const [low, high] = readFileSync(file, 'utf8').trim().split(/\s+/).map(Number);
    return Number.isInteger(low) && Number.isInteger(high) && low! > 0 && high! >= low! ? { low: low!, high: high! } : undefined;
  } catch {
    return undefined;
  }
}

/** Listen on the port (0: one the OS picks) and close again; the port that was free. */
function listenOn(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: bound } = server.address() as { port: number };
      server.close(() => resolve(bound));
    });
  });
}
