import { z } from 'zod';
import { defineKind } from '../../types.js';

/**
 * discovery.issuer-mismatch — the discovery document names an issuer other than the one it was
 * fetched for.
 *
 * - The default issuer is the real one with "INVALID" appended, as the OpenID conformance suite
 *   does; every endpoint in the document stays right, so only the issuer check can catch it.
 * - The provider itself keeps its real issuer in tokens, so a client that skips the discovery check
 *   fails later, on the id_token's iss, or not at all.
 */
const params = z.strictObject({
  value: z.string().min(1).optional().describe('The issuer to publish instead; default: the real issuer with "INVALID" appended.'),
});

export const discoveryIssuerMismatch = defineKind({
  kind: 'discovery.issuer-mismatch',
  category: 'oauth-flow',
  summary: 'The discovery document\'s issuer differs from the issuer URL it was fetched from (the real issuer + "INVALID" by default).',
  correctClient:
    'Refuse the configuration: the issuer in the document must exactly equal the issuer the client was configured with; stop before starting any login.',
  why: 'The issuer binds every later check (the id_token\'s iss, the authorization response\'s iss); a client that takes it from whatever document it fetched can be steered by a mix-up attack or a misconfigured proxy to trust another issuer\'s tokens.',
  fix: 'Configure the expected issuer and compare it with the document: openid-client 6 `discovery()` does it and rejects (do not replace it with a hand-written fetch); Spring Security `ClientRegistrations.fromIssuerLocation` does it; for hand-written discovery compare `metadata.issuer === configuredIssuer` exactly, trailing slash included.',
  references: [
    'OpenID Connect Discovery §4.3',
    'RFC 8414 §3.3',
    'RFC 9700 §4.4',
    'oidcc-client-test-discovery-issuer-mismatch (rp-discovery-issuer-not-matching-config)',
  ],
  points: ['discovery'],
  defaultPoints: ['discovery'],
  params,
  hooks: {
    async response(res, p) {
      const issuer = res.body.issuer;
      if (res.status !== 200 || typeof issuer !== 'string') return undefined;
      const replaced = p.value ?? `${issuer}INVALID`;
      res.body = { ...res.body, issuer: replaced };
      return `discovery issuer "${issuer}" replaced by "${replaced}"`;
    },
  },
});
