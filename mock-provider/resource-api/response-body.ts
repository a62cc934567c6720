import type { ApiCredential } from '../faults/types.js';

/** The route's JSON with "{sub}", "{client_id}" and "{scope}" filled in from the credential, at any depth. */
export function fillResponse(template: unknown, credential: ApiCredential): unknown {
  const values: Record<string, string> = {
    sub: String(credential.claims.sub ?? ''),
    client_id: String(credential.claims.client_id ?? ''),
    scope: credential.scopes.join(' '),
  };
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(/\{(sub|client_id|scope)\}/g, (_, name: string) => values[name]!);
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };
  return fill(template);
}
