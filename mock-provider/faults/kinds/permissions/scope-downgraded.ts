import { z } from 'zod';
import { defineKind } from '../../types.js';

/**
 * scope.downgraded — the provider grants fewer scopes than the client asked for, as a user who
 * unticks a permission on a consent page, or a policy, does.
 *
 * - Granted = requested ∩ `grant`; a scope in `grant` that was not requested is never added.
 * - Implemented where the grant is made (oidc-provider's loadExistingGrant): the other scopes are
 *   recorded as rejected, so the token response's `scope` says what was granted and userinfo
 *   releases only those claims, exactly as after a real partial consent.
 * - When nothing would change (every requested scope is in `grant`), the fault does not apply.
 */
const scopeList = z
  .union([z.string(), z.array(z.string().min(1)).min(1)])
  .transform((v) => (Array.isArray(v) ? v : v.split(' ').filter(Boolean)))
  .refine((v) => v.includes('openid'), { message: 'must include openid, or no id_token could be issued' });

const params = z.strictObject({
  grant: scopeList.describe('The scopes actually granted: a list, or a space-separated string; must include openid.'),
});

export const scopeDowngraded = defineKind({
  kind: 'scope.downgraded',
  category: 'permissions',
  summary: 'The provider grants fewer scopes than requested; the token response\'s scope says so and userinfo releases only the granted claims.',
  correctClient:
    'Read the granted scope from the token response, turn off or gate the features that need the missing scopes, and treat absent claims as absent, not as an error or as a reason to loop back to login.',
  references: ['RFC 6749 §3.3', 'RFC 6749 §5.1 (scope)', 'OIDC Core §5.3.2', 'catalog FC-DOWNSCOPED-TOKEN', 'oidcc-client-test-scope-userinfo-claims'],
  why: 'Users may grant less than an app asks for; an app that assumes every requested claim is there crashes on a missing email, or calls APIs that will answer 403.',
  fix: 'Check `tokens.scope` (openid-client 6: `TokenEndpointResponse.scope`; Spring Security: `OAuth2AccessToken.getScopes()`; ASP.NET: the `scope` in the saved tokens; authlib: `token["scope"]`) and read claims as optional.',
  points: ['authorize'],
  defaultPoints: ['authorize'],
  params,
  hooks: {
    grantScopes(scopes, p) {
      const granted = scopes.filter((s) => p.grant.includes(s));
      return granted.length === scopes.length ? undefined : granted;
    },
  },
});
