/**
 * Every error code authfault gives, in one catalogue: the code is the contract (a program branches
 * on it; the message may improve), and each says how the CLI exits on it and — for the codes the
 * control API answers — its HTTP status.
 *
 * It lives in errors/, a folder of its own below mock-provider/, harness/ and reports/, because
 * all three throw these codes: mock-provider may import nothing from harness/ or reports/, and
 * reports/ nothing from either, so only a leaf every layer may import can hold one list. It
 * imports nothing itself.
 */

/** Documented exit codes (README "Exit codes"). */
export const EXIT = Object.freeze({
  /** Every scenario passed (warnings allowed). */
  ok: 0,
  /** At least one scenario failed: the app mishandled a fault. */
  failed: 1,
  /** Bad input or configuration: scenario files, config, flags. */
  badInput: 2,
  /** The harness itself broke (or a scenario could not be judged). */
  harness: 3,
});

/** Where a code is thrown: the provider (and its control API), the harness and its CLI, or the reporters. */
type Layer = 'provider' | 'harness' | 'reports';

/** A code about what the person gave (a file, a flag, a request): exit 2. */
const INPUT = { exit: 2 } as const;
/** A code about authfault itself: exit 3. */
const BROKEN = { exit: 3 } as const;

export const ERROR_CODES = {
  // The provider; `http` where the control API answers with it (any other input code answers 400).
  /** The control API refused a caller that is not on loopback and carries no admin token. */
  AUTHFAULT_ADMIN_FORBIDDEN: { layer: 'provider', ...INPUT, http: 403 },
  /** A request whose Host the provider does not serve (a page of another site after DNS rebinding). */
  AUTHFAULT_HOST_NOT_ALLOWED: { layer: 'provider', ...INPUT, http: 403 },
  /** A state-changing control request from a page of another origin (cross-site request forgery). */
  AUTHFAULT_CROSS_SITE: { layer: 'provider', ...INPUT, http: 403 },
  /** A control API request that is not as the route wants it (not JSON, a bad `since`). */
  AUTHFAULT_BAD_REQUEST: { layer: 'provider', ...INPUT, http: 400 },
  /** A control API request whose body is not JSON. */
  AUTHFAULT_BAD_JSON: { layer: 'provider', ...INPUT, http: 400 },
  /** A control API body past a limit: nesting, a string's length, an object's or a list's size, the key "__proto__". */
  AUTHFAULT_JSON_LIMIT: { layer: 'provider', ...INPUT, http: 400 },
  /** A control API body over its size limit. */
  AUTHFAULT_BODY_TOO_LARGE: { layer: 'provider', ...INPUT, http: 413 },
  /** A control API body in a content coding or charset it does not read. */
  AUTHFAULT_BODY_UNSUPPORTED: { layer: 'provider', ...INPUT, http: 415 },
  /** No control route, or nothing there (the CA of a provider without HTTPS). */
  AUTHFAULT_NOT_FOUND: { layer: 'provider', ...INPUT, http: 404 },
  /** A provider config (createMockProvider, a config file, a reload) is invalid; also a target config. */
  AUTHFAULT_CONFIG_INVALID: { layer: 'provider', ...INPUT, http: 400 },
  /** A fault is invalid: unknown kind, key or value, a point its kind does not support. */
  AUTHFAULT_FAULT_INVALID: { layer: 'provider', ...INPUT, http: 400 },
  /** No fault with that id. */
  AUTHFAULT_FAULT_NOT_FOUND: { layer: 'provider', ...INPUT, http: 404 },
  /** A fault kind that cannot be built on this platform. */
  AUTHFAULT_FAULT_UNAVAILABLE: { layer: 'provider', ...INPUT, http: 400 },
  /** A tls.* fault on a provider that serves plain HTTP. */
  AUTHFAULT_TLS_REQUIRES_HTTPS: { layer: 'provider', ...INPUT, http: 400 },
  /** A tls.* fault set on a tenant: the listeners are the default issuer's. */
  AUTHFAULT_TLS_DEFAULT_ISSUER_ONLY: { layer: 'provider', ...INPUT, http: 400 },
  /** The CA files given for HTTPS do not exist. */
  AUTHFAULT_TLS_CA_NOT_FOUND: { layer: 'provider', ...INPUT },
  /** The CA files given for HTTPS are not a usable CA. */
  AUTHFAULT_TLS_CA_INVALID: { layer: 'provider', ...INPUT },
  /** Plain HTTP sent to a port that serves HTTPS. */
  AUTHFAULT_HTTPS_REQUIRED: { layer: 'provider', ...INPUT, http: 400 },
  /** The signing keys file is not a key set the provider can use. */
  AUTHFAULT_KEYS_INVALID: { layer: 'provider', ...INPUT },
  /** The state folder (.authfault/) holds something authfault did not write. */
  AUTHFAULT_STATE_INVALID: { layer: 'provider', ...INPUT },
  /** A user is invalid (PUT, PATCH, reconfigure). */
  AUTHFAULT_USER_INVALID: { layer: 'provider', ...INPUT, http: 400 },
  /** No user with that id. */
  AUTHFAULT_USER_NOT_FOUND: { layer: 'provider', ...INPUT, http: 404 },
  /** A token to mint is invalid (POST /tokens, idp.issueToken). */
  AUTHFAULT_TOKEN_INVALID: { layer: 'provider', ...INPUT, http: 400 },
  /** Not a tenant name, or the default issuer's or the mock API's path. */
  AUTHFAULT_TENANT_INVALID: { layer: 'provider', ...INPUT, http: 400 },
  /** No tenant by that name. */
  AUTHFAULT_TENANT_NOT_FOUND: { layer: 'provider', ...INPUT, http: 404 },
  /** provider.tenants.max reached: the provider's own state refuses, not the request, as a request to /{name}/… would meet it. */
  AUTHFAULT_TENANT_LIMIT: { layer: 'provider', ...INPUT, http: 503 },
  /** The provider is closing or closed. */
  AUTHFAULT_PROVIDER_CLOSED: { layer: 'provider', ...INPUT, http: 503 },
  /** The provider cannot listen where it was told: the port is taken or privileged, the host is not this machine's. */
  AUTHFAULT_LISTEN_FAILED: { layer: 'provider', ...INPUT },
  /** authfault itself broke while answering. */
  AUTHFAULT_INTERNAL: { layer: 'provider', ...BROKEN, http: 500 },

  // The harness and its CLI.
  /** Scenario files are invalid (every issue, positioned). */
  AUTHFAULT_SCENARIO_INVALID: { layer: 'harness', ...INPUT },
  /** No target config where one was looked for. */
  AUTHFAULT_CONFIG_NOT_FOUND: { layer: 'harness', ...INPUT },
  /** A command-line flag is invalid. */
  AUTHFAULT_BAD_OPTION: { layer: 'harness', ...INPUT },
  /** A port that is not one. */
  AUTHFAULT_BAD_PORT: { layer: 'harness', ...INPUT },
  /** --grep is not a regular expression. */
  AUTHFAULT_BAD_GREP: { layer: 'harness', ...INPUT },
  /** --grep matches no scenario. */
  AUTHFAULT_NO_MATCH: { layer: 'harness', ...INPUT },
  /** Nothing to run. */
  AUTHFAULT_NO_SCENARIOS: { layer: 'harness', ...INPUT },
  /** A config's redirect URIs name {app} and no app URL is known. */
  AUTHFAULT_APP_URL_NEEDED: { layer: 'harness', ...INPUT },
  /** No Chromium to run scenarios in. */
  AUTHFAULT_BROWSER_NOT_FOUND: { layer: 'harness', ...INPUT },
  /** @playwright/test is not installed. */
  AUTHFAULT_PLAYWRIGHT_MISSING: { layer: 'harness', ...INPUT },
  /** @playwright/test is older than the runner accepts. */
  AUTHFAULT_PLAYWRIGHT_TOO_OLD: { layer: 'harness', ...INPUT },
  /** The target app did not become ready. */
  AUTHFAULT_TARGET_NOT_READY: { layer: 'harness', ...INPUT },
  /** Something already listens where the app is to listen, before it was started. */
  AUTHFAULT_TARGET_PORT_TAKEN: { layer: 'harness', ...INPUT },
  /** Another run, still alive, holds the output folder. */
  AUTHFAULT_OUTPUT_LOCKED: { layer: 'harness', ...INPUT },
  /** --last-failed, and no report of a last run to read. */
  AUTHFAULT_NO_LAST_RUN: { layer: 'harness', ...INPUT },
  /** show-trace: no trace for the scenario asked for (or none at all). */
  AUTHFAULT_NO_TRACE: { layer: 'harness', ...INPUT },
  /** No report where one was looked for (show-report, merge-reports, show-trace). */
  AUTHFAULT_REPORT_NOT_FOUND: { layer: 'harness', ...INPUT },
  /** No provider answers at --idp. */
  AUTHFAULT_IDP_UNREACHABLE: { layer: 'harness', ...INPUT },
  /** A provider's control API answered an error this CLI cannot explain. */
  AUTHFAULT_CONTROL_ERROR: { layer: 'harness', ...BROKEN },

  // The reporters.
  /** A reporter name nobody registered. */
  AUTHFAULT_UNKNOWN_REPORTER: { layer: 'reports', ...INPUT },
  /** Two reporters that would write the same output. */
  AUTHFAULT_REPORTER_CONFLICT: { layer: 'reports', ...INPUT },
  /** Nothing to merge. */
  AUTHFAULT_MERGE_EMPTY: { layer: 'reports', ...INPUT },
  /** Shards of different runs (their seeds differ). */
  AUTHFAULT_MERGE_SEED_MISMATCH: { layer: 'reports', ...INPUT },
  /** One scenario in two shards. */
  AUTHFAULT_MERGE_DUPLICATE_SCENARIO: { layer: 'reports', ...INPUT },
  /** A file that is not an authfault report. */
  AUTHFAULT_REPORT_INVALID: { layer: 'reports', ...INPUT },
} as const satisfies Record<`AUTHFAULT_${string}`, { layer: Layer; exit: 2 | 3; http?: number }>;

/** Every code: `'AUTHFAULT_FAULT_INVALID' | …`. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes one layer throws: `ErrorCodeOf<'reports'>`. */
export type ErrorCodeOf<L extends Layer> = { [C in ErrorCode]: (typeof ERROR_CODES)[C]['layer'] extends L ? C : never }[ErrorCode];

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

/** The CLI's exit status for an error with this code; a code the catalogue does not know means authfault broke: 3. */
export function exitStatusOf(code: string): number {
  return isErrorCode(code) ? ERROR_CODES[code].exit : EXIT.harness;
}

/** The control API's HTTP status for an error with this code: its own, else 400 for input and 500 for authfault's own failures. */
export function httpStatusOf(code: ErrorCode): number {
  const entry: { exit: number; http?: number } = ERROR_CODES[code];
  return entry.http ?? (entry.exit === EXIT.harness ? 500 : 400);
}
