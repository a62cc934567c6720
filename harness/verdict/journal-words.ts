import type { JournalEntry } from '../../mock-provider/common.js';

const ENDPOINT_WORDS: Record<string, string> = {
  authorize: 'authorization endpoint',
  token: 'token endpoint',
  userinfo: 'userinfo endpoint',
  jwks: 'JWKS',
  discovery: 'discovery document',
  introspection: 'introspection endpoint',
  revocation: 'revocation endpoint',
  end_session: 'end-session endpoint',
  interaction: 'login page',
  api: 'protected API',
};

/** An endpoint as a person names it: `token endpoint`, `JWKS`. */
export function endpointWords(endpoint: string): string {
  return ENDPOINT_WORDS[endpoint] ?? endpoint;
}

/** One journal entry in a line: `POST /default/token grant_type=authorization_code → 200 [faults]`. */
export function describeEntry(e: JournalEntry): string {
  if (e.tls) {
    const verdict = e.tls.requestSent ? 'the client sent requests over it' : (e.tls.alert ?? 'closed without a request');
    return `TLS ${e.tls.listener} channel, ${e.tls.certificate}: handshake ${e.tls.handshake}, ${verdict}`;
  }
  const grant = e.grantType ? ` grant_type=${e.grantType}` : '';
  const faults = e.faults.length > 0 ? ` [${e.faults.map((f) => `${f.kind}: ${f.effect}`).join('; ')}]` : '';
  return `${e.method} ${e.path}${grant} → ${e.status || e.outcome || 'no answer'}${faults}`;
}
