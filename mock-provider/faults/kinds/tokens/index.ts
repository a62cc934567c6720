import type { FaultKind } from '../../types.js';
import { tokenAlgNone } from './token-alg-none.js';
import { tokenBadSignature } from './token-bad-signature.js';
import { tokenClaims } from './token-claims.js';
import { tokenExpired } from './token-expired.js';
import { tokenExtraAudience } from './token-extra-audience.js';
import { tokenForeignKey } from './token-foreign-key.js';
import { tokenIatFuture } from './token-iat-future.js';
import { tokenMalformed } from './token-malformed.js';
import { tokenMissingClaim } from './token-missing-claim.js';
import { tokenNbfFuture } from './token-nbf-future.js';
import { tokenNonceMismatch } from './token-nonce-mismatch.js';
import { tokenResponseNoIdToken } from './token-response-no-id-token.js';
import { tokenTtl } from './token-ttl.js';
import { tokenUnknownKid } from './token-unknown-kid.js';
import { tokenWrongAlg } from './token-wrong-alg.js';
import { tokenWrongAudience } from './token-wrong-audience.js';
import { tokenWrongIssuer } from './token-wrong-issuer.js';

/** Token faults: what the client receives from the token endpoint is wrong in one precise way. */
export const TOKEN_KINDS: readonly FaultKind<any>[] = [
  tokenExpired,
  tokenTtl,
  tokenBadSignature,
  tokenForeignKey,
  tokenUnknownKid,
  tokenAlgNone,
  tokenWrongAlg,
  tokenMalformed,
  tokenWrongIssuer,
  tokenWrongAudience,
  tokenExtraAudience,
  tokenMissingClaim,
  tokenNonceMismatch,
  tokenClaims,
  tokenIatFuture,
  tokenNbfFuture,
  tokenResponseNoIdToken,
];
