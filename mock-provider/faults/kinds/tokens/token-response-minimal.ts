import { z } from 'zod';
import { defineKind } from '../../types.js';

/**
 * token-response.minimal — positive control: a successful token response without expires_in and scope.
 *
 * - RFC 6749 §5.1: expires_in is RECOMMENDED, and scope may be left out when it equals the requested
 *   scope. The provider grants what was asked unless another fault narrows it (scope.downgraded),
 *   so do not combine the two when the point is a valid response.
 * - Applies to every successful grant at the token endpoint (code, refresh, client credentials).
 */
const MEMBERS = ['expires_in', 'scope'] as const;

const params = z.strictObject({
  drop: z
    .array(z.enum(MEMBERS))
    .min(1)
    .default([...MEMBERS])
    .describe('Which optional members to leave out of the token response.'),
});

export const tokenResponseMinimal = defineKind({
  kind: 'token-response.minimal',
  category: 'tokens',
  summary: 'Positive control: a successful token response leaves out expires_in and scope, which RFC 6749 allows.',
  correctClient:
    'Accept the response: assume the requested scope was granted, and choose a refresh strategy without a stated lifetime (refresh on 401 invalid_token, or ahead of a JWT access token\'s exp). Rejecting it is the bug.',
  why: 'Several providers omit expires_in or scope; an app that requires them fails every login, and one that computes `now + expires_in` without checking gets NaN and treats the token as expired forever or never.',
  fix: 'Treat both members as optional: openid-client\'s `tokens.expiresIn()` returns undefined and `tokens.scope` is undefined — handle that instead of failing; never compute an expiry from a missing expires_in; fall back to the requested scope when scope is absent.',
  references: [
    'RFC 6749 §5.1',
    'fapi2-security-profile-final-client-test-token-endpoint-response-without-expires_in',
    'fapi1-advanced-final-client-test-no-scope-in-token-endpoint-response',
    'fapi-ciba-id1-client-no-scope-in-token-endpoint-response-test',
  ],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, p) {
      if (res.status !== 200 || typeof res.body.access_token !== 'string') return undefined;
      const removed = p.drop.filter((name) => name in res.body);
      if (removed.length === 0) return undefined;
      const body = { ...res.body };
      for (const name of removed) delete body[name];
      res.body = body;
      return `removed ${removed.join(' and ')} from the token response`;
    },
  },
});
