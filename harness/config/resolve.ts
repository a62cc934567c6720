import { basename, resolve } from 'node:path';
import type { z } from 'zod';
import { toClickTarget } from '../scenario/click-target.js';
import { bundledSuiteDir, CONFIG_DEFAULTS } from './defaults.js';
import type { targetConfigSchema } from './schema.js';
import type { LoginRule, LogoutRule, TargetConfig } from './types.js';

/** The validated file into the harness's model: one place where defaults meet the user's values. */
export function resolveConfig(input: z.output<typeof targetConfigSchema>, file: string, dir: string): TargetConfig {
  const t = input.target;
  const startupTimeoutMs = t.startup_timeout_ms ?? CONFIG_DEFAULTS.startupTimeoutMs;
  const readyUrl = typeof t.ready === 'string' ? t.ready : (t.ready?.url ?? t.url ?? CONFIG_DEFAULTS.readyUrl);
  const ready = { url: readyUrl, timeoutMs: (typeof t.ready === 'object' ? t.ready.timeout_ms : undefined) ?? startupTimeoutMs };
  const login: LoginRule = input.login.click !== undefined ? { click: toClickTarget(input.login.click) } : { url: input.login.url! };
  const out = input.logout;
  const logout: LogoutRule = out?.click !== undefined ? { click: toClickTarget(out.click) } : { url: out?.url ?? CONFIG_DEFAULTS.logoutUrl };
  const { status, ...error } = input.error ?? {};
  return {
    file,
    dir,
    name: input.name ?? basename(dir),
    target:
      t.url !== undefined
        ? { kind: 'url', url: t.url, ready, startupTimeoutMs }
        : {
            kind: 'command',
            command: t.command!,
            cwd: resolve(dir, t.cwd ?? '.'),
            // YAML reads PORT: 3000 as a number; the environment only holds strings.
            env: Object.fromEntries(Object.entries(t.env ?? {}).map(([k, v]) => [k, String(v)])),
            ready,
            startupTimeoutMs,
            startupRetries: t.startup_retries ?? 0,
          },
    login,
    signedIn: input['signed-in'],
    logout,
    ...(input.error ? { error: { ...error, ...(status !== undefined ? { status: Array.isArray(status) ? status : [status] } : {}) } } : {}),
    pages: input.pages ?? {},
    budgets: { pageMs: durationMs(input.budgets?.page) ?? CONFIG_DEFAULTS.pageBudgetMs },
    wording: input.wording ?? {},
    provider: input.provider ?? {},
    scenarios: input.scenarios ? input.scenarios.map((p) => resolve(dir, p)) : [bundledSuiteDir()],
  };
}

/** "10s", "500ms", "1.5m" or a number of milliseconds, as milliseconds. */
export function durationMs(value: number | string | undefined): number | undefined {
  if (value === undefined || typeof value === 'number') return value;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m)$/.exec(value)!;
  return Math.round(Number(m[1]) * { ms: 1, s: 1000, m: 60_000 }[m[2] as 'ms' | 's' | 'm']);
}
