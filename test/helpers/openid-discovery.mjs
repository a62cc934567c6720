// Runs openid-client's discovery in a process of its own, so NODE_EXTRA_CA_CERTS and
// NODE_TLS_REJECT_UNAUTHORIZED apply as they do in an app; prints one JSON line.
import * as client from 'openid-client';

const [issuer, clientId, secret] = process.argv.slice(2);
try {
  const config = await client.discovery(new URL(issuer), clientId, secret);
  process.stdout.write(`${JSON.stringify({ ok: true, issuer: config.serverMetadata().issuer })}\n`);
} catch (error) {
  let cause = error;
  while (cause?.cause && !cause.code?.startsWith?.('ERR_TLS') && !/^[A-Z_]+$/.test(cause.code ?? '')) cause = cause.cause;
  process.stdout.write(`${JSON.stringify({ ok: false, name: error.name, code: error.code, cause: cause?.code })}\n`);
}
