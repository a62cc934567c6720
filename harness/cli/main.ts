#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { CLI_DEFAULTS } from './defaults.js';
import { formatIssues, type Issue } from '../util/issues.js';
import { EXIT, exitStatusOf, isErrorCode, type ErrorCode } from '../../errors/codes.js';
import { VERSION } from './version.js';

// A reader that stops early (`authfault faults | head`) closes the pipe: stop, quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const program = new Command()
  .name('authfault')
  .description('Tells you whether your web app survives the ways OAuth 2.0 / OpenID Connect break in production.')
  .version(VERSION)
  .showSuggestionAfterError(true)
  .exitOverride();

program
  .command('run')
  .description('run scenarios against the target app and judge it')
  .argument('[files...]', 'scenario files or folders (default: the config’s `scenarios`, else the bundled suite)')
  .option('-c, --config <file>', 'target config (default: authfault.config.* in the working directory)')
  .option('-w, --workers <n>', 'parallel workers, each with its own provider and app')
  .option('-g, --grep <regex>', 'only scenarios whose id or title matches')
  .option('-r, --reporter <names>', 'comma-separated: list, dot, json, junit, html, github (github is added by itself on GitHub Actions), or a Playwright reporter installed here (allure-playwright, ./my-reporter.js), which sees each verdict as its test\u2019s outcome', CLI_DEFAULTS.reporters)
  .option('-o, --output <dir>', 'where reports go', CLI_DEFAULTS.output)
  .option('--seed <seed>', 'seed for probabilistic faults (printed and recorded in reports)')
  .option('--shard <i/n>', 'run only shard i of n (merge the shards with merge-reports)')
  .option('--timeout <ms>', 'time limit per scenario', String(CLI_DEFAULTS.timeoutMs))
  .option('--fail-on <severity>', 'the weakest broken rule that fails the run (exit 1): must (the default), should, or may — as a linter takes a warning threshold')
  .option('--trace <mode>', 'Playwright traces of browser scenarios: retain-on-failure (actions, network and console of failures), on (every scenario, with DOM snapshots and the screencast), off', CLI_DEFAULTS.trace)
  .option('--driver <name>', 'every scenario in this user agent: browser (Chromium) or http (no browser, for server-rendered apps; scenarios that need a DOM are skipped); default: each scenario’s own driver:, else browser')
  .option('--headed', 'show the browser')
  .option('--retries <n>', 'run a scenario that could not be judged (an error) again, up to n times; a fail is the app\u2019s verdict and is not retried', '0')
  .option('--repeat-each <n>', 'run every scenario n times (to see whether a verdict holds)', '1')
  .option('--list', 'list the scenarios that would run (after --grep, --shard, --last-failed) and run none')
  .option('--last-failed', 'run only the scenarios that failed (fail or error) in the last run whose reports are in --output')
  .option('--pass-with-no-tests', 'exit 0 when there is nothing to run (no files, --grep or --last-failed matched none) instead of 2')
  .action(async (files: string[], options) => {
    // Commands load lazily: `authfault idp` must not pay for Playwright's import.
    const { runCommand } = await import('./commands/run.js');
    process.exitCode = await runCommand(files, options);
  });

program
  .command('merge-reports')
  .description('merge the reports of a run’s shards (run --shard i/n) into the reports of one run')
  .argument('<dirs...>', 'each shard’s output folder (or its report.json)')
  .option('-o, --output <dir>', 'where the merged reports go', CLI_DEFAULTS.output)
  .option('-r, --reporter <names>', 'comma-separated: list, dot, json, junit, html, github', CLI_DEFAULTS.reporters)
  .option('--fail-on <severity>', 'the weakest broken rule that fails the run (exit 1): must (the default), should, or may')
  .action(async (dirs: string[], options) => {
    const { mergeReportsCommand } = await import('./commands/merge-reports.js');
    process.exitCode = await mergeReportsCommand(dirs, options);
  });

program
  .command('show-report')
  .description('print where the HTML report is, and open it when there is a display')
  .argument('[dir]', 'the report folder (or its index.html)', CLI_DEFAULTS.output)
  .action(async (dir: string) => {
    const { showReportCommand } = await import('./commands/show-report.js');
    process.exitCode = await showReportCommand(dir);
  });

