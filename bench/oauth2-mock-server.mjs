// The other baseline of the cold start (issue #14: "no slower than oauth2-mock-server"): the
// oauth2-mock-server package started as its README shows — a new OAuth2Server, one RS256 key
// generated, start — on 127.0.0.1, port 0. Prints one JSON line `{"issuer":…}` once listening,
// like `authfault idp --json` and bench/plain-server.mjs. Its discovery is at the issuer's root.
import { OAuth2Server } from 'oauth2-mock-server';

const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
await server.start(0, '127.0.0.1');
// Its issuer URL names localhost whatever the host; the benchmark asks 127.0.0.1, as it asks the others, with no name to resolve.
process.stdout.write(`${JSON.stringify({ issuer: `http://127.0.0.1:${server.address().port}` })}\n`);

const stop = () => server.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
