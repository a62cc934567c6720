import { apiExpiredToken } from './api-expired-token.js';
import { apiInvalidToken } from './api-invalid-token.js';
import { codeInvalidGrant } from './code-invalid-grant.js';
import { jwksKidAbsent } from './jwks-kid-absent.js';
import { jwksRotate } from './jwks-rotate.js';
import { refreshInvalidGrant } from './refresh-invalid-grant.js';
import { refreshNoIdToken } from './refresh-no-id-token.js';
import { tokenAlgNone } from './token-alg-none.js';
import { tokenAudArray } from './token-aud-array.js';
import { tokenBadSignature } from './token-bad-signature.js';
import { tokenClaims } from './token-claims.js';
import { tokenExpired } from './token-expired.js';
import { tokenExtraAudience } from './token-extra-audience.js';
import { tokenForeignKey } from './token-foreign-key.js';
import { tokenMalformed } from './token-malformed.js';
import { tokenMissingClaim } from './token-missing-claim.js';
import { tokenNonceMismatch } from './token-nonce-mismatch.js';
import { tokenResponseExtraMembers } from './token-response-extra-members.js';
import { tokenResponseMinimal } from './token-response-minimal.js';
import { tokenResponseNoIdToken } from './token-response-no-id-token.js';
import { tokenTtl } from './token-ttl.js';
import { tokenUnknownKid } from './token-unknown-kid.js';
import { tokenWrongAlg } from './token-wrong-alg.js';
import { tokenWrongAudience } from './token-wrong-audience.js';
import { tokenWrongIssuer } from './token-wrong-issuer.js';
import { userinfoSubMismatch } from './userinfo-sub-mismatch.js';

/** Token faults: what the client receives — a token, the token response, the keys that sign it, userinfo — is wrong in one precise way, or legally unusual (positive controls); and tokens the provider or the mock API refuses. */
export const TOKEN_KINDS = [
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
  tokenResponseNoIdToken,
  tokenAudArray,
  tokenResponseMinimal,
  tokenResponseExtraMembers,
  refreshNoIdToken,
  jwksKidAbsent,
  jwksRotate,
  userinfoSubMismatch,
  codeInvalidGrant,
  refreshInvalidGrant,
  apiInvalidToken,
  apiExpiredToken,
] as const;
