/**
 * The report data model. The harness fills it; every reporter reads it and only serialises, so
 * the console, JSON and JUnit outputs of one run can never disagree with each other.
 * This file imports nothing: reports/ must stay usable without the harness or the provider.
 */

/** Verdicts in display order: the order summaries and totals are printed in. */
export const VERDICTS = ['pass', 'fail', 'warn', 'error', 'skipped'] as const;

/**
 * What became of one scenario. `warn` is a `should`/`may` rule not met; `error` means the harness
 * or the app's start-up broke and is never reported as the app's fault.
 */
export type Verdict = (typeof VERDICTS)[number];

/** Scenario categories in display order (the order of the bundled suite's folders). */
export const CATEGORIES = [
  'tokens',
  'credentials',
  'oauth-flow',
  'tls',
  'rate-limits',
  'network',
  'clock',
  'permissions',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** How strongly the spec asks for the behaviour, from the spec's own words (MUST/SHOULD/MAY). */
export type Severity = 'must' | 'should' | 'may';

/** Counts per verdict plus the total, so no consumer has to recount. */
export type Summary = Record<Verdict, number> & { total: number };

/** One run (or one shard of a run): what ran, against what, and with what outcome. */
export interface RunReport {
  schema: 'authfault/report';
  /** Bumped on any incompatible change, so merge-reports can refuse mixed versions. */
  version: 1;
  run: RunInfo;
  summary: Summary;
  scenarios: ScenarioReport[];
}

export interface RunInfo {
  /** The seed behind every probabilistic fault; rerunning with it reproduces the run. */
  seed: string;
  /** ISO 8601, UTC. */
  startedAt: string;
  durationMs: number;
  target: {
    name: string;
    /** The target config file, relative to the working directory. */
    config?: string;
    /** The URL of a target that was already running rather than started by authfault. */
    url?: string;
  };
  authfaultVersion: string;
  workers?: number;
  /** Present only on a shard's report; a merged report has none. */
  shard?: { current: number; total: number };
  /** The browser that drove the scenarios, e.g. "chromium-headless-shell 131". */
  driver?: string;
  /**
   * Present when the run stopped before every scenario ran: by a signal (`reason` "SIGINT" or
   * "SIGTERM") or because the app did not start (`reason` says why). The report's scenarios are
   * those that finished; `notRun` lists the ids of the rest.
   */
  interrupted?: { reason: string; notRun: string[] };
}

export interface ScenarioReport {
  id: string;
  title: string;
  /** The scenario file, relative to the working directory, with forward slashes. */
  file: string;
  /** 1-based position of the scenario document in its file. */
  line: number;
  column: number;
  category: Category;
  severity: Severity;
  references: string[];
  faults: FaultApplied[];
  steps: StepReport[];
  verdict: Verdict;
  /** For a fail or a warn: the strongest severity among the rules the app broke (a fail: must). */
  broken?: Severity;
  durationMs: number;
  diagnosis?: Diagnosis;
  evidence: Evidence;
  /** How many times the scenario was retried before this verdict (0 when it ran once). */
  retries: number;
}

/** A fault the scenario asked for, and how many requests it actually changed. */
export interface FaultApplied {
  kind: string;
  params: Record<string, unknown>;
  when?: Record<string, unknown>;
  /** 0 means the fault never fired: the verdict then says little about the app. */
  applied: number;
}

export interface StepReport {
  title: string;
  /** Where the step is written in the scenario file, so failures point at the YAML. */
  line: number;
  column: number;
  status: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  error?: string;
}

/** Plain words a developer can act on: what was done, what happened, what should have, and why. */
export interface Diagnosis {
  summary: string;
  category: Category;
  injected: string[];
  observed: string[];
  expected: string[];
  why: string;
  fix: string;
  references: string[];
}

/** Paths are relative to the working directory. */
export interface Evidence {
  screenshot?: string;
  trace?: string;
  journal?: JournalEntry[];
  /** The app's log file: the worker's, so it also holds the other scenarios that worker ran. */
  appLog?: string;
}

/**
 * A structural copy of the mock provider's journal entry. Copied rather than imported because
 * reports/ must not depend on mock-provider/; a mismatch shows up as a type error in the harness,
 * which is the one place that hands one to the other.
 */
export interface JournalEntry {
  id: number;
  time: string;
  endpoint: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  clientId?: string;
  grantType?: string;
  params?: Record<string, string | boolean>;
  /** Fingerprints of the authorization code or refresh token a token request presented. */
  presented?: { code?: string; refresh_token?: string };
  /** What a token response carried; the refresh token by its fingerprint, the access token's lifetime (s) as expires_in said it. */
  issued?: { access_token?: boolean; id_token?: boolean; refresh_token?: string; expires_in?: number };
  /** Retry-After the response carried, in seconds. */
  retryAfter?: number;
  /** How the exchange ended when it did not end with a response (status is then 0). */
  outcome?: 'reset' | 'hang' | 'aborted';
  faults: { id: string; kind: string; effect: string }[];
  /** A TLS connection (endpoint `transport`): did the client accept the certificate it met? */
  tls?: { listener: 'front' | 'back'; certificate: string; handshake: 'completed' | 'failed'; requestSent: boolean; alert?: string; protocol?: string };
}

/** Counts scenarios by verdict; every verdict is present, zero when none. */
export function summarize(scenarios: readonly Pick<ScenarioReport, 'verdict'>[]): Summary {
  const summary: Summary = { pass: 0, fail: 0, warn: 0, error: 0, skipped: 0, total: scenarios.length };
  for (const scenario of scenarios) summary[scenario.verdict]++;
  return summary;
}
