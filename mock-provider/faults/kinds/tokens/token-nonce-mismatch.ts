import { z } from 'zod';
import { defineKind } from '../../types.js';
import { resignClaims, show } from '../shared/jwt-token.js';

/**
 * token.nonce-mismatch — the id_token's nonce is not the one the client sent.
 *
 * - Default: the real nonce with "1" appended, as the OpenID conformance suite does.
 * - id_token only, and only when it carries a nonce (the request sent one): there is nothing to
 *   mismatch otherwise (token.missing-claim removes it).
 * - Re-signed with the provider's own key: only nonce is wrong.
 */
const params = z.strictObject({
  value: z.string().optional().describe('The nonce to send instead; default: the real nonce with "1" appended.'),
});

export const tokenNonceMismatch = defineKind({
  kind: 'token.nonce-mismatch',
  category: 'tokens',
  summary: 'The id_token carries a nonce different from the one in the authorization request (default: nonce + "1"), correctly signed.',
  correctClient: 'Compare the id_token\'s nonce with the one kept in the user\'s session for this login, and refuse the login on a mismatch.',
  why: 'The nonce binds the id_token to this browser\'s login. Without the check an id_token (or a code) obtained in another session can be injected and replayed: the attacker\'s login completes in the victim\'s browser.',
  fix: 'Keep the nonce with the login in the session and compare: openid-client 6 `authorizationCodeGrant(config, url, { expectedNonce })`; express-openid-connect and passport (openid-client) do it; Spring Security OidcAuthorizationCodeAuthenticationProvider does it; ASP.NET OpenIdConnectHandler validates it (`ProtocolValidator.RequireNonce`); authlib `parse_id_token(token, nonce=...)`. jose alone does not: compare `payload.nonce` yourself.',
  references: [
    'OIDC Core §3.1.3.7 (11)',
    'OIDC Core §15.5.2',
    'RFC 9700 §4.5.3',
    'oidcc-client-test-nonce-invalid (rp-nonce-invalid)',
    'fapi1-advanced-final-client-test-invalid-nonce',
  ],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, p, tools) {
      return resignClaims(res, 'id_token', tools, (payload) => {
        if (typeof payload.nonce !== 'string') return undefined;
        const original = payload.nonce;
        payload.nonce = p.value ?? `${original}1`;
        return `nonce ${show(payload.nonce)} (was ${show(original)})`;
      });
    },
  },
});
