import { z } from 'zod';
import { defineKind } from '../../types.js';

/**
 * token.aud-array — positive control: the id_token's aud is the one-element array [client_id].
 *
 * - RFC 7519 §4.1.3 and OIDC Core §2 allow aud as a string or an array of strings; a one-element
 *   array needs no azp. Only aud changes: the token is re-signed with the provider's own key and
 *   kid, so it stays valid in every other respect.
 * - Refresh responses that carry an id_token are changed the same way.
 * - An aud that is already an array, and a response without an id_token, are left alone.
 */
const params = z.strictObject({});

export const tokenAudArray = defineKind({
  kind: 'token.aud-array',
  category: 'tokens',
  summary: 'Positive control: the id_token carries aud as a one-element array [client_id] instead of a string; the token is otherwise valid.',
  correctClient:
    'Accept the token: aud may be a string or an array, and the check is that the client_id is among the audiences (with azp required only when there are several). Rejecting it is the bug.',
  why: 'Providers and gateways differ in how they encode a single audience; an app that compares aud as a string locks every user out the day its provider sends an array, and the FAPI conformance suites test exactly this.',
  fix: 'Test membership, not equality: jose `jwtVerify(token, jwks, { audience: clientId })` and openid-client accept both forms; in a hand-written check use `[aud].flat().includes(clientId)`. Spring Security (OidcIdTokenValidator) and ASP.NET (TokenValidationParameters.ValidAudience) accept arrays already.',
  references: [
    'RFC 7519 §4.1.3',
    'OIDC Core §2',
    'OIDC Core §3.1.3.7 (3)',
    'fapi1-advanced-final-client-test-valid-aud-as-array',
    'fapi2-security-profile-final-client-test-valid-aud-as-array',
  ],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, _p, tools) {
      const idToken = res.body.id_token;
      if (res.status !== 200 || typeof idToken !== 'string') return undefined;
      let audience: string | undefined;
      const resigned = await tools.resign(idToken, (payload) => {
        if (typeof payload.aud !== 'string') return;
        audience = payload.aud;
        payload.aud = [payload.aud];
      });
      if (audience === undefined) return undefined;
      res.body = { ...res.body, id_token: resigned };
      return `id_token re-signed with aud ["${audience}"] instead of "${audience}"`;
    },
  },
});
