import { relative } from 'node:path';
import type { JournalEntry, RunReport, ScenarioReport } from '../../reports/index.js';

/**
 * A report.json with what differs between two runs of the same suite on the same code taken out,
 * so that two runs compare equal and a change of verdict, diagnosis, step or fault shows up as a
 * diff. Only what was seen to vary between runs on an unchanged tree is touched:
 *
 * - times, durations, the seed, ports, the output folder and the worker a scenario ran in;
 * - values the provider makes up afresh each run: codes, states, nonces, PKCE challenges,
 *   interaction ids, key ids and fault ids; the fingerprints of the codes and refresh tokens a
 *   token request presented and was issued are named by first appearance within the scenario
 *   (`<token 1>`), so which request presented what an earlier one was issued still compares;
 * - TLS connections presented with the run CA's valid certificate (journal `transport` entries):
 *   how many the app opens depends on when its connection pool reuses one, not on what it does;
 *   for a faulty certificate, whether it opened one or more (so how often a tls.* fault applied,
 *   and the "N connection(s)" counts) — that it opened any is compared as it is;
 * - a repeated fetch of the discovery document or the JWKS: whether the app's cache was filled by
 *   the first before the second started depends on timing; that it fetched them is compared;
 * - the note that an app was restarted for fresh-app, which depends on which scenario the same
 *   worker ran before;
 * - the order in which the provider journaled requests the app sent at once (a burst of parallel
 *   loads refreshing together lands in any order): the journal, and the diagnosis's "provider
 *   saw" line, compare as sorted lists of requests;
 * - in the stampede scenarios (STAMPEDES), how the app's simultaneous calls raced each other:
 *   an app that refreshes once per failed call (naive-app's flaw 5) sends two refreshes before
 *   the provider revokes the grant in one run and one in the next, and three of its five calls
 *   meet the expired token or all five. There the journal, how often each fault applied, the
 *   diagnosis's observed lines and the statuses the refreshes were answered with are left out;
 *   the verdict, the steps, the faults set and what was expected are compared as everywhere.
 *
 * Everything else (verdicts, each step's status and error, faults and how often they applied,
 * every other line of every diagnosis, every request the provider saw) is compared as it is.
 */
export function normaliseReport(report: RunReport, where: { outputDir: string; cwd: string }): NormalisedReport {
  const out = relative(where.cwd, where.outputDir);
  const text = (s: string) => normaliseText(s.split(out).join('<out>').split(where.outputDir).join('<out>'));
  const texts = deep(report, text);
  return {
    ...texts,
    run: { ...texts.run, seed: '<seed>', startedAt: '<time>', durationMs: 0 },
    scenarios: texts.scenarios.map(scenario),
  };
}

/** A report as normaliseReport leaves it: each journal entry one line of JSON, so a diff shows a request per line. */
export type NormalisedReport = Omit<RunReport, 'scenarios'> & { scenarios: (Omit<ScenarioReport, 'evidence'> & { evidence: Omit<ScenarioReport['evidence'], 'journal'> & { journal?: string[] } })[] };

/** Scenarios in which the app sends requests at once, so what it does depends on how they race. */
const STAMPEDES = new Set(['api-burst-single-refresh', 'profile-burst-single-refresh']);

function scenario(s: ScenarioReport): NormalisedReport['scenarios'][number] {
  const normalised = comparable(s);
  if (!STAMPEDES.has(s.id)) return normalised;
  const { journal: _journal, ...evidence } = normalised.evidence;
  return {
    ...normalised,
    faults: normalised.faults.map(({ applied: _applied, ...fault }) => fault as typeof normalised.faults[number]),
    evidence,
    ...(normalised.diagnosis
      ? {
          diagnosis: {
            ...normalised.diagnosis,
            summary: normalised.diagnosis.summary.replace(/\(answered [^)]*\)/g, '(answered <race>)'),
            injected: [...new Set(normalised.diagnosis.injected)],
            observed: ['<race>'],
          },
        }
      : {}),
  };
}

