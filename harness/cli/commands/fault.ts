import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isErrorCode } from '../../../errors/codes.js';
import { TENANT_NAME, formatIssue, isAuthfaultError, type FormattableIssue } from '../../../mock-provider/basics.js';
import { usageError } from '../../util/usage-error.js';
import { findConfigFile } from '../find-config.js';
import { connectionProblem, controlFetch } from './control-fetch.js';
import { CLI_DEFAULTS } from '../defaults.js';

export interface FaultCliOptions {
  idp?: string;
  tenant?: string;
  /** A PEM file with the provider's run CA, for an HTTPS provider. */
  ca?: string;
  param?: string[];
  when?: string[];
  json?: boolean;
}

/**
 * The control API of a running provider, as far as the URL alone says. `--idp` may be its origin,
 * an issuer or a control API URL (a tenant's, `…/tenant-a/__authfault`, is kept as given);
 * `--tenant` names a tenant on that origin. An issuer URL's path cannot be read here — the
 * provider's own path (`provider.path`) is not known, so `/default` cannot be told from
 * `/tenant-a` — and resolveBase asks the provider which one it is.
 */
export function adminBase(idp: string | undefined, tenant?: string): string {
  const raw = idp ?? process.env.AUTHFAULT_IDP ?? `http://127.0.0.1:${CLI_DEFAULTS.idpPort}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError('AUTHFAULT_BAD_OPTION', `--idp must be the provider's URL (e.g. http://127.0.0.1:${CLI_DEFAULTS.idpPort}), got "${raw}"`);
  }
  if (tenant !== undefined) {
    if (!TENANT_NAME.test(tenant)) {
      throw usageError('AUTHFAULT_TENANT_INVALID', `--tenant must be a tenant's name, one path segment such as "tenant-a" (${TENANT_NAME.source}), got "${tenant}"`);
    }
    return `${url.origin}/${tenant}/__authfault`;
  }
  const admin = /^(\/(?:[^/]+\/)?__authfault)(?:\/|$)/.exec(url.pathname)?.[1];
  return `${url.origin}${admin ?? '/__authfault'}`;
}

/**
 * `k=v` pairs into an object. Values are read as JSON when they parse (numbers, booleans, arrays,
 * objects), else as strings; a comma list becomes an array for `endpoint`, which takes several.
 */
export function parsePairs(pairs: readonly string[] = [], flag: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usageError('AUTHFAULT_BAD_OPTION', `${flag} takes key=value, got "${pair}"`);
    const key = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    out[key] = key === 'endpoint' && raw.includes(',') ? raw.split(',').map((s) => s.trim()) : coerce(raw);
  }
  return out;
}

function coerce(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** `authfault fault add <kind>`: set a fault on a running provider. */
export async function faultAdd(kind: string, options: FaultCliOptions): Promise<number> {
  const when = parsePairs(options.when, '--when');
  const body = { kind, ...parsePairs(options.param, '--param'), ...(Object.keys(when).length > 0 ? { when } : {}) };
  const res = await call(options, 'POST', '/faults', body);
  const { faults } = (await res.json()) as { faults: { id: string; kind: string; params: unknown; when: unknown }[] };
  if (options.json) process.stdout.write(`${JSON.stringify(faults)}\n`);
  else for (const f of faults) process.stdout.write(`${f.id}  ${f.kind}  ${JSON.stringify(f.params)}${f.when && Object.keys(f.when).length ? `  when ${JSON.stringify(f.when)}` : ''}\n`);
  return 0;
}

/** `authfault fault list`: the faults set on a running provider, with how often each applied. */
export async function faultList(options: FaultCliOptions): Promise<number> {
  const res = await call(options, 'GET', '/faults');
  const { faults } = (await res.json()) as { faults: { id: string; kind: string; params: unknown; when: unknown; matched: number; applied: number }[] };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(faults)}\n`);
    return 0;
  }
  if (faults.length === 0) process.stdout.write('no faults set\n');
  for (const f of faults) {
    process.stdout.write(`${f.id}  ${f.kind}  ${JSON.stringify(f.params)}  matched ${f.matched}, applied ${f.applied}${f.when && Object.keys(f.when).length ? `  when ${JSON.stringify(f.when)}` : ''}\n`);
  }
  return 0;
}

/** `authfault fault clear [id]`: remove one fault, or all. */
export async function faultClear(id: string | undefined, options: FaultCliOptions): Promise<number> {
  await call(options, 'DELETE', id ? `/faults/${encodeURIComponent(id)}` : '/faults');
  process.stdout.write(id ? `removed ${id}\n` : 'removed every fault\n');
  return 0;
}

/** The control API a request goes to: adminBase's, or a tenant's when --idp is that tenant's issuer URL. */
export async function resolveBase(options: FaultCliOptions): Promise<string> {
  const base = await frontChannel(adminBase(options.idp, options.tenant), options);
  if (options.tenant !== undefined || options.idp === undefined) return base;
  const url = new URL(options.idp);
  const first = url.pathname.split('/').find(Boolean);
  if (first === undefined || base !== `${new URL(base).origin}/__authfault` || !TENANT_NAME.test(first)) return base;
  // An issuer URL: the default issuer's, or a tenant's. The provider's own path is not known here,
  // so ask the default issuer's control API which issuer it is.
  const health = await send(options, `${base}/health`, 'GET').catch(() => undefined);
  const issuer = health?.ok ? ((await health.json().catch(() => ({}))) as { issuer?: string }).issuer : undefined;
  if (issuer === undefined || new URL(issuer).pathname.split('/').find(Boolean) === first) return base;
  return `${url.origin}/${first}/__authfault`;
}

/**
 * With HTTPS, the control API is reached on the front channel, whose certificate a tls.* fault
 * never breaks — also when --idp names the issuer's origin (the back channel). Where the front
 * channel is: the state folder of the provider started from this folder's config
 * (.authfault/state.json keeps both ports), else the provider's own /health (`admin`), asked
 * while the back channel's certificate is still good. Neither known: the URL as given.
 */
async function frontChannel(base: string, options: FaultCliOptions): Promise<string> {
  const url = new URL(base);
  if (url.protocol !== 'https:') return base;
  const config = findConfigFile(process.cwd());
  const ports = config ? readPorts(join(dirname(config), CLI_DEFAULTS.stateDir, 'state.json')) : undefined;
  if (ports?.back === Number(url.port) && ports.front) return `${url.protocol}//${url.hostname}:${ports.front}${url.pathname}`;
  const health = await send(options, `${url.origin}/__authfault/health`, 'GET').catch(() => undefined);
  const admin = health?.ok ? ((await health.json().catch(() => ({}))) as { admin?: string }).admin : undefined;
  return admin ? `${new URL(admin).origin}${url.pathname}` : base;
}

