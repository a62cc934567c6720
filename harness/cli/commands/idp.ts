import { existsSync } from 'node:fs';
import { createMockProvider, type ProviderConfig } from '../../../mock-provider/index.js';
import { resolveTenancy } from '../../../mock-provider/config/resolve.js';
import { findConfigFile } from '../find-config.js';
import { banner, readyLine } from '../banner.js';
import { usageError } from '../usage-error.js';
import { IDP_DEFAULT_PORT } from './idp-defaults.js';
import { watchProviderConfig } from './idp-reload.js';

export interface IdpOptions {
  port?: string;
  host?: string;
  config?: string;
  json?: boolean;
  seed?: string;
  keys?: string;
  https?: boolean;
  /** The app's URL, for `{app}` and `{port}` in the config's redirect URIs. */
  app?: string;
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
    return providerForIdp(await loadConfig(path), options.app);
  };
  const fromFile: ProviderConfig = file ? await loadProvider(file) : {};
  const port = options.port !== undefined ? parsePort(options.port) : process.env.PORT ? parsePort(process.env.PORT) : (fromFile.port ?? IDP_DEFAULT_PORT);
  const config: ProviderConfig = {
    ...fromFile,
    port,
    ...(options.host ? { host: options.host } : {}),
    ...(process.env.ISSUER ? { issuer: process.env.ISSUER } : {}),
    ...(options.seed ? { seed: options.seed } : {}),
    ...(options.keys ? { keys: { file: options.keys } } : {}),
    ...(options.https ? { https: fromFile.https && fromFile.https !== true ? fromFile.https : true } : {}),
  };
  const idp = await createMockProvider(config);
  const tenancy = resolveTenancy(config.tenants);
  if (options.json) process.stdout.write(`${readyLine(idp, tenancy)}\n`);
  else process.stdout.write(`${banner(idp, tenancy)}\n`);
  if (options.json) process.stderr.write(`${banner(idp, tenancy)}\n`);
  // With --json, stdout carries only the ready line; what a reload did goes to the log on stderr.
  const log = (line: string) => (options.json ? process.stderr : process.stdout).write(`${line}\n`);
  const watcher = file ? watchProviderConfig(file, fromFile, idp, log, loadProvider) : undefined;
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
