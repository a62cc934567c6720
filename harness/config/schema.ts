import { z } from 'zod';
import { providerConfigSchema } from '../../mock-provider/common.js';
import { clickTargetSchema } from '../scenario/click-target.js';
import { urlPatternSchema } from '../scenario/url-pattern.js';
import { oneOf } from '../util/one-of.js';

/**
 * The target config as a person writes it (authfault.config.yaml/.json/.ts). Written once: the
 * editor schema (scenarios/config.schema.json) and the input type come from it; the resolved
 * TargetConfig in types.ts is what the harness reads.
 */

const ready = z
  .union([
    z.string().min(1).describe('URL polled until it answers 2xx or 3xx.'),
    z.strictObject({
      url: z.string().min(1).describe('URL polled until it answers 2xx or 3xx.'),
      timeout_ms: z.int().min(1).optional().describe('How long to wait for it; default: startup_timeout_ms.'),
    }),
  ])
  .describe('When the app is ready to use; default: its home page "{app}/" answers.');

const target = z
  .strictObject({
    command: z.string().min(1).optional().describe('Shell command that starts the app, once per worker; placeholders such as {port} are filled.'),
    cwd: z.string().min(1).optional().describe('Folder the command runs in, relative to this file; default: this file’s folder.'),
    env: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .describe('Environment for the command, e.g. OIDC_ISSUER: "{issuer}", PORT: "{port}".'),
    ready: ready.optional(),
    url: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('Base URL of an app that is already running, instead of command; then fix provider.port.'),
    startup_timeout_ms: z.int().min(1).optional().describe('How long the app may take to become ready; default 30000.'),
    startup_retries: z
      .int()
      .min(0)
      .max(5)
      .optional()
      .describe('How many more times a worker tries to start the app when it exits or does not become ready; default 0: the first failure stops the run with one error showing the app’s last output.'),
  })
  .superRefine((t, ctx) => {
    oneOf<typeof t>(['command', 'url'], {
      missing: 'target needs command (authfault starts the app) or url (an app already running)',
      conflicting: 'target has both command and url; use command to let authfault start the app, or url for one already running',
    })(t, ctx);
    for (const key of ['cwd', 'env', 'startup_retries'] as const) {
      if (t.url !== undefined && t[key] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} only applies with command; an app at url is started by someone else`, params: { code: 'CONFLICTING_KEYS' } });
      }
    }
  })
  .describe('How to start the app under test, or where it already runs.');

const login = z
  .strictObject({
    url: z.string().min(1).optional().describe('Opening this URL starts login, e.g. "{app}/login".'),
    click: clickTargetSchema.optional().describe('Clicking this on the app’s home page starts login, e.g. { role: link, name: Sign in }.'),
  })
  .superRefine(oneOf(['url', 'click'], { missing: 'login needs exactly one of url or click', conflicting: 'login needs exactly one of url or click' }))
  .describe('How a person starts signing in.');

const signedIn = z
  .strictObject({
    text: z.string().min(1).optional().describe('Text the app shows only to a signed-in user, e.g. "Signed in as".'),
    url: urlPatternSchema.optional().describe('The app’s URL after sign-in: a substring or /regex/.'),
    cookie: z.string().min(1).optional().describe('Name of the session cookie the app sets at sign-in.'),
  })
  .superRefine(oneOf(['text', 'url', 'cookie'], { missing: 'signed-in needs text, url or cookie' }))
  .describe('How to tell that a user is signed in.');

const logout = z
  .strictObject({
    url: z.string().min(1).optional().describe('Opening this URL signs the user out, e.g. "{app}/logout".'),
    click: clickTargetSchema.optional().describe('Clicking this signs the user out (on the current page, else on the home page), e.g. { role: button, name: Sign out }.'),
  })
  .superRefine(oneOf(['url', 'click'], { missing: 'logout needs exactly one of url or click', conflicting: 'logout needs exactly one of url or click' }))
  .describe('How a person signs out (the `logout` step); default: opening "{app}/logout".');

/** A length of time: milliseconds as a number, or "500ms", "10s", "1.5m". */
export const durationSchema = z
  .union([z.int().min(1), z.string().regex(/^\d+(?:\.\d+)?\s*(?:ms|s|m)$/, 'a duration such as "10s", "500ms" or "2m"')])
  .describe('Milliseconds, or a duration such as "10s", "500ms", "2m".');

const budgets = z
  .strictObject({
    page: durationSchema
      .optional()
      .describe(
        'How long a page of the app may take to answer while the provider hangs or trickles its answer: what `gave-up-within: page` judges (the bundled hang scenarios). Default 70s — the longest common library timeout for a call to the provider (60 s: ASP.NET Core’s BackchannelTimeout, mod_auth_openidc’s OIDCHTTPTimeoutLong) and 10 s of the app’s own work.',
      ),
  })
  .describe('Your team’s time budgets: numbers no specification sets, so yours to declare. A rule judged against one is a `should`.');

const statusPattern = z.union([z.int().min(100).max(599), z.string().regex(/^[1-5]xx$/, 'a status class such as "4xx"')]);

const error = z
  .strictObject({
    text: z.string().min(1).optional().describe('Text the app shows on its error pages, e.g. "Sign-in failed".'),
    url: urlPatternSchema.optional().describe('The URL of the app’s error page: a substring or /regex/.'),
    status: z
      .union([statusPattern, z.array(statusPattern).min(1)])
      .optional()
      .describe('The status the app’s error pages answer with: 401, "4xx", or a list.'),
  })
  .superRefine(oneOf(['text', 'url', 'status'], { missing: 'error needs text, url or status' }))
  .describe('How to tell that the app shows an error (the error-shown expectation): any one of text, url or status that matches; default: its last page answered 4xx or 5xx.');

export const targetConfigSchema = z
  .strictObject({
    $schema: z.string().optional().describe('The editor schema this file is written against.'),
    name: z.string().min(1).optional().describe('Names the target in reports; default: this file’s folder name.'),
    target,
    login,
    'signed-in': signedIn,
    logout: logout.optional(),
    error: error.optional(),
    pages: z
      .record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and "-"'), z.string().min(1))
      .optional()
      .describe('Named pages scenarios can visit, e.g. profile: "{app}/profile".'),
    budgets: budgets.optional(),
    wording: z
      .record(z.string().min(1), z.string().min(1))
      .optional()
      .describe('The bundled scenarios’ words for your app’s own, for the texts they expect a page to show: "Your orders": "Order history". A text with no entry is expected as written.'),
    provider: providerConfigSchema.optional(),
    scenarios: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Scenario files and folders, relative to this file; default: the bundled suite.'),
  })
  .superRefine((c, ctx) => {
    // An app already running was configured with an issuer URL; a provider on a random port cannot match it.
    if (c.target.url !== undefined && !c.provider?.port) {
      ctx.addIssue({
        code: 'custom',
        path: ['provider', 'port'],
        message: 'with target.url (an app already running), set provider.port to the port of the issuer the app was configured with',
        params: { code: 'MISSING_KEY' },
      });
    }
  })
  .describe('An authfault target config: how to start the app, sign in, and tell a signed-in user.');

/** What a person may write; also the type of a .ts config’s default export. */
export type TargetConfigInput = z.input<typeof targetConfigSchema>;
