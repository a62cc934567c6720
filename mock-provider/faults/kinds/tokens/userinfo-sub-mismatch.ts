import { z } from 'zod';
import { defineKind } from '../../types.js';

/**
 * userinfo.sub-mismatch — the UserInfo response names another subject than the id_token.
 *
 * - The default sub is the real one with "invalid" appended, as the OpenID conformance suite does;
 *   every other claim is the real user's unless `claims` replaces it (another person's name makes a
 *   client that uses the response anyway show it, which OIDC Core §5.3.2 forbids).
 * - Only successful UserInfo responses with a sub are changed; error responses pass untouched.
 */
const params = z.strictObject({
  value: z.string().min(1).optional().describe('The sub to send instead; default: the real sub with "invalid" appended.'),
  claims: z
    .record(z.string().regex(/^(?!sub$)/, 'a claim other than sub (sub is `value`)'), z.union([z.string(), z.number(), z.boolean()]))
    .optional()
    .describe('Other claims of the response to replace too, e.g. { name: Mallory Mismatch }: what a client that uses the response anyway would show.'),
});

export const userinfoSubMismatch = defineKind({
  kind: 'userinfo.sub-mismatch',
  category: 'tokens',
  summary: 'The UserInfo response carries a sub different from the id_token\'s (the real sub + "invalid" by default).',
  correctClient:
    'Compare the UserInfo sub with the id_token sub; on a mismatch use none of the UserInfo values and fail the login (or the profile fetch) with an error.',
  why: 'OIDC Core requires the check because a substituted or mixed-up UserInfo response (token substitution, a caching proxy, a multi-tenant bug) would otherwise sign the user in with another person\'s name and email.',
  fix: 'openid-client 6: pass the id_token\'s sub as the expected subject, `fetchUserInfo(config, accessToken, tokens.claims().sub)`, never `skipSubjectCheck`; openid-client 5 (express-openid-connect, passport with openid-client) checks when given the TokenSet rather than a bare access token; Spring Security\'s OidcUserService checks it and fails with invalid_user_info_response.',
  references: ['OIDC Core §5.3.2', 'oidcc-client-test-userinfo-invalid-sub (rp-userinfo-bad-sub-claim)'],
  points: ['userinfo'],
  defaultPoints: ['userinfo'],
  params,
  hooks: {
    async response(res, p) {
      const sub = res.body.sub;
      if (res.status !== 200 || typeof sub !== 'string') return undefined;
      const replaced = p.value ?? `${sub}invalid`;
      res.body = { ...res.body, ...p.claims, sub: replaced };
      const also = Object.keys(p.claims ?? {});
      return `userinfo sub "${sub}" replaced by "${replaced}"${also.length > 0 ? `, and ${also.join(', ')} too` : ''}`;
    },
  },
});
