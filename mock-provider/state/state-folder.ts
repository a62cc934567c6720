import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedProviderConfig } from '../config/defaults.js';
import type { ClientConfig } from '../config/schema.js';
import { AuthfaultError } from '../util/errors.js';

/** The files authfault writes in a state folder; nothing else in it is ever touched. */
export const STATE_FILES = Object.freeze({
  key: 'signing-key.json',
  caCert: 'ca.pem',
  caKey: 'ca-key.pem',
  state: 'state.json',
  ignore: '.gitignore',
});

interface StateFile {
  version: 1;
  /** Ports taken when the config asked for a free one: taken again when still free. */
  ports: { back?: number; front?: number };
  /** Secrets generated for confidential clients written without one. */
  secrets: Record<string, string>;
}

/**
 * A provider's local identity kept between runs (`provider.state`; `authfault idp` uses
 * `.authfault/` next to its config), so whatever a developer pasted into an app's `.env` — the
 * client secret, the CA path, the issuer's port — still works after a restart.
 *
 * - What it keeps: the signing key, the HTTPS run CA (certificate and key), secrets generated for
 *   clients written without one, and ports chosen freely (port 0, the front channel's port).
 * - What the user set wins: `keys.file`, `https.ca`, a client's own `client_secret`, a port.
 * - Private files (key, CA key, state.json with secrets) are 0600; the folder ignores itself in git.
 * - `fresh` removes authfault's own files first; any other file in the folder stays.
 */
export class StateFolder {
  readonly #state: StateFile;

  private constructor(
    readonly dir: string,
    state: StateFile,
  ) {
    this.#state = state;
  }

  static open(dir: string, options: { fresh?: boolean } = {}): StateFolder {
    if (existsSync(dir) && !statSync(dir).isDirectory()) {
      throw new AuthfaultError('AUTHFAULT_STATE_INVALID', `${dir} is a file; authfault keeps its state in a folder there — move the file away`);
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (options.fresh) clearStateFolder(dir);
    const ignore = join(dir, STATE_FILES.ignore);
    if (!existsSync(ignore)) writeFileSync(ignore, '# authfault keeps keys and secrets here: never commit them\n*\n', { flag: 'wx' });
    return new StateFolder(dir, readState(join(dir, STATE_FILES.state)));
  }

  get keyFile(): string {
    return join(this.dir, STATE_FILES.key);
  }

  get caFiles(): { cert: string; key: string } {
    return { cert: join(this.dir, STATE_FILES.caCert), key: join(this.dir, STATE_FILES.caKey) };
  }

  /** The config with what the folder keeps filled in where the user left it open. */
  apply(config: ResolvedProviderConfig, given: { clientsWithSecret: ReadonlySet<string> }): ResolvedProviderConfig {
    const clients = config.clients.map((c) =>
      c.public || given.clientsWithSecret.has(c.client_id) || !this.#state.secrets[c.client_id] ? c : { ...c, client_secret: this.#state.secrets[c.client_id]! },
    );
    return {
      ...config,
      clients,
      keysFile: config.keysFile ?? this.keyFile,
      ...(config.https && !config.https.ca ? { https: { ...config.https, keepCa: this.caFiles } } : {}),
      preferredPorts: {
        ...(config.port === 0 && this.#state.ports.back ? { back: this.#state.ports.back } : {}),
        ...(config.https && !config.https.frontPort && this.#state.ports.front ? { front: this.#state.ports.front } : {}),
      },
    };
  }

  /** Record the ports taken and the secrets in use (generated ones only), for the next start. */
  remember(ports: { back?: number; front?: number }, clients: readonly ClientConfig[], given: ReadonlySet<string>): void {
    this.#state.ports = { ...this.#state.ports, ...ports };
    for (const c of clients) if (c.client_secret && !c.public && !given.has(c.client_id)) this.#state.secrets[c.client_id] = c.client_secret;
    const file = join(this.dir, STATE_FILES.state);
    writeFileSync(file, `${JSON.stringify(this.#state, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
}

/** Remove what authfault keeps in a state folder (`--fresh`): its keys, CA, secrets and ports; the files it names, nothing else. */
export function clearStateFolder(dir: string): string[] {
  const names = [STATE_FILES.key, STATE_FILES.caCert, STATE_FILES.caKey, STATE_FILES.state].filter((name) => existsSync(join(dir, name)));
  for (const name of names) rmSync(join(dir, name), { force: true });
  return names;
}

function readState(file: string): StateFile {
  if (!existsSync(file)) return { version: 1, ports: {}, secrets: {} };
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<StateFile>;
    if (parsed.version !== 1 || typeof parsed.ports !== 'object' || typeof parsed.secrets !== 'object') throw new Error('not version 1 with ports and secrets');
    return { version: 1, ports: parsed.ports ?? {}, secrets: parsed.secrets ?? {} };
  } catch (error) {
    throw new AuthfaultError('AUTHFAULT_STATE_INVALID', `${file} is not authfault's state (${(error as Error).message}); move it away, or start over with --fresh (authfault idp) or a new provider.state folder`);
  }
}
