/**
 * API keys: recognised by their prefix (af_test_…, af_live_…), checked against the configured
 * list, and described without ever being repeated in full.
 *
 * - A key of the other environment is refused, and so is an unknown key carrying the other
 *   environment's prefix: "a live key sent to the test API" is the mistake either way.
 * - A revoked key is refused with a description that says so; an unknown one says it is unknown.
 * - A key grants the scopes it lists, or every scope the routes require when it lists none.
 */
import { createHash } from 'node:crypto';
import type { ResolvedApiConfig } from '../config/defaults.js';
import type { ApiEnvironment } from '../config/schema.js';
import type { ApiCredential } from '../faults/types.js';
import type { Refusal } from './answers.js';

const DEFAULT_PREFIXES: Record<ApiEnvironment, string> = { test: 'af_test_', live: 'af_live_' };

export class ApiKeys {
  readonly #config: ResolvedApiConfig;

  constructor(config: ResolvedApiConfig) {
    this.#config = config;
  }

  /** The prefixes that mark a value as an API key, with the environment each stands for. */
  #prefixes(): [string, ApiEnvironment][] {
    const all = new Map<string, ApiEnvironment>(Object.entries(DEFAULT_PREFIXES).map(([env, p]) => [p, env as ApiEnvironment]));
    for (const k of this.#config.keys) all.set(k.prefix, k.environment);
    return [...all].sort((a, b) => b[0].length - a[0].length);
  }

  looksLikeKey = (value: string): boolean => this.#config.keys.some((k) => k.key === value) || this.#prefixes().some(([p]) => value.startsWith(p) && value.length > p.length);

  /** "API key af_test_…cdef (test)", never the key itself. */
  label(value: string): string {
    const env = this.environmentOf(value);
    return `API key ${this.shown(value)}${env ? ` (${env})` : ''}`;
  }

  /** The prefix and the last four characters: "af_test_…cdef". */
  shown(value: string): string {
    const prefix = this.#prefixes().find(([p]) => value.startsWith(p));
    return prefix && value.length > prefix[0].length + 4 ? `${prefix[0]}…${value.slice(-4)}` : `…${value.slice(-4)}`;
  }

  environmentOf(value: string): ApiEnvironment | undefined {
    return this.#config.keys.find((k) => k.key === value)?.environment ?? this.#prefixes().find(([p]) => value.startsWith(p))?.[1];
  }

  /** Where keys belong, in words, for the `expected` of a refusal. */
  expected(): string {
    const env = this.#config.environment;
    return `a ${env} API key (${this.#prefixOf(env)}…) in the ${this.#config.header} header`;
  }

  #prefixOf(env: ApiEnvironment): string {
    return this.#config.keys.find((k) => k.environment === env)?.prefix ?? DEFAULT_PREFIXES[env];
  }

  /** A key found in the right header: the credential, or why it is refused. */
  check(value: string, where: string, allScopes: readonly string[]): { credential: ApiCredential } | { refusal: Refusal } {
    const config = this.#config;
    const key = config.keys.find((k) => k.key === value);
    const env = this.environmentOf(value);
    const found = `${this.label(value)} in ${where}`;
    const expected = this.expected();
    if (env !== undefined && env !== config.environment) {
      return {
        refusal: {
          error: 'api_key_wrong_environment',
          description: `the ${env} API key ${this.shown(value)} was sent to the ${config.environment} API, which accepts only ${config.environment} keys (${this.#prefixOf(config.environment)}…)`,
          found,
          expected,
        },
      };
    }
    if (!key) {
      const what = env === undefined ? 'is not an API key of this API' : `is not a ${env} API key this API knows (it has the ${env} prefix, but no such key exists)`;
      const jwt = value.split('.').length === 3 ? '; it looks like a JWT: send access tokens as Authorization: Bearer <token>' : '';
      return { refusal: { error: 'api_key_unknown', description: `the value in ${where} ${what}${jwt}`, found: `${env ? this.label(value) : 'an unknown value'} in ${where}`, expected } };
    }
    if (key.revoked) {
      return { refusal: { error: 'api_key_revoked', description: `the ${this.label(value)} has been revoked; create a new key and replace it`, found, expected } };
    }
    return {
      credential: {
        kind: 'api-key',
        foundIn: where,
        fingerprint: fingerprint(value),
        label: this.label(value),
        shown: this.shown(value),
        scopes: key.scopes ?? allScopes,
        claims: { sub: this.label(value), ...key.claims },
        environment: key.environment,
      },
    };
  }
}

/** An irreversible, stable name for a credential value: hooks and the journal see this, never the value. */
export function fingerprint(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 16);
}