program
  .command('show-trace')
  .description('open the Playwright trace of a scenario that failed in the last run, in Playwright\u2019s trace viewer')
  .argument('[scenario]', 'the scenario\u2019s id (default: the only one with a trace)')
  .option('-o, --output <dir>', 'the run\u2019s output folder (where its report.json is)', CLI_DEFAULTS.output)
  .option('--port <port>', 'serve the viewer on this port instead of opening a window (what a machine without a display gets anyway)')
  .action(async (scenario: string | undefined, options) => {
    const { showTraceCommand } = await import('./commands/show-trace.js');
    process.exitCode = await showTraceCommand(scenario, options);
  });

program
  .command('idp')
  .description('run the mock OpenID Provider for local development or your own tests')
  .option('-p, --port <port>', `port to listen on; 0 takes a free one (default ${CLI_DEFAULTS.idpPort}, or $PORT)`)
  .option('--host <host>', 'interface to bind (default 127.0.0.1)')
  .option('--allow-host <name>', 'also answer requests sent to this host name (repeatable), e.g. a Docker Compose service name; others than IP addresses, localhost and the issuer\u2019s are refused (DNS rebinding)', (value: string, previous: string[] = []) => [...previous, value])
  .option('-c, --config <file>', 'config file whose `provider:` section to use')
  .option('--json', 'print one JSON line with issuer, admin URL, clients and users once ready')
  .option('--seed <seed>', 'seed for probabilistic faults')
  .option('--keys <file>', 'keep signing keys in this file (created when absent)')
  .option('--https', 'serve HTTPS with a CA made for the run (its path is printed); enables the tls.* faults')
  .option('--app <url>', 'your app\u2019s URL, for {app} and {port} in the config\u2019s redirect URIs (default: the config\u2019s target url)')
  .option('--redirect-uri <uri>', 'register this redirect URI for the first client (repeatable): your app\u2019s callback, to sign in without a config file', (value: string, previous: string[] = []) => [...previous, value])
  .option('--fresh', 'start over: forget the signing key, CA, client secrets and ports kept in .authfault/ next to the config')
  .action(async (options) => {
    const { idpCommand } = await import('./commands/idp.js');
    await idpCommand(options);
  });

program
  .command('validate')
  .description('check the config and scenario files without running anything')
  .argument('[files...]', 'scenario files or folders')
  .option('-c, --config <file>', 'target config')
  .action(async (files: string[], options) => {
    const { validateCommand } = await import('./commands/validate.js');
    process.exitCode = await validateCommand(files, options);
  });

program
  .command('init')
  .description('write a starter authfault.config.yaml and three scenarios here; never overwrites a file')
  .action(async () => {
    const { initCommand } = await import('./commands/init.js');
    process.exitCode = initCommand();
  });

program
  .command('faults')
  .description('list the fault kinds')
  .addOption(new Option('--json', 'machine-readable'))
  .action(async (options) => {
    const { faultsCommand } = await import('./commands/faults.js');
    faultsCommand(options);
  });

const fault = program.command('fault').description('change the faults of a running provider (authfault idp) through its control API');
const idpOption = () => new Option('--idp <url>', `the provider (origin, issuer or control API URL; default $AUTHFAULT_IDP or http://127.0.0.1:${CLI_DEFAULTS.idpPort})`);
const tenantOption = () => new Option('--tenant <name>', 'a tenant of that provider, the issuer at /<name> (created on first use)');
const caOption = () => new Option('--ca <file>', 'trust this CA file for an HTTPS provider: the "CA" line of authfault idp --https (default $AUTHFAULT_CA)');
const collect = (value: string, previous: string[] = []) => [...previous, value];
fault
  .command('add')
  .description('set a fault: authfault fault add token.expired --param by_s=60 --when times=1')
  .argument('<kind>', 'a fault kind (authfault faults lists them)')
  .option('--param <key=value>', 'a parameter of the kind (repeatable; values are JSON when they parse)', collect)
  .option('--when <key=value>', 'the envelope: endpoint, client, nth, times, probability, after_ms (repeatable)', collect)
  .addOption(idpOption())
  .addOption(tenantOption())
  .addOption(caOption())
  .option('--json', 'print the created faults as JSON')
  .action(async (kind: string, options) => {
    const { faultAdd } = await import('./commands/fault.js');
    process.exitCode = await faultAdd(kind, options);
  });
