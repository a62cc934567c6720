import { z } from 'zod';
import { defineKind } from '../../types.js';

/**
 * token-response.extra-members — positive control: a successful token response carries members the
 * client has never heard of.
 *
 * - RFC 6749 §5.1: "The client MUST ignore unrecognized value names in the response."
 * - The standard members cannot be named: overwriting access_token or expires_in is another fault.
 * - Applies to every successful grant at the token endpoint.
 */
const STANDARD = ['access_token', 'token_type', 'expires_in', 'refresh_token', 'scope', 'id_token', 'error', 'error_description', 'error_uri'];

const params = z.strictObject({
  members: z
    .record(z.string().min(1), z.json())
    .refine((m) => Object.keys(m).length > 0, 'name at least one member')
    .refine((m) => !Object.keys(m).some((k) => STANDARD.includes(k)), `standard members (${STANDARD.join(', ')}) cannot be added or replaced`)
    .default({ x_authfault: 'ignore me', id_token_expires_in: 3600 })
    .describe('The extra members and their JSON values.'),
});

export const tokenResponseExtraMembers = defineKind({
  kind: 'token-response.extra-members',
  category: 'tokens',
  summary: 'Positive control: a successful token response carries unknown extra members (x_authfault, id_token_expires_in by default).',
  correctClient: 'Ignore the members it does not know and finish the flow as usual. Rejecting the response is the bug.',
  why: 'Real providers add their own members (Entra ID\'s ext_expires_in, Keycloak\'s refresh_expires_in and not-before-policy); an app that validates the response against a closed schema breaks when its provider adds one.',
  fix: 'Read the members you need and ignore the rest: openid-client, Spring Security and authlib do; with zod use a non-strict object (`z.object`, not `z.strictObject`), with JSON Schema do not set additionalProperties: false on token responses.',
  references: ['RFC 6749 §5.1', 'OIDC Core §3.1.3.3'],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, p) {
      if (res.status !== 200 || typeof res.body.access_token !== 'string') return undefined;
      res.body = { ...res.body, ...p.members };
      return `added ${Object.keys(p.members).join(', ')} to the token response`;
    },
  },
});
