import { z } from 'zod';
import { defineKind } from '../../types.js';

/**
 * state.tampered — the authorization response carries a state the client did not send.
 *
 * - Applies to successful authorization responses, whatever the response mode (the hook edits
 *   the response parameters before oidc-provider encodes them as query, fragment or form_post).
 * - The default tampered value is the real one with "1" appended, as the OpenID conformance suite does.
 * - A request without state is left alone: there is nothing to tamper with (see state.missing).
 */
const params = z.strictObject({
  value: z.string().min(1).optional().describe('The state to send back instead; default: the real state with "1" appended.'),
});

export const stateTampered = defineKind({
  kind: 'state.tampered',
  category: 'oauth-flow',
  summary: 'The authorization response returns a state value different from the one the client sent.',
  correctClient:
    'Compare the returned state with the one bound to the browser session; on mismatch refuse the callback and never redeem the code.',
  references: ['RFC 6749 §10.12', 'RFC 9700 §4.7', 'OIDC Core §3.1.2.7'],
  why: 'Without the state check an attacker can complete a login in the victim\'s browser with the attacker\'s own authorization code (login CSRF), so the victim works in the attacker\'s account.',
  fix: 'Keep the state you generated in the user\'s session and compare it before redeeming the code: openid-client 6 `authorizationCodeGrant(config, url, { expectedState })`; passport and express-openid-connect do it unless you turn it off; Spring Security and ASP.NET do it by default.',
  points: ['authorize'],
  defaultPoints: ['authorize'],
  params,
  hooks: {
    authorizationResponse(out, p) {
      if (typeof out.state !== 'string') return undefined;
      const original = out.state;
      out.state = p.value ?? `${original}1`;
      return `state "${original}" replaced by "${out.state}"`;
    },
  },
});
