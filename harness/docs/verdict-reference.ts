import type { Scenario, Severity } from '../scenario/types.js';
import { EXAMPLE_TARGETS, expectedVerdicts, type ExpectedRow } from './example-verdicts.js';
import { caughtWith, documentedFlaws } from './naive-flaws.js';

/** One rule of one scenario: an expectation, its effective severity and the sentence behind it. */
export interface RuleRow {
  scenario: string;
  rule: string;
  severity: Severity;
  source?: string;
  quote?: string;
}

type Expectation = Scenario['expect']['app'][number] | Scenario['expect']['idp'][number];

/** Every rule of every scenario, in file order: the browser's expectations, then the journal's. */
export function ruleRows(scenarios: readonly Scenario[]): RuleRow[] {
  return scenarios.flatMap((s) =>
    [...s.expect.app, ...s.expect.idp].map((exp) => {
      const quoted = exp.spec !== undefined ? s.spec[exp.spec] : undefined;
      return { scenario: s.id, rule: ruleLabel(exp), severity: exp.severity ?? s.severity, ...(quoted ? { source: quoted.source, quote: quoted.quote } : {}) };
    }),
  );
}

/** A BCP 14 requirement: what a `must` rule must quote (RFC 2119, RFC 8174: in capitals). */
export const BCP14_MUST = /\b(MUST(?: NOT)?|REQUIRED|SHALL(?: NOT)?)\b/;

/**
 * docs/verdicts.md: every rule of the bundled suite with its severity and the sentence it
 * enforces, the counts a reader checks the policy by, and the verdicts on the example targets
 * (from their README tables, which the end-to-end tests hold in both drivers). Generated, so it
 * cannot drift from the scenario files.
 */