function comparable(s: ScenarioReport): NormalisedReport['scenarios'][number] {
  const { journal, appLog, ...evidence } = s.evidence;
  return {
    ...s,
    faults: s.faults.map((f) => (f.kind.startsWith('tls.') && f.applied > 1 ? { ...f, applied: 1 } : f)),
    durationMs: 0,
    steps: s.steps.map((step) => ({ ...step, durationMs: 0 })),
    evidence: {
      ...evidence,
      ...(appLog !== undefined ? { appLog: appLog.replace(/-worker-\d+\.log$/, '-worker-<n>.log') } : {}),
      ...(journal !== undefined ? { journal: comparableJournal(journal) } : {}),
    },
    ...(s.diagnosis
      ? {
          diagnosis: {
            ...s.diagnosis,
            observed: s.diagnosis.observed
              .filter((line) => !RESTARTED.test(line))
              .map(providerSaw),
          },
        }
      : {}),
  };
}

const RESTARTED = /^the app was restarted before this scenario \(/;
const VALID_TLS = /^TLS (front|back) channel, valid certificate from the run CA: /;

function validTls(e: JournalEntry): boolean {
  return e.endpoint === 'transport' && e.tls?.certificate.startsWith('valid') === true;
}

function comparableJournal(journal: readonly JournalEntry[]): string[] {
  const tokens = new Map<string, string>();
  const token = (fingerprint: string) => tokens.get(fingerprint) ?? tokens.set(fingerprint, `<token ${tokens.size + 1}>`).get(fingerprint)!;
  const named = <T extends object>(values: T | undefined) =>
    values && Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? token(v) : v]));
  return journal
    .filter((e) => !validTls(e))
    .map((e) => ({
      ...e,
      id: 0,
      time: '<time>',
      durationMs: 0,
      faults: e.faults.map((f) => ({ ...f, id: '<id>' })),
      ...(e.presented ? { presented: named(e.presented) } : {}),
      ...(e.issued ? { issued: named(e.issued) } : {}),
    }))
    .map((e) => JSON.stringify(e))
    .sort()
    .filter((line, i, lines) => !(line === lines[i - 1] && REPEATABLE.test(line)));
}

/** Journal entries (as compared lines) whose repeats depend on connection pools and caches: see above. */
const REPEATABLE = /"endpoint":"(transport|discovery|jwks)","method":"(TLS|GET)"/;

/** The diagnosis's "provider saw N request(s): a · b · c" line, without the valid TLS connections. */
function providerSaw(line: string): string {
  const m = /^provider saw \d+ request\(s\): (.*)$/s.exec(line);
  if (!m) return line;
  const parts = m[1]!
    .split(' · ')
    .filter((p) => !VALID_TLS.test(p))
    .sort()
    .filter((p, i, all) => !(p === all[i - 1] && /^(TLS |GET \S*(\/jwks|\/\.well-known\/openid-configuration) )/.test(p)));
  return parts.length > 0 ? `provider saw ${parts.length} request(s): ${parts.join(' · ')}` : 'the provider saw no request';
}

function normaliseText(s: string): string {
  return s
    .replace(/127\.0\.0\.1(%3A|:)\d+/g, '127.0.0.1$1<port>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
    .replace(/authfault-[0-9a-f]{12}\b/g, 'authfault-<kid>')
    .replace(/([?&](?:code|state|nonce|code_challenge|session_state|sid|iss)=)[^&\s"')]+/g, '$1<random>')
    .replace(/[A-Za-z0-9_-]{32,}/g, (token) => (/[a-z]/.test(token) && /[A-Z]/.test(token) ? '<random>' : token))
    .replace(/\d+(\.\d+)? ?(ms|s)\b/g, '<n> $2')
    .replace(/\b[1-9]\d* (such )?connection\(s\)/g, '<n ≥ 1> $1connection(s)');
}

function deep<T>(value: T, text: (s: string) => string): T {
  if (typeof value === 'string') return text(value) as T;
  if (Array.isArray(value)) return value.map((v) => deep(v, text)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deep(v, text)])) as T;
  return value;
}