function readPorts(file: string): { back?: number; front?: number } | undefined {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { ports?: { back?: number; front?: number } }).ports;
  } catch {
    return undefined;
  }
}

function send(options: FaultCliOptions, url: string, method: string, body?: unknown): Promise<Response> {
  return controlFetch(url, {
    method,
    timeoutMs: CLI_DEFAULTS.controlTimeoutMs,
    ...(options.ca ?? process.env.AUTHFAULT_CA ? { caFile: options.ca ?? process.env.AUTHFAULT_CA } : {}),
    // One call per process: a kept-alive connection would hold the CLI open for seconds after it is done.
    headers: { 'content-type': 'application/json', connection: 'close', ...(process.env.AUTHFAULT_ADMIN_TOKEN ? { authorization: `Bearer ${process.env.AUTHFAULT_ADMIN_TOKEN}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** One call to the control API, with the errors of a refused or unreachable provider made clear (exit 2). */
export async function call(options: FaultCliOptions, method: string, path: string, body?: unknown): Promise<Response> {
  const base = await resolveBase(options);
  let res: Response;
  try {
    res = await send(options, `${base}${path}`, method, body);
  } catch (error) {
    if (isAuthfaultError(error)) throw error;
    const cause = (error as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } }).cause;
    const code = cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? (error as Error).message;
    throw usageError('AUTHFAULT_IDP_UNREACHABLE', connectionProblem(code, base, Boolean(options.ca ?? process.env.AUTHFAULT_CA)));
  }
  if (res.ok) return res;
  const problem = (await res.json().catch(() => ({}))) as { error?: string; message?: string; details?: Partial<FormattableIssue>[] };
  const tenant = /^\/([^/]+)\/__authfault$/.exec(new URL(base).pathname)?.[1];
  if (tenant && res.status === 404 && !isErrorCode(problem.error)) {
    // Not a control API's own 404 (its error is an AUTHFAULT_ code): the request reached the default issuer, no tenant.
    const origin = new URL(base).origin;
    throw usageError(
      'AUTHFAULT_TENANT_NOT_FOUND',
      `no tenant "${tenant}" at ${origin}, and this provider creates none on first use (provider.tenants: false); create it with POST ${origin}/__authfault/tenants {"name": "${tenant}"}`,
    );
  }
  const details = (problem.details ?? []).map((d) => `  ${formatIssue({ ...d, path: d.path?.length ? d.path : '(fault)', message: d.message ?? '' })}`);
  const message = details.length > 0 ? `the provider refused the request (${res.status}):\n${details.join('\n')}` : (problem.message ?? `HTTP ${res.status}`);
  // A code this CLI does not know (a newer provider's) is named in the message rather than lost.
  if (isErrorCode(problem.error)) throw usageError(problem.error, message);
  throw usageError('AUTHFAULT_CONTROL_ERROR', problem.error ? `${message} [${problem.error}]` : message);
}
