import type { ProviderConfig } from '../../../mock-provider/index.js';
import type { TargetConfig } from '../../config/types.js';
import { fillPlaceholders } from '../../config/placeholders.js';
import { usageError } from '../usage-error.js';

/**
 * A target config's `provider:` section as `authfault idp` serves it. Its redirect URIs may say
 * `{app}` and `{port}`, which `authfault run` fills with the app instance it starts; the idp
 * starts no app, so they come from `--app <url>`, else from a target given by `url:`. Left
 * unfilled they would register a literal "{app}/callback" that no app can ever match.
 */
export function providerForIdp(config: TargetConfig, app: string | undefined): ProviderConfig {
  const provider = config.provider ?? {};
  const url = app ?? (config.target.kind === 'url' ? config.target.url : undefined);
  const values: Record<string, string> = {};
  if (url !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw usageError('AUTHFAULT_BAD_OPTION', `--app must be the app's URL, e.g. http://localhost:3000, got "${url}"`);
    }
    values.app = parsed.href.replace(/\/$/, '');
    values.port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  }
  const clients = provider.clients?.map((client, i) => ({
    ...client,
    ...(client.redirect_uris ? { redirect_uris: client.redirect_uris.map((u, j) => fill(u, `provider.clients.${i}.redirect_uris.${j}`)) } : {}),
    ...(client.post_logout_redirect_uris ? { post_logout_redirect_uris: client.post_logout_redirect_uris.map((u, j) => fill(u, `provider.clients.${i}.post_logout_redirect_uris.${j}`)) } : {}),
  }));
  return { ...provider, ...(clients ? { clients } : {}) };

  function fill(template: string, path: string): string {
    if (url === undefined && /\{(app|port)\}/.test(template)) {
      throw usageError(
        'AUTHFAULT_APP_URL_NEEDED',
        `${config.file}: ${path} is "${template}": {app} and {port} are the app's URL and port, which authfault run fills for each app it starts; authfault idp starts none — pass --app <url> (where your app runs, e.g. --app http://localhost:3000)`,
      );
    }
    return fillPlaceholders(template, values, { file: config.file, path });
  }
}
