import type { JournalEntry } from '../../mock-provider/common.js';
import type { ExpectationModel, Scenario, Severity, SpecQuote } from '../scenario/types.js';
import { errorPageCheck } from './app/app.js';
import { appExpectationDefinition } from './app/index.js';
import type { Check } from './check.js';
import type { AppEvidence, JournalEvidence } from './evidence.js';
import { idpExpectationDefinition } from './idp/index.js';

/**
 * Every `expect:` expectation about the browser, in the order written, each judged by its own
 * file; then the rule every refusal carries (an error page, not an unhandled 500), unless the
 * scenario judges crashes itself (no-crash).
 */
export function appChecks(scenario: Pick<Scenario, 'expect' | 'spec'>, evidence: AppEvidence): Check[] {
  const { app } = scenario.expect;
  const checks = app.map((exp) => withRule(exp, appExpectationDefinition(exp).judge(exp, evidence), scenario.spec));
  const refuses = app.some((e) => e.type === 'app' && (e as { state?: string }).state === 'refused');
  const crashJudged = app.some((e) => e.type === 'no-crash');
  return refuses && !crashJudged ? [...checks, errorPageCheck(evidence.obs)] : checks;
}

/** Every journal expectation of the scenario, judged on the entries of this scenario only. */
export function journalChecks(scenario: Pick<Scenario, 'expect' | 'spec'>, entries: readonly JournalEntry[], context: Omit<JournalEvidence, 'entries'> = {}): Check[] {
  const evidence: JournalEvidence = { entries, ...context };
  return scenario.expect.idp.map((exp) => withRule(exp, idpExpectationDefinition(exp).judge(exp, evidence), scenario.spec));
}

/** The expectation's own severity and the sentence it enforces, on its check. */
function withRule(exp: ExpectationModel, check: Check, spec: Readonly<Record<string, SpecQuote>>): Check {
  const quoted = exp.spec !== undefined ? spec[exp.spec] : undefined;
  return { ...check, ...(exp.severity ? { severity: exp.severity as Severity } : {}), ...(quoted ? { spec: quoted } : {}) };
}
