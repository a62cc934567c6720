import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
// start.js, not index.js: the fault registry (~90 files) then loads while the app starts (fixtures.ts), not before it.
import { createMockProvider } from '../../mock-provider/start.js';
import type { ListeningProvider, MockProviderHandle } from '../../mock-provider/common.js';
import { fillPlaceholders, fillTemplated } from '../config/placeholders.js';
import type { Budgets, ErrorRule, LoginRule, LogoutRule, TargetConfig } from '../config/types.js';
import { freePort } from '../target/free-port.js';
import { startTarget, type RunningTarget, type TargetLaunch } from '../target/start-target.js';
import { recordApp } from './run-stop.js';
import type { SignedInRule } from '../verdict/signed-in.js';

/** What a worker set up once for all its scenarios: its own provider and its own app. */
export interface WorkerEnv {
  idp?: MockProviderHandle;
  target?: RunningTarget;
  appUrl: string;
  /** Fill a URL template ({app}, {issuer}, …) or resolve a path against the app. */
  url(template: string): string;
  pages: Record<string, string>;
  login: LoginRule;
  /** Default: open {app}/logout. */
  logout?: LogoutRule;
  signedIn: SignedInRule;
  /** How the app shows an error (error-shown); default: a last page that answered 4xx or 5xx. */
  error?: ErrorRule;
  /** The target config's wording: a scenario's expected text → the app's words for it. */
  wording: Readonly<Record<string, string>>;
  /** The target config's time budgets (gave-up-within: page). */
  budgets: Budgets;
  defaultUser: string;
  /** Why the provider or the app could not be started; every scenario of the worker is an `error`. */
  startError?: string;
  cwd: string;
  /**
   * The app instance's history: scenarios it has served since it started, whether the last one
   * asked for a fresh app (fresh-app: true), whose caches no later scenario should meet, and
   * whether it has been seen to sign a user in (a refusal means something only from an app that can).
   */
  app: AppHistory;
  /** Stop the app and start it again as the worker did; absent when the harness did not start it (target.url). */
  restartApp?: (why: string) => Promise<void>;
}

export interface WorkerStart {
  config: TargetConfig;
  seed: string;
  /** Where the app's log goes: <logDir>/<name>-worker-<index>.log */
  logDir: string;
  workerIndex: number;
  cwd: string;
  /** The run's output folder: the apps started are recorded there (run-stop.ts), so a run killed half way can end them. */
  runDir?: string;
  /** Called once the provider listens, before the app is started: what may overlap the app's start-up. */
  onProvider?: (idp: MockProviderHandle) => void;
}

/**
 * What a worker starts once for all its scenarios: its own mock provider and its own instance of
 * the app, so faults never leak between scenarios running in parallel. A start-up failure is
 * kept, not thrown, so every scenario of the worker reports an `error` verdict that says why.
 * The runner's worker fixture calls this; so do the driver tests and the benchmark.
 */
