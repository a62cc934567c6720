import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
// start.ts and basics.ts rather than the main entry: a default start loads no fault kind.
import { createMockProvider, resolveTenancy, type ProviderConfig } from '../../../mock-provider/start.js';
import { clearStateFolder, DEFAULTS, redirectUriProblem } from '../../../mock-provider/basics.js';
import { displayPath } from '../../util/display-path.js';
import { findConfigFile } from '../find-config.js';
import { banner, readyLine } from '../banner.js';
import { usageError } from '../../util/usage-error.js';
import { CLI_DEFAULTS } from '../defaults.js';
import { reachNote } from './idp-reach.js';

export interface IdpOptions {
  port?: string;
  host?: string;
  /** Host names served besides IP addresses, localhost and the issuer's: added to provider.allowed_hosts. */
  allowHost?: string[];
  config?: string;
  json?: boolean;
  seed?: string;
  keys?: string;
  https?: boolean;
  /** The app's URL, for `{app}` and `{port}` in the config's redirect URIs. */
  app?: string;
  /** Redirect URIs added to the first client's. */
  redirectUri?: string[];
  /** Start over: forget the keys, CA, secrets and ports kept in the state folder. */
  fresh?: boolean;
}


/**
 * `authfault idp`: run the mock provider until interrupted. Precedence: flags over environment
 * (PORT, ISSUER) over the config file's `provider:` section over defaults. Edits to the config
 * file's clients and users apply while it runs (idp-reload.ts).
 */
export async function idpCommand(options: IdpOptions): Promise<void> {
  const file = options.config ?? findConfigFile(process.cwd());
  if (options.config && !existsSync(options.config)) throw usageError('AUTHFAULT_CONFIG_NOT_FOUND', `no config file at ${options.config}`);
  // The config loader (yaml, zod schemas, tsx for .ts configs) loads only when there is a file.
  const loadProvider = async (path: string): Promise<ProviderConfig> => {
    const [{ loadConfig }, { providerForIdp }] = await Promise.all([import('../../config/load.js'), import('./idp-config.js')]);
    const provider = providerForIdp(await loadConfig(path), options.app);
    // On every reload too: the flag's redirect URIs outlive an edit of the file.
    return options.redirectUri?.length ? { ...provider, clients: withRedirectUris(provider.clients, options.redirectUri) } : provider;
  };
  const fromFile: ProviderConfig = file ? await loadProvider(file) : {};
  const port = options.port !== undefined ? parsePort(options.port) : process.env.PORT ? parsePort(process.env.PORT) : (fromFile.port ?? CLI_DEFAULTS.idpPort);
  const config: ProviderConfig = {
    ...fromFile,
    port,
    ...(options.host ? { host: options.host } : {}),
    ...(options.allowHost?.length ? { allowed_hosts: [...(fromFile.allowed_hosts ?? []), ...options.allowHost] } : {}),
    ...(process.env.ISSUER ? { issuer: process.env.ISSUER } : {}),
    ...(options.seed ? { seed: options.seed } : {}),
    ...(options.keys ? { keys: { file: options.keys } } : {}),
    ...(options.https ? { https: fromFile.https && fromFile.https !== true ? fromFile.https : true } : {}),
  };
  if (!file && options.redirectUri?.length) config.clients = withRedirectUris(config.clients, options.redirectUri);
  // Next to the config: what a developer pasted into the app's .env outlives a restart.
  const state = file ? resolve(dirname(file), fromFile.state ?? CLI_DEFAULTS.stateDir) : undefined;
  if (state) config.state = state;
  const cleared = state && options.fresh ? clearStateFolder(state) : [];
  if (options.fresh && !state) throw usageError('AUTHFAULT_BAD_OPTION', '--fresh starts over from a state folder, which authfault idp keeps next to a config file (.authfault/); without a config there is none — every start is fresh');
  const idp = await createMockProvider(config);
  const tenancy = resolveTenancy(config.tenants);
  const kept = state ? { dir: displayPath(state, process.cwd()), fresh: Boolean(options.fresh), cleared } : undefined;
  if (options.json) process.stdout.write(`${readyLine(idp, tenancy)}\n`);
  else process.stdout.write(`${banner(idp, tenancy, kept)}\n`);
  if (options.json) process.stderr.write(`${banner(idp, tenancy, kept)}\n`);
  // With --json, stdout carries only the ready line; what a reload did goes to the log on stderr.
  const log = (line: string) => (options.json ? process.stderr : process.stdout).write(`${line}\n`);
  for (const line of reachNote(config.host ?? DEFAULTS.host, idp.issuer, config.issuer !== undefined)) log(line);
  // Only a config file is watched, and only then is the reloader (and what it imports) loaded.
  const watcher = file ? (await import('./idp-reload.js')).watchProviderConfig(file, fromFile, idp, log, loadProvider) : undefined;
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  watcher?.close();
  await idp.close();
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw usageError('AUTHFAULT_BAD_PORT', `port must be a whole number from 0 to 65535 (0 takes a free port), got "${value}"`);
  }
  return port;
}

/**
 * --redirect-uri: the first client (the built-in demo-app when the config names none) gets these
 * redirect URIs besides its own, so `npx authfault idp --redirect-uri http://localhost:3000/cb`
 * signs people in with no config file. Each must be an absolute URL without a fragment, as
 * RFC 6749 §3.1.2 requires of a redirection endpoint.
 */
function withRedirectUris(clients: ProviderConfig['clients'], uris: readonly string[]): ProviderConfig['clients'] {
  for (const uri of uris) {
    const problem = redirectUriProblem(uri);
    if (problem) throw usageError('AUTHFAULT_BAD_OPTION', `--redirect-uri "${uri}" ${problem}`);
  }
  const [first, ...rest] = clients ?? DEFAULTS.clients;
  if (!first) throw usageError('AUTHFAULT_BAD_OPTION', '--redirect-uri needs a client to add to, and the config registers none');
  return [{ ...first, redirect_uris: [...new Set([...(first.redirect_uris ?? []), ...uris])] }, ...rest];
}

