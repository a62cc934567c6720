import { z } from 'zod';
import { defineKind } from '../../types.js';
import { marker } from '../shared/api-credentials.js';

/**
 * api-key.revoked — the mock API refuses a valid API key as revoked: 401 `error="api_key_revoked"`
 * saying which key (prefix and last four characters only) and where it was found.
 *
 * - API key calls only; Bearer calls are left alone.
 */
const params = z.strictObject({});

export const apiKeyRevoked = defineKind({
  kind: 'api-key.revoked',
  category: 'credentials',
  summary: 'The protected API answers 401 api_key_revoked to a valid API key, naming the key by its prefix and last four characters.',
  correctClient:
    'Fail the call clearly ("the API key was revoked; an administrator must issue a new one"), alert whoever owns the key, and do not retry in a loop: a revoked key stays revoked.',
  why: 'Keys are revoked when they leak or staff leave. An app that retries, or reports a revoked key as "the API is down", delays the rotation that would fix it; one that logs the whole key leaks the next one too.',
  fix: 'Read the 401 body (`error`, `error_description`), stop retrying on api_key_revoked, raise an alert with the key\'s prefix and last four characters only, and load keys from a secret store so they can be rotated without a deploy.',
  references: ['RFC 9110 §15.5.2 (401)', 'OWASP API Security Top 10 2023 API2 (Broken Authentication)'],
  points: ['api'],
  defaultPoints: ['api'],
  params,
  hooks: {
    api(call) {
      const c = call.credential;
      if (c.kind !== 'api-key') return undefined;
      return {
        error: 'api_key_revoked',
        description: `the ${c.label} has been revoked; create a new key and replace it ${marker('api-key.revoked')}`,
        found: `${c.label} in ${c.foundIn}`,
        expected: `a ${call.environment} API key in the ${call.keyHeader} header that has not been revoked`,
      };
    },
  },
});
