import { KeyObject, sign, type webcrypto } from 'node:crypto';
import { z } from 'zod';
import { defineKind, type KeyPair } from '../../types.js';
import { jwtIn, jwtTokenParam } from '../shared/jwt-token.js';

/**
 * token.malformed — a token that is not a well-formed compact JWS.
 *
 * - segments: header and payload only, no signature segment (two segments).
 * - base64: a character of the payload segment replaced by "!", which no base64url decoder may
 *   accept; the signature is valid over the broken segment, so only decoding can fail.
 * - json: the payload decodes, but to the claims with the closing brace cut off; validly signed.
 * - truncated: the signature segment cut in half (as a proxy or a cookie size limit does).
 * - A client must fail with a handled error, not crash, and not fall back to decoding what it can.
 */
const params = z.strictObject({
  token: jwtTokenParam,
  how: z
    .enum(['segments', 'base64', 'json', 'truncated'])
    .default('segments')
    .describe('How the token is broken: two segments, invalid base64url in the payload, a payload that is not JSON, or a signature cut in half.'),
});

type How = z.infer<typeof params>['how'];

export const tokenMalformed = defineKind({
  kind: 'token.malformed',
  category: 'tokens',
  summary: 'A JWT in the token response is malformed: two segments, invalid base64url, a non-JSON payload, or a truncated signature.',
  correctClient:
    'Parse strictly, fail the login with a handled error (no crash, no stack trace to the user), and make no further calls with the tokens of that response.',
  why: 'Lenient parsers that skip what they cannot decode, or that decode claims without the signature, turn garbage — or an attacker\'s token — into a session; parsers that throw unhandled take the app down on one bad response.',
  fix: 'Verify, never merely decode: jose `jwtVerify` (not `decodeJwt`) and catch its JOSEError; openid-client 6 throws an OperationProcessingError from `authorizationCodeGrant` — catch it and show a login error; Spring Security and ASP.NET turn it into an authentication failure (handle the failure event rather than a 500); authlib raises DecodeError — catch it in the callback view.',
  references: ['RFC 7515 §7.1, §5.2', 'RFC 7519 §7.2', 'OIDC Core §3.1.3.7', 'FC-MALFORMED-JWT'],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, p, tools) {
      const jwt = jwtIn(res, p.token);
      if (!jwt) return undefined;
      const broken = malform(jwt, p.how, tools.signingKey());
      if (!broken) return undefined;
      res.body[p.token] = broken.value;
      return `${p.token} made malformed: ${broken.effect}`;
    },
  },
});

function malform(jwt: string, how: How, key: KeyPair): { value: string; effect: string } | undefined {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  switch (how) {
    case 'segments':
      return { value: `${header}.${payload}`, effect: 'two segments, no signature segment' };
    case 'base64': {
      if (key.jwk.alg !== 'RS256') return undefined;
      const middle = Math.floor(payload.length / 2);
      const bad = `${payload.slice(0, middle)}!${payload.slice(middle + 1)}`;
      return { value: signed(header, bad, key), effect: 'a "!" in the payload segment (not base64url), validly signed' };
    }
    case 'json': {
      if (key.jwk.alg !== 'RS256') return undefined;
      const text = Buffer.from(payload, 'base64url').toString('utf8').replace(/\}\s*$/, '');
      return { value: signed(header, Buffer.from(text).toString('base64url'), key), effect: 'payload is not JSON (closing brace cut off), validly signed' };
    }
    case 'truncated':
      return { value: `${header}.${payload}.${signature.slice(0, Math.floor(signature.length / 2))}`, effect: 'signature segment cut to half its length' };
  }
}

/** An RS256 signature over exactly these segments by the provider's key (jose signs only what it encodes itself). */
function signed(header: string, payload: string, key: KeyPair): string {
  const input = `${header}.${payload}`;
  const signature = sign('sha256', Buffer.from(input), KeyObject.from(key.privateKey as webcrypto.CryptoKey));
  return `${input}.${signature.toString('base64url')}`;
}
