import { describe, expect, it } from 'vitest';
import type { FaultView, JournalEntry } from '../../mock-provider/index.js';
import { parseFault } from '../../mock-provider/index.js';
import type { Scenario } from '../../harness/scenario/types.js';
import type { TypedScenario } from '../helpers/typed-scenario.js';
import { diagnose } from '../../harness/verdict/diagnose.js';
import { anyFaultApplied, describeUnapplied, faultsOf, likelyReason } from '../../harness/verdict/faults-applied.js';

/**
 * The rule that turns a scenario whose faults never acted into `skipped`: judged on journal
 * entries and fault views shaped as the provider records them (mock-provider/control/journal.ts,
 * faults/store.ts), one per way an application is recorded.
 */
let nextId = 1;
function entry(e: Partial<JournalEntry> & Pick<JournalEntry, 'endpoint'>): JournalEntry {
  return { id: nextId++, time: '2026-01-01T00:00:00.000Z', method: 'GET', path: `/default/${e.endpoint}`, status: 200, durationMs: 4, faults: [], ...e };
}

const discovery = () => entry({ endpoint: 'discovery', path: '/default/.well-known/openid-configuration' });
const authorize = () => entry({ endpoint: 'authorize', path: '/default/auth', status: 303, clientId: 'demo-app', params: { response_type: 'code', state: true, code_challenge_method: 'S256' } });
const redemption = (faults: JournalEntry['faults'] = []) =>
  entry({ endpoint: 'token', method: 'POST', path: '/default/token', clientId: 'demo-app', grantType: 'authorization_code', params: { grant_type: 'authorization_code', code: true }, faults });
/** A back-channel TLS connection as tls/listeners.ts journals it. */
const connection = (certificate: string, handshake: 'completed' | 'failed') =>
  entry({
    endpoint: 'transport',
    method: 'TLS',
    path: 'back channel',
    status: 0,
    tls: { listener: 'back', certificate, handshake, requestSent: handshake === 'completed', ...(handshake === 'failed' ? { alert: 'the client sent TLS alert "certificate expired"' } : { protocol: 'TLSv1.3' }) },
    ...(handshake === 'failed' ? { outcome: 'aborted' as const } : {}),
  });

function view(kind: string, applied: number, extra: Partial<FaultView> = {}): FaultView {
  return { id: `f${nextId++}`, kind, params: {}, when: {}, createdAt: '2026-01-01T00:00:00.000Z', matched: applied, applied, ...extra };
}

