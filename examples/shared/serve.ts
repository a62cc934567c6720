/**
 * Start-up for both apps: read the environment, mount the pages, listen on 127.0.0.1:$PORT, and
 * stop promptly on SIGTERM (the harness stops targets between scenarios).
 *
 * Exit codes: 2 when the environment is wrong, so the harness can say "bad target config"
 * rather than blaming the app.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { OidcAdapter } from './adapter.js';
import { EnvError, readEnv, type AppEnv } from './env.js';
import { createLog, type Log } from './log.js';
import { createRoutes } from './routes.js';
import { MemoryStore } from './store.js';

export function serve(name: string, createAdapter: (env: AppEnv, log: Log) => OidcAdapter): void {
  const log = createLog(name);
  let env: AppEnv;
  try {
    env = readEnv();
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    log.note(`cannot start: ${err.message}`);
    process.exit(2);
  }

  const app = express();
  app.disable('x-powered-by');
  app.use(createRoutes(env, createAdapter(env, log), new MemoryStore(), log));
  // Only the app's own bugs reach this point; provider misbehaviour is answered in the routes.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    log.note(`bug: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    res.status(500).type('text/plain').send('internal error');
  });

  const server = app.listen(env.port, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : env.port;
    console.log(`[${name}] listening on http://127.0.0.1:${port} (issuer ${env.issuer.href}, app ${env.appUrl})`);
  });
  server.on('error', (err) => {
    log.note(`cannot listen on 127.0.0.1:${env.port}: ${err.message}`);
    process.exit(1);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