export async function startWorker(start: WorkerStart): Promise<{ env: WorkerEnv; stop(): Promise<void> }> {
  const { config } = start;
  let idp: MockProviderHandle | undefined;
  let target: RunningTarget | undefined;
  let startError: string | undefined;
  const port = await freePort();
  const appUrl = config.target.kind === 'url' ? config.target.url : `http://127.0.0.1:${port}`;
  let values: Record<string, string> = { port: String(port), app: appUrl };
  const fill = (template: string, path: string) => fillPlaceholders(template, values, { file: config.file, path });
  let launch: TargetLaunch | undefined;
  let starting: Promise<RunningTarget> | undefined;
  try {
    // The app starts as soon as the provider's URLs are known, while the provider gets ready:
    // its first requests wait for it (createMockProvider's onListening).
    idp = await createMockProvider(
      { ...fillTemplated(config.provider, ['provider'], values, config.file), seed: start.seed },
      {
        onListening: (listening) => {
          values = { ...values, ...providerValues(listening) };
          launch = appLaunch(start, appUrl, fill);
          starting = startWithRetries(launch, config.target.kind === 'command' ? config.target.startupRetries : 0);
          starting.catch(() => undefined);
        },
      },
    );
    start.onProvider?.(idp);
    target = await starting!;
  } catch (error) {
    startError = (error as Error).message;
    // The provider failed after the app was started for it: the app goes too.
    await starting?.then((t) => t.stop(), () => undefined);
  }
  const resolve = (template: string) => {
    const filled = fill(template, 'url');
    return /^[a-z][a-z0-9+.-]*:/i.test(filled) ? filled : new URL(filled, `${appUrl}/`).toString();
  };
  const env: WorkerEnv = {
    ...(idp ? { idp } : {}),
    ...(target ? { target } : {}),
    appUrl,
    url: resolve,
    pages: Object.fromEntries(Object.entries(config.pages ?? {}).map(([name, url]) => [name, resolve(url)])),
    login: config.login,
    logout: config.logout,
    signedIn: config.signedIn,
    ...(config.error ? { error: config.error } : {}),
    wording: config.wording,
    budgets: config.budgets,
    defaultUser: idp?.users[0]?.id ?? 'alice',
    ...(startError ? { startError } : {}),
    cwd: start.cwd,
    app: freshHistory(),
  };
  // Only an app the harness started can be started again: the same command, environment and
  // port (the provider has its redirect URIs), the same log file, with a line that says why.
  if (launch?.command && target) {
    const again = launch;
    env.restartApp = async (why: string) => {
      await env.target?.stop();
      appendFileSync(again.logFile, `\n--- authfault: the app is restarted: ${why} ---\n`);
      env.target = await startTarget(again);
      env.app = freshHistory();
    };
  }
  return {
    env,
    stop: async () => {
      // The app running now: a restart replaced the one started here.
      await env.target?.stop();
      await idp?.close();
    },
  };
}

/** How the worker starts its app (or, for target.url, waits for it): the target config with the placeholders filled. */
function appLaunch(start: WorkerStart, appUrl: string, fill: (template: string, path: string) => string): TargetLaunch {
  const { config } = start;
  const t = config.target;
  mkdirSync(start.logDir, { recursive: true });
  return {
    ...(t.kind === 'command' ? { command: t.command } : {}),
    cwd: t.kind === 'command' ? t.cwd : config.dir,
    env: t.kind === 'command' ? Object.fromEntries(Object.entries(t.env).map(([k, v]) => [k, fill(v, `target.env.${k}`)])) : {},
    url: appUrl,
    ready: fill(t.ready.url, 'target.ready'),
    timeoutMs: Math.max(t.ready.timeoutMs, t.startupTimeoutMs),
    logFile: join(start.logDir, `${config.name}-worker-${start.workerIndex}.log`),
    ...(start.runDir ? { track: (pgid: number) => recordApp(start.runDir!, pgid) } : {}),
  };
}

/**
 * Start the app; when it exits or never becomes ready, try again only as often as the target
 * config asks (target.startup_retries, default 0): an app that does not start is a broken setup
 * far more often than a flaky one, and every try costs up to the readiness timeout.
 */
async function startWithRetries(launch: TargetLaunch, retries: number): Promise<RunningTarget> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await startTarget(launch);
    } catch (error) {
      if (attempt >= retries) throw error;
      appendFileSync(launch.logFile, `\n--- authfault: the app did not start (try ${attempt + 1} of ${retries + 1}); starting it again ---\n`);
    }
  }
}

export interface AppHistory {
  served: number;
  tainted: boolean;
  signedIn: boolean;
}

/** An app instance that has served nothing yet. */
export function freshHistory(): AppHistory {
  return { served: 0, tainted: false, signedIn: false };
}

/** The placeholder values the provider knows once it is listening. */
export function providerValues(idp: ListeningProvider): Record<string, string> {
  const client = idp.clients[0];
  return {
    issuer: idp.issuer,
    'client.id': client?.client_id ?? '',
    'client.secret': client?.client_secret ?? '',
    redirect_uri: client?.redirect_uris[0] ?? '',
    api: idp.api,
    'idp.origin': idp.origin,
    admin: idp.admin,
    'ca.path': idp.ca?.path ?? '',
  };
}