function fault(raw: Record<string, unknown>) {
  const parsed = parseFault(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.fault;
}

const loc = { file: 's.yaml', line: 1, column: 1 };
function scenarioWith(parts: Partial<TypedScenario>): TypedScenario {
  return {
    id: 'discovery-issuer-mismatch',
    title: 'A discovery document naming another issuer is refused',
    category: 'oauth-flow',
    severity: 'must',
    references: ['OpenID Connect Discovery §4.3'],
    spec: {},
    faults: [],
    steps: [{ type: 'login', title: 'login as alice', loc }],
    expect: { app: [{ type: 'app', state: 'refused', loc }], idp: [] },
    file: 's.yaml',
    loc,
    ...parts,
  };
}

describe('did any fault apply', () => {
  it('no: the app answered from its cache, and the fault counter and the journal agree', () => {
    // discovery.issuer-mismatch set, but the app had discovery cached: it went straight to /auth.
    const entries = [authorize(), redemption()];
    expect(anyFaultApplied([view('discovery.issuer-mismatch', 0)], entries)).toBe(false);
  });

  it('yes: a journal entry records the application (request, response and API faults)', () => {
    const changed = redemption([{ id: 'f1', kind: 'token.expired', effect: 'id_token re-signed with exp 360s in the past' }]);
    expect(anyFaultApplied([view('token.expired', 1)], [discovery(), authorize(), changed])).toBe(true);
    // The journal alone is enough: a view read before its counter moved still says 0.
    expect(anyFaultApplied([view('token.expired', 0)], [changed])).toBe(true);
    const api = entry({
      endpoint: 'api',
      path: '/api/orders',
      status: 403,
      api: { route: 'GET /api/orders', tokenKind: 'jwt', foundIn: 'Authorization header', error: 'insufficient_scope' },
      faults: [{ id: 'f2', kind: 'api.insufficient-scope', effect: 'refused GET /api/orders: insufficient_scope: needs orders:read' }],
    });
    expect(anyFaultApplied([], [api])).toBe(true);
  });

  it('yes: a TLS fault met a connection, whether the app refused the certificate or not', () => {
    expect(anyFaultApplied([view('tls.expired', 0)], [connection('certificate expired a day ago', 'failed')])).toBe(true);
    expect(anyFaultApplied([view('tls.self-signed', 0)], [connection('self-signed certificate', 'completed')])).toBe(true);
    // The run CA's valid certificate on the back channel, or anything on the front one, is not the fault.
    const front = { ...connection('valid certificate from the run CA', 'completed'), tls: { listener: 'front' as const, certificate: 'valid certificate from the run CA', handshake: 'completed' as const, requestSent: true } };
    expect(anyFaultApplied([view('tls.expired', 0)], [connection('valid certificate from the run CA', 'completed'), front])).toBe(false);
  });

  it('yes: the counter alone, for what leaves no journal trace (a narrowed scope granted without an entry)', () => {
    expect(anyFaultApplied([view('scope.downgraded', 1)], [authorize()])).toBe(true);
  });

  it('counts faults set by a step too: one of them applying is enough', () => {
    const retired = view('token.ttl', 1, { when: { times: 1 } });
    expect(anyFaultApplied([retired, view('token.claims', 0)], [])).toBe(true);
  });
});

describe('the faults a scenario sets, and where they act', () => {
  it('names each fault with its points, its route and the step that set it', () => {
    const s = scenarioWith({
      faults: [fault({ kind: 'discovery.issuer-mismatch' }), fault({ kind: 'rate-limit', limit: 0, when: { route: 'GET /api/orders' } })],
      steps: [
        { type: 'login', title: 'login as alice', loc },
        { type: 'set-faults', title: 'set faults', faults: [fault({ kind: 'tls.expired' }), fault({ kind: 'network.hang', when: { endpoint: ['jwks', 'userinfo'] } })], loc },
      ],
    });
    expect(faultsOf(s).map(describeUnapplied)).toEqual([
      'discovery.issuer-mismatch at discovery',
      'rate-limit at api (GET /api/orders)',
      'tls.expired at transport (each new back-channel TLS connection), set by step 2',
      'network.hang at jwks, userinfo, set by step 2',
    ]);
    expect(faultsOf(scenarioWith({}))).toEqual([]);
  });

  it('says why, from where the faults act, what the app called, and whether the app was fresh', () => {
    const kidAbsent = faultsOf(scenarioWith({ faults: [fault({ kind: 'jwks.kid-absent' })] }));
    // The app redeemed the code but never fetched the JWKS: it had the keys from an earlier scenario.
    expect(likelyReason(kidAbsent, false, [authorize(), redemption()])).toEqual({
      reason:
        'The app made no request the faults under test acted on: it never called the jwks endpoint during this scenario; jwks.kid-absent found nothing to change in its requests to the token endpoint. An app that fetched jwks in an earlier scenario may keep it cached and never ask again.',
      fix: 'Add `fresh-app: true` to the scenario: the runner then restarts the app before it, so the scenario meets empty caches (see docs/scenarios.md).',
    });
    expect(likelyReason(kidAbsent, true, [authorize()]).reason).toBe(
      "The app made no request the faults under test acted on: it never called the jwks endpoint or the token endpoint during this scenario. The app was started afresh for this scenario, so it may fetch jwks at start-up, before the scenario's faults are set, or not use it at all.",
    );
    const userinfo = faultsOf(scenarioWith({ faults: [fault({ kind: 'http.error', status: 503, when: { endpoint: 'userinfo' } })] }));
    expect(likelyReason(userinfo, true, [authorize(), redemption()])).toEqual({
      reason: 'The app made no request the faults under test acted on: it never called the userinfo endpoint during this scenario. The flow may have stopped before reaching it, or the app does not use it.',
      fix: "Check that the scenario's steps reach the endpoint with this app (the positive controls, such as happy-path, show whether a plain flow works).",
    });
    const tls = faultsOf(scenarioWith({ faults: [fault({ kind: 'tls.expired' })] }));
    expect(likelyReason(tls, false, [authorize()]).reason).toMatch(/^The app made no request the faults under test acted on: it never called the provider over a new back-channel TLS connection during this scenario\..*, or answered from what it kept from an earlier scenario\.$/);
  });
});

describe('the diagnosis of a scenario skipped because no fault applied', () => {
  it('says which faults, where they would have acted, why and what to do — never what the checks would have said', () => {
    const s = scenarioWith({ faults: [fault({ kind: 'discovery.issuer-mismatch' })] });
    const entries = [authorize(), redemption()];
    const d = diagnose({
      scenario: s,
      decision: { verdict: 'skipped', unapplied: faultsOf(s) },
      checks: [{ ok: false, expected: 'the app refuses', observed: 'the user was signed in (the page showed "Log out")' }],
      browser: ['browser ended at http://127.0.0.1:3000/'],
      entries,
    });
    expect(d.summary).toBe(
      'Skipped: the faults under test never applied (discovery.issuer-mismatch at discovery). The app made no request the faults under test acted on: it never called the discovery endpoint during this scenario. An app that fetched discovery in an earlier scenario may keep it cached and never ask again.',
    );
    expect(d.injected).toEqual(['discovery.issuer-mismatch', '(no fault applied: the app made no request a fault matched)']);
    expect(d.observed[0]).toBe('no fault under test applied: the provider recorded no application of discovery.issuer-mismatch in this scenario');
    expect(d.observed.join('\n')).not.toMatch(/would have been/);
    expect(d.expected).toEqual(['the app refuses']);
    expect(d.why).toMatch(/^A scenario whose faults never acted ran against a provider that behaved/);
    expect(d.fix).toContain('fresh-app: true');
    expect(d.references).toContain('OpenID Connect Discovery §4.3');
  });

  it('blames no when: the scenario does not have: a fault set after the app last called its endpoint', () => {
    const s = scenarioWith({
      steps: [
        { type: 'login', title: 'login as alice', loc },
        { type: 'set-faults', title: 'set faults', faults: [fault({ kind: 'http.error', status: 503, when: { endpoint: 'userinfo' } })], loc },
        { type: 'visit', title: 'visit profile', page: 'profile', loc },
      ],
    });
    const login = [authorize(), redemption(), entry({ endpoint: 'userinfo', path: '/default/me' })];
    const profile = entry({ endpoint: 'token', method: 'POST', path: '/default/token', grantType: 'refresh_token' });
    // Step 2 began after the login's requests: the app called UserInfo only while signing in.
    expect(likelyReason(faultsOf(s), false, [...login, profile], [0, login.at(-1)!.id, login.at(-1)!.id]).reason).toBe(
      'The app made no request the faults under test acted on: it called the userinfo endpoint only before step 2 set http.error. The app does what the scenario tests earlier than the scenario looks for it (while signing in, say), so the situation the scenario sets up never arose.',
    );
    const conditional = faultsOf(scenarioWith({ faults: [fault({ kind: 'http.error', status: 500, when: { endpoint: 'token', nth: 3 } })] }));
    expect(likelyReason(conditional, true, [authorize(), redemption()]).reason).toMatch(/its requests to the token endpoint did not meet the conditions of http.error \(when:\)/);
  });
});

describe('faults that only set the stage', () => {
  it('are not faults under test: their acting does not make a scenario judged, and a scenario with only such faults needs none to act', () => {
    const ttl = { ...fault({ kind: 'token.ttl', token: 'access_token', seconds: 2, when: { times: 1 } }), stage: true as const };
    const s = scenarioWith({ faults: [ttl, fault({ kind: 'refresh.invalid-grant' })] });
    expect(faultsOf(s).map((f) => f.kind)).toEqual(['refresh.invalid-grant']);
    expect(faultsOf(scenarioWith({ faults: [ttl] }))).toEqual([]);
    const staged = view('token.ttl', 1);
    const changed = redemption([{ id: staged.id, kind: 'token.ttl', effect: 'expires_in 2' }]);
    expect(anyFaultApplied([staged, view('refresh.invalid-grant', 0)], [changed], new Set([staged.id]))).toBe(false);
    expect(anyFaultApplied([staged, view('refresh.invalid-grant', 0)], [changed])).toBe(true);
  });
});
