import { z } from 'zod';
import { defineKind, INJECTION_POINTS, type InjectionPoint } from '../../types.js';

/**
 * network.malformed-body — 200 OK, but the body cannot be used.
 *
 * - truncated (default): Content-Type application/json and a JSON document cut off mid-value,
 *   shaped like the endpoint's real answer (a connection dropped by a proxy, a full disk).
 * - html: an HTML page with status 200 and Content-Type text/html, as a captive portal, a proxy
 *   login or a CDN error page sends in place of the provider's answer.
 * - empty: Content-Type application/json and a zero-length body.
 * - The provider never handles the request; Cache-Control no-store keeps caches from keeping it.
 */
const params = z.strictObject({
  how: z.enum(['truncated', 'html', 'empty']).default('truncated').describe('How the body is broken: cut-off JSON, an HTML page, or nothing.'),
});

/** The opening of each endpoint's real JSON answer, cut off mid-value. */
const TRUNCATED: Partial<Record<InjectionPoint, (issuer: string) => string>> = {
  discovery: (issuer) => `{"issuer":"${issuer}","authorization_endpoint":"${issuer}/au`,
  jwks: () => '{"keys":[{"kty":"RSA","use":"sig","kid":"',
  token: () => '{"access_token":"Zm9vYmFyYmF6","expires_in":3600,"id_token":"eyJhbGciOiJSUzI1NiIsInR5',
  userinfo: () => '{"sub":"alice","name":"Alice Exa',
  introspection: () => '{"active":true,"client_id":"',
};
const TRUNCATED_DEFAULT = '{"error":"server_error","error_descrip';

const HTML = `<!DOCTYPE html>
<html><head><title>Network Login</title></head>
<body><h1>Sign in to the network</h1><p>You must accept the terms of use before you can browse.</p>
<form method="post" action="/portal/accept"><button>Accept and continue</button></form></body></html>
`;

export const networkMalformedBody = defineKind({
  kind: 'network.malformed-body',
  category: 'network',
  summary: 'Answers 200 OK with a body that cannot be used: truncated JSON, an HTML page, or nothing.',
  correctClient:
    'Check the Content-Type and parse defensively: a 200 whose body is not the expected JSON is a failure of that step, reported clearly, never a success with missing fields.',
  why: 'Clients that trust a 200 crash on the parse error (an unhandled exception in the callback), or read missing fields as empty and continue with no keys, no claims or an undefined token.',
  fix: 'Let the library parse and catch its error: openid-client 6 rejects with code OAUTH_PARSE_ERROR (bad JSON) or OAUTH_RESPONSE_IS_NOT_JSON (HTML); with hand-written fetch check `res.headers.get("content-type")` and wrap `res.json()` in try/catch; Spring Security and ASP.NET raise a deserialisation exception in the token client that should map to a login error page.',
  references: ['WireMock Fault.MALFORMED_RESPONSE_CHUNK', 'RFC 6749 §5.1 (application/json token response)', 'OpenID Connect Discovery §4.2'],
  points: INJECTION_POINTS.filter((p) => p !== 'transport'),
  defaultPoints: ['token'],
  params,
  hooks: {
    request(req, p, _state, env) {
      const headers = { 'Cache-Control': 'no-store' };
      switch (p.how) {
        case 'truncated':
          return {
            type: 'respond',
            status: 200,
            headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
            body: TRUNCATED[req.point]?.(env.issuer) ?? TRUNCATED_DEFAULT,
          };
        case 'html':
          return { type: 'respond', status: 200, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' }, body: HTML };
        case 'empty':
          return { type: 'respond', status: 200, headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' }, body: '' };
      }
    },
  },
});
