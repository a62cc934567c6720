import { usageError } from '../../util/usage-error.js';
import { call, parsePairs, type FaultCliOptions } from './fault.js';

export interface TokenCliOptions extends FaultCliOptions {
  sub?: string;
  client?: string;
  scope?: string;
  claim?: string[];
  ttl?: string;
  kind?: string;
  format?: string;
}

/**
 * `authfault token`: mint a token on a running provider (POST /__authfault/tokens) for API tests
 * and curl. Prints the token alone, so `TOKEN=$(authfault token --sub alice)` works; `--json`
 * prints it with its kind, format, expiry and claims.
 */
export async function tokenCommand(options: TokenCliOptions): Promise<number> {
  const ttl = options.ttl === undefined ? undefined : Number(options.ttl);
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 1)) throw usageError('AUTHFAULT_BAD_OPTION', `--ttl is seconds, a whole number ≥ 1, got "${options.ttl}"`);
  const claims = parsePairs(options.claim, '--claim');
  const body = {
    ...(options.sub !== undefined ? { sub: options.sub } : {}),
    ...(options.client !== undefined ? { client: options.client } : {}),
    ...(options.scope !== undefined ? { scope: options.scope } : {}),
    ...(Object.keys(claims).length > 0 ? { claims } : {}),
    ...(ttl !== undefined ? { ttl } : {}),
    ...(options.kind !== undefined ? { kind: options.kind } : {}),
    ...(options.format !== undefined ? { format: options.format } : {}),
  };
  const res = await call(options, 'POST', '/tokens', body);
  const issued = (await res.json()) as { token: string };
  process.stdout.write(options.json ? `${JSON.stringify(issued)}\n` : `${issued.token}\n`);
  return 0;
}