fault
  .command('list')
  .description('the faults set, with how often each matched and applied')
  .addOption(idpOption())
  .addOption(tenantOption())
  .addOption(caOption())
  .option('--json', 'machine-readable')
  .action(async (options) => {
    const { faultList } = await import('./commands/fault.js');
    process.exitCode = await faultList(options);
  });
fault
  .command('clear')
  .description('remove one fault by id, or all of them')
  .argument('[id]', 'the fault id (from add or list)')
  .addOption(idpOption())
  .addOption(tenantOption())
  .addOption(caOption())
  .action(async (id: string | undefined, options) => {
    const { faultClear } = await import('./commands/fault.js');
    process.exitCode = await faultClear(id, options);
  });

program
  .command('journal')
  .description('the requests a running provider saw, oldest first: authfault journal --follow --endpoint token,userinfo')
  .option('-f, --follow', 'keep printing requests as they end, until Ctrl-C')
  .option('--endpoint <points>', 'only these injection points, comma-separated (repeatable): discovery, jwks, authorize, token, userinfo, api, …', collect)
  .addOption(idpOption())
  .addOption(tenantOption())
  .addOption(caOption())
  .option('--json', 'one JSON line per request')
  .action(async (options) => {
    const { journalCommand } = await import('./commands/journal.js');
    process.exitCode = await journalCommand(options);
  });

program
  .command('token')
  .description('mint a token on a running provider, for API tests: authfault token --sub alice --scope "openid orders:read"')
  .option('--sub <user>', 'the user (any name; absent: a client token, as client_credentials issues)')
  .option('--client <id>', 'the client_id it is issued to (default: the first client)')
  .option('--scope <scopes>', 'space-separated scopes (default "openid profile email" for a user)')
  .option('--claim <key=value>', 'a claim to add (repeatable; values are JSON when they parse)', collect)
  .option('--ttl <seconds>', 'seconds until it expires (default: the provider\u2019s ttl)')
  .option('--kind <kind>', 'access_token (default) or id_token')
  .option('--format <format>', 'access token format: jwt (default; RFC 9068, for the mock API) or opaque (stored: introspection, userinfo)')
  .addOption(idpOption())
  .addOption(tenantOption())
  .addOption(caOption())
  .option('--json', 'print the token with its kind, format, expiry and claims as JSON')
  .action(async (options) => {
    const { tokenCommand } = await import('./commands/token.js');
    process.exitCode = await tokenCommand(options);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = report(error);
}

/** Errors become one clear message and an exit code; stack traces only with DEBUG=authfault. */
function report(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
    return EXIT.badInput;
  }
  if (hasErrorCode(error)) {
    const { code, message, details } = error as Error & { code: ErrorCode; details?: unknown[] };
    const issues = (details ?? []).filter((d): d is Issue => typeof d === 'object' && d !== null && 'file' in d && 'line' in d);
    process.stderr.write(issues.length > 0 ? `${formatIssues(issues)}\n` : `authfault: ${message} [${code}]\n`);
    if (process.env.DEBUG?.includes('authfault')) process.stderr.write(`${(error as Error).stack}\n`);
    return exitStatusOf(code);
  }
  process.stderr.write(`authfault: internal error: ${(error as Error)?.message ?? error}\n`);
  if (process.env.DEBUG?.includes('authfault')) process.stderr.write(`${(error as Error)?.stack}\n`);
  else process.stderr.write('(run with DEBUG=authfault for the stack trace, and please report it)\n');
  return EXIT.harness;
}

/**
 * The provider's AuthfaultError and reports/' own error class both carry a code of the catalogue,
 * so the code alone tells them: importing the provider's error class (through its entry) would load
 * the fault registry at every start.
 */
function hasErrorCode(error: unknown): boolean {
  return error instanceof Error && isErrorCode((error as { code?: unknown }).code);
}
