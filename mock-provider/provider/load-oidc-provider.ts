import type ProviderClass from 'oidc-provider';

let loaded: Promise<typeof ProviderClass> | undefined;

/**
 * Import oidc-provider once. On Node 20 it prints "Unsupported runtime" through console.warn at
 * import; it runs fine on 20.20 (checked), so that one line is kept out of our users' terminals.
 */
export function loadOidcProvider(): Promise<typeof ProviderClass> {
  loaded ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('Unsupported runtime')) return;
      warn(...args);
    };
    try {
      return (await import('oidc-provider')).default;
    } finally {
      console.warn = warn;
    }
  })();
  return loaded;
}
