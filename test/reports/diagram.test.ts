import { describe, expect, it } from 'vitest';
import { receiverOf, senderOf } from '../../reports/html/diagram/lanes.js';
import { layoutDiagram, MAX_DRAWN_ENTRIES, type DiagramItem } from '../../reports/html/diagram/layout.js';
import { renderDiagram } from '../../reports/html/diagram/svg.js';
import { findWrongTurn } from '../../reports/html/diagram/wrong-turn.js';
import type { JournalEntry, ScenarioReport } from '../../reports/model.js';
import { fixtureReport } from './fixture.js';
import { childrenNamed, parseXml, type XmlNode } from './xml-parse.js';

function scenario(id: string): ScenarioReport {
  return fixtureReport().scenarios.find((s) => s.id === id)!;
}

type Message = Extract<DiagramItem, { type: 'message' }>;
const messages = (items: DiagramItem[]): Message[] => items.filter((i): i is Message => i.type === 'message');
const notes = (items: DiagramItem[]) => items.filter((i) => i.type === 'note');

function entry(id: number, endpoint: string, extra: Partial<JournalEntry> = {}): JournalEntry {
  return { id, time: `2025-11-28T08:30:0${id}.000Z`, endpoint, method: 'GET', path: `/${endpoint}`, status: 200, durationMs: 5, faults: [], ...extra };
}

describe('sequence diagram lanes', () => {
  it('puts front-channel requests on the browser, back-channel ones on the app, and the API on its own lane', () => {
    const lanes = ['authorize', 'interaction', 'end_session', 'token', 'userinfo', 'jwks', 'discovery', 'introspection', 'revocation', 'api', 'other'].map(
      (endpoint) => `${endpoint}: ${senderOf({ endpoint })} → ${receiverOf({ endpoint })}`,
    );
    expect(lanes).toEqual([
      'authorize: browser → provider',
      'interaction: browser → provider',
      'end_session: browser → provider',
      'token: app → provider',
      'userinfo: app → provider',
      'jwks: app → provider',
      'discovery: app → provider',
      'introspection: app → provider',
      'revocation: app → provider',
      'api: app → api',
      'other: app → provider',
    ]);
  });
});

describe('where the app went wrong', () => {
  it('is the first request to an endpoint the diagnosis expected no request to', () => {
    expect(findWrongTurn(scenario('state-tampered'))).toEqual({
      entryId: 4,
      at: 'request',
      reason: 'no request to the token endpoint was expected',
    });
  });

  it('reads the rule from an expectation that quotes its sentence or names its severity', () => {
    for (const tail of [' — OIDC Core §3.1.2.7: “… the Client MUST validate the response …”', ' (SHOULD)']) {
      const s = scenario('state-tampered');
      s.diagnosis!.expected = [`no request to the token endpoint${tail}`];
      expect(findWrongTurn(s)).toEqual({ entryId: 4, at: 'request', reason: 'no request to the token endpoint was expected' });
    }
  });

  it('is the retry that came before Retry-After had passed', () => {
    // #7 answered 429 after 3 ms at .100; #8 came at .220: 117 ms later, not 1 s.
    expect(findWrongTurn(scenario('retry-after'))).toEqual({ entryId: 8, at: 'request', reason: 'retried 117 ms after a 429 that said Retry-After: 1' });
  });

  it('is after the last faulted response when no request was wrong in itself', () => {
    const s = scenario('state-tampered');
    s.diagnosis!.expected = ['the app refuses the callback and shows an error'];
    expect(findWrongTurn(s)).toEqual({ entryId: 3, at: 'after', reason: 'the app carried on after this faulted response' });
  });

  it('is nowhere for a pass, an error or a skip', () => {
    for (const verdict of ['pass', 'error', 'skipped'] as const) expect(findWrongTurn({ ...scenario('state-tampered'), verdict })).toBeUndefined();
  });
});

