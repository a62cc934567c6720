import { join } from 'node:path';
import { ROOT } from './cli.js';

/**
 * The `target:` section of a config that starts examples/careful-app from anywhere (an absolute
 * command), for tests that write a config of their own around it. `extraEnv` adds env lines.
 */
export function carefulTarget(...extraEnv: string[]): string[] {
  return [
    'target:',
    `  command: node ${JSON.stringify(join(ROOT, 'dist/examples/careful-app/server.js'))}`,
    '  env:',
    '    OIDC_ISSUER: "{issuer}"',
    '    OIDC_CLIENT_ID: "{client.id}"',
    '    OIDC_CLIENT_SECRET: "{client.secret}"',
    '    PORT: "{port}"',
    '    APP_URL: "{app}"',
    ...extraEnv,
    '  ready: "{app}/health"',
  ];
}
