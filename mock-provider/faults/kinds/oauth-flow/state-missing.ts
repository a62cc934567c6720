import { z } from 'zod';
import { defineKind } from '../../types.js';

/**
 * state.missing — the authorization response leaves out the state the client sent.
 *
 * - Applies to successful authorization responses in every response mode (the hook edits the
 *   parameters before oidc-provider encodes them); code and iss are left as they are.
 * - A request without state is left alone: there is nothing to remove, and the conformance suite
 *   skips its test for such a client.
 */
const params = z.strictObject({});

export const stateMissing = defineKind({
  kind: 'state.missing',
  category: 'oauth-flow',
  summary: 'The authorization response comes back without the state parameter the client sent.',
  correctClient:
    'Treat a missing state like a wrong one: refuse the callback, never redeem the code, and show an error instead of signing the user in.',
  references: [
    'RFC 6749 §4.1.2 ("REQUIRED if the state parameter was present in the client authorization request")',
    'RFC 6749 §10.12',
    'fapi2-security-profile-final-client-test-ensure-authorization-response-with-invalid-missing-state-fails',
  ],
  why: 'A client that only compares state when one comes back can be fed an attacker\'s code by a callback without state: the CSRF protection is switched off by leaving the parameter out.',
  fix: 'Require the state you stored in the session to be present and equal: openid-client 6 `authorizationCodeGrant(config, url, { expectedState })` throws on a missing state; passport-openidconnect and express-openid-connect check it; in hand-written callbacks test `params.state === session.state`, not `if (params.state && …)`.',
  points: ['authorize'],
  defaultPoints: ['authorize'],
  params,
  hooks: {
    authorizationResponse(out) {
      if (typeof out.state !== 'string') return undefined;
      delete out.state;
      return 'state removed from the authorization response';
    },
  },
});
