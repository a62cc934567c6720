import type { ProviderConfig } from '../../../mock-provider/common.js';
import type { TargetConfig } from '../../config/types.js';
import { fillTemplated, templatedStrings } from '../../config/placeholders.js';
import { usageError } from '../../util/usage-error.js';

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
  if (url === undefined) appNeeded(config, provider);
  return fillTemplated(provider, ['provider'], values, config.file);
}

/** {app} and {port} left unfilled would register a literal "{app}/callback" no app can match. */
function appNeeded(config: TargetConfig, provider: ProviderConfig): void {
  for (const { path, value } of templatedStrings({ provider })) {
    if (/\{(app|port)\}/.test(value)) {
      throw usageError(
        'AUTHFAULT_APP_URL_NEEDED',
        `${config.file}: ${path.join('.')} is "${value}": {app} and {port} are the app's URL and port, which authfault run fills for each app it starts; authfault idp starts none — pass --app <url> (where your app runs, e.g. --app http://localhost:3000)`,
      );
    }
  }
}