export function renderVerdictReference(scenarios: readonly Scenario[], root: string, targets: readonly string[] = EXAMPLE_TARGETS): string {
  const rows = ruleRows(scenarios);
  const count = (severity: Severity) => rows.filter((r) => r.severity === severity).length;
  const musts = rows.filter((r) => r.severity === 'must');
  const quoted = musts.filter((r) => r.quote !== undefined && BCP14_MUST.test(r.quote));
  const out = [
    '<!-- Generated from the scenario files and the example targets\' READMEs by `npm run docs`; do not edit by hand. -->',
    '# Verdicts: what each rule of the bundled suite enforces',
    '',
    'A verdict is only worth what its rules are. Every rule of every bundled scenario is listed here',
    'with its severity and the sentence of the specification it enforces, quoted as the spec has it.',
    '',
    '- **must**: the rule enforces a BCP 14 MUST, MUST NOT, REQUIRED or SHALL that binds the client (the',
    '  relying party), and quotes it. A broken `must` rule fails the scenario.',
    '- **should**: a SHOULD or RECOMMENDED on the client; a sentence that tells the client what to do',
    '  without BCP 14 words ("ought to wait"); what the OpenID conformance suite expects beyond the',
    '  specs; or robustness no spec words at all (no unhandled 500, keeping a session through an error',
    '  of a resource, accepting what a provider may send). A broken `should` rule warns.',
    '- **may**: a MAY or OPTIONAL on the client, or a check the spec lets the client skip. Warns too.',
    '- Numbers no spec sets — how long to wait, which status an error page has — are the team\'s: the',
    '  waiting rules judge against the target config\'s `budgets`, at `should`.',
    '- A rule that evidences a refusal (no UserInfo call with a token response that had to be',
    '  rejected, no code redeemed from a response that failed validation) takes the refusal\'s severity',
    '  and sentence: the OpenID conformance suite fails exactly that request.',
    '',
    'Besides the rules written in the files, every scenario that expects `app: refused` gets two of',
    'its own: **should** — the app answers the failure with an error page, not an unhandled 500; and',
    'a presupposition — the app signs in when the provider behaves (checked once per app instance with',
    'a control sign-in), without which its refusals prove nothing and the scenario is reported as not',
    'judged (`error`). A scenario that declares `requires:` (state, nonce, openid, refresh-token,',
    'userinfo, jwks) is skipped, with that reason, for an app that does not use the capability.',
    '',
    '## Counts',
    '',
    `- ${rows.length} rules in ${scenarios.length} scenarios: ${count('must')} must, ${count('should')} should, ${count('may')} may.`,
    `- \`must\` rules that quote a BCP 14 sentence: **${quoted.length} of ${musts.length}**.`,
    '',
    ...exampleSection(scenarios, root, targets),
    '## The rules, scenario by scenario',
    '',
  ];
  for (const scenario of scenarios) {
    out.push(`### \`${scenario.id}\``, '', `${scenario.title} — \`${scenario.file}\`${scenario.requires?.length ? `; requires: ${scenario.requires.join(', ')}` : ''}`, '');
    out.push('| rule | severity | enforces |', '|---|---|---|');
    for (const row of rows.filter((r) => r.scenario === scenario.id)) {
      out.push(`| \`${escapeCell(row.rule)}\` | ${row.severity} | ${row.quote ? `${escapeCell(row.source!)}: “${escapeCell(row.quote)}”` : '—'} |`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function exampleSection(scenarios: readonly Scenario[], root: string, targets: readonly string[]): string[] {
  if (targets.length === 0) return [];
  const lines = [
    '## The example targets',
    '',
    'Each example target runs the whole bundled suite in both drivers in the end-to-end tests, which',
    'require the same verdicts from both and exactly the verdicts its README lists (every other',
    'scenario passes). Every verdict that is not `pass` is justified in that README; naive-app\'s in',
    'its FLAWS.md, one flaw per row, and careful-app passes every scenario.',
    '',
    '| target | driver | pass | fail | warn | skipped | error |',
    '|---|---|---|---|---|---|---|',
  ];
  // Our own two: careful-app passes everything; naive-app's verdicts are its FLAWS.md table.
  const flaws = documentedFlaws(root);
  const [naiveFail, naiveWarn] = [new Set(caughtWith(flaws, 'fail')).size, new Set(caughtWith(flaws, 'warn')).size];
  for (const driver of ['browser', 'http']) lines.push(`| [careful-app](../examples/README.md) | ${driver} | ${scenarios.length} | 0 | 0 | 0 | 0 |`);
  for (const driver of ['browser', 'http']) {
    lines.push(`| [naive-app](../examples/naive-app/FLAWS.md) | ${driver} | ${scenarios.length - naiveFail - naiveWarn} | ${naiveFail} | ${naiveWarn} | 0 | 0 |`);
  }
  for (const target of targets) {
    const rows: ExpectedRow[] = expectedVerdicts(root, target);
    const named = (verdict: string) => rows.filter((r) => r.verdict === verdict).reduce((n, r) => n + r.scenarios.length, 0);
    const [fail, warn, skipped] = [named('fail'), named('warn'), named('skipped')];
    for (const driver of ['browser', 'http']) {
      lines.push(`| [${target}](../examples/${target}/README.md) | ${driver} | ${scenarios.length - fail - warn - skipped} | ${fail} | ${warn} | ${skipped} | 0 |`);
    }
  }
  return [...lines, ''];
}

/** `app: refused`, `no-request: token (from step 4)`, `count: token refresh_token ≤ 1`. */
export function ruleLabel(exp: Expectation): string {
  const { type, loc: _loc, severity: _severity, spec: _spec, ...fields } = exp as Expectation & Record<string, unknown>;
  const parts = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      if (k === 'fromStep') return `from step ${v}`;
      if (k === 'min') return `≥ ${v}`;
      if (k === 'max') return `≤ ${v}`;
      if (k === 'items' && Array.isArray(v)) return v.map((i: { endpoint: string; grant_type?: string }) => i.endpoint + (i.grant_type ? ` ${i.grant_type}` : '')).join(' → ');
      if (Array.isArray(v)) return v.join(' or ');
      if (typeof v === 'string' && /\s/.test(v)) return JSON.stringify(v);
      return String(v);
    });
  return parts.length > 0 ? `${type}: ${parts.join(' ')}` : type;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