describe('layoutDiagram', () => {
  it('draws each request and its response between the inferred lanes, in journal order', () => {
    const layout = layoutDiagram(scenario('state-tampered'));
    const x = Object.fromEntries(layout.lanes.map(({ lane, x }) => [lane, x]));
    const drawn = messages(layout.items).map((m) => [m.kind, m.from, m.to, m.label, m.tones]);

    expect(layout.lanes.map((l) => l.lane)).toEqual(['browser', 'app', 'provider', 'api']);
    expect(drawn).toEqual([
      ['request', x.browser, x.provider, 'GET /auth', ['fault']],
      ['response', x.provider, x.browser, '303', ['fault']],
      ['inferred', x.browser, x.app, 'callback (inferred)', []],
      ['request', x.app, x.provider, 'POST /token', ['wrong']],
      ['response', x.provider, x.app, '200', []],
    ]);
    expect(notes(layout.items).map((n) => [n.tone, n.text])).toEqual([
      ['fault', '⚡ state.tampered: state replaced in the redirect'],
      ['wrong', '✗ went wrong here: no request to the token endpoint was expected'],
    ]);
    const times = layout.items.filter((i) => i.type === 'time').map((i) => i.text);
    expect(times).toEqual(['+0.000s', '+0.270s']);
    const ys = layout.items.map((i) => i.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(layout.height).toBeGreaterThan(Math.max(...ys));
  });

  it('shows Retry-After and an exchange that broke off, and marks the early retry', () => {
    const drawn = messages(layoutDiagram(scenario('retry-after')).items).map((m) => [m.kind, m.label, m.tones]);
    expect(drawn).toEqual([
      ['request', 'POST /token', ['fault']],
      ['response', '429 Retry-After: 1', ['fault']],
      ['request', 'POST /token', ['wrong']],
      ['response', '✕ the client gave up', ['broken']],
    ]);
  });

  it('sends API calls from the app to the API lane, and shortens random path segments', () => {
    const s = scenario('state-tampered');
    s.verdict = 'pass';
    s.evidence.journal = [
      entry(1, 'interaction', { path: '/interaction/CgYo6bWKweun0syFXebIFmNyMkhIbQ1T6kQjX6IP9Pf/login', method: 'POST' }),
      entry(2, 'api', { path: '/api/profile', status: 403 }),
    ];
    const layout = layoutDiagram(s);
    const x = Object.fromEntries(layout.lanes.map(({ lane, x }) => [lane, x]));
    expect(messages(layout.items).map((m) => [m.from, m.to, m.label])).toEqual([
      [x.browser, x.provider, 'POST /interaction/…P9Pf/login'],
      [x.provider, x.browser, '200'],
      [x.app, x.api, 'GET /api/profile'],
      [x.api, x.app, '403'],
    ]);
    expect(messages(layout.items)[0]!.tooltip).toContain('/interaction/CgYo6bWKweun0syFXebIFmNyMkhIbQ1T6kQjX6IP9Pf/login');
  });

  it('draws TLS connections from the side their listener serves, the bad certificate as the fault, and its acceptance as the wrong turn', () => {
    const s = scenario('state-tampered');
    const tls = (listener: 'front' | 'back', certificate: string, extra: Partial<NonNullable<JournalEntry['tls']>> = {}) => ({
      listener,
      certificate,
      handshake: 'completed' as const,
      requestSent: true,
      protocol: 'TLSv1.3',
      ...extra,
    });
    s.evidence.journal = [
      entry(1, 'transport', { method: 'TLS', path: 'front channel', status: 0, tls: tls('front', 'valid certificate from the run CA') }),
      entry(2, 'transport', { method: 'TLS', path: 'back channel', status: 0, outcome: 'aborted', tls: tls('back', 'certificate expired a day ago', { handshake: 'failed', requestSent: false, alert: 'certificate expired' }) }),
      entry(3, 'transport', { method: 'TLS', path: 'back channel', status: 0, tls: tls('back', 'certificate expired a day ago') }),
    ];
    const layout = layoutDiagram(s);
    const x = Object.fromEntries(layout.lanes.map(({ lane, x }) => [lane, x]));

    expect(messages(layout.items).map((m) => [m.kind, m.from, m.to, m.label, m.tones])).toEqual([
      ['request', x.browser, x.provider, 'TLS: valid certificate from the run CA', []],
      ['response', x.provider, x.browser, 'handshake completed (TLSv1.3)', []],
      ['request', x.app, x.provider, 'TLS: certificate expired a day ago', ['fault']],
      ['response', x.provider, x.app, '✕ handshake failed: certificate expired', ['fault']],
      ['request', x.app, x.provider, 'TLS: certificate expired a day ago', ['fault', 'wrong']],
      ['response', x.provider, x.app, 'handshake completed (TLSv1.3)', ['fault']],
    ]);
    expect(notes(layout.items).map((n) => n.text)).toEqual(['✗ went wrong here: accepted the certificate expired a day ago: sent requests over that connection']);
  });

  it(`draws at most ${MAX_DRAWN_ENTRIES} requests and says how many more there were`, () => {
    const s = scenario('state-tampered');
    s.evidence.journal = Array.from({ length: MAX_DRAWN_ENTRIES + 5 }, (_, i) => entry(i + 1, 'userinfo', { time: '2025-11-28T08:30:00.000Z' }));
    const layout = layoutDiagram(s);
    expect(messages(layout.items).filter((m) => m.kind === 'request')).toHaveLength(MAX_DRAWN_ENTRIES);
    expect(notes(layout.items).at(-1)!.text).toBe('… 5 more requests, listed in the journal table below');
  });
});

describe('renderDiagram', () => {
  function svgTree(svg: string): XmlNode {
    return parseXml(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`);
  }

  it('writes well-formed SVG with the four lanes, the highlighted fault and a tooltip per message', () => {
    const svg = renderDiagram(layoutDiagram(scenario('state-tampered')), 'Request flow of state-tampered');
    const root = svgTree(svg);

    expect(root.name).toBe('svg');
    expect(root.attributes).toMatchObject({ role: 'img', 'aria-label': 'Request flow of state-tampered' });
    expect(childrenNamed(root, 'text').filter((t) => t.attributes.class === 'lane-label').map((t) => t.text)).toEqual(['Browser', 'App', 'Provider', 'API']);
    const groups = childrenNamed(root, 'g');
    expect(groups.map((g) => g.attributes.class)).toEqual([
      'message request fault',
      'message response fault',
      'note fault',
      'message inferred',
      'message request wrong',
      'message response',
      'note wrong',
    ]);
    expect(childrenNamed(groups[0]!, 'title')[0]!.text).toBe('#3 GET /auth (authorize, client demo-app)');
    expect(svg).not.toContain('<marker');
  });

  it('escapes every text it draws', () => {
    const s = scenario('state-tampered');
    s.evidence.journal![0]!.path = '/auth/<script>alert(1)</script>';
    s.evidence.journal![0]!.faults[0]!.effect = 'state "x" & <b>y</b>';
    const svg = renderDiagram(layoutDiagram(s), 'flow of <evil> & "quoted"');

    expect(svg).not.toMatch(/<script|<b>|<evil>/);
    const root = svgTree(svg);
    expect(root.attributes['aria-label']).toBe('flow of <evil> & "quoted"');
    const faultNote = childrenNamed(root, 'g').find((g) => g.attributes.class === 'note fault')!;
    expect(childrenNamed(faultNote, 'text')[0]!.text).toBe('⚡ state.tampered: state "x" & <b>y</b>');
    expect(childrenNamed(faultNote, 'title')[0]!.text).toBe('fault injected: state.tampered: state "x" & <b>y</b>');
  });
});
