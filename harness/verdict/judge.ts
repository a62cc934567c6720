import type { JournalEntry } from '../../mock-provider/common.js';
import type { ExpectationModel, Scenario, Severity } from '../scenario/types.js';
import { appExpectationDefinition } from './app/index.js';
import type { Check } from './check.js';
import type { AppEvidence, JournalEvidence } from './evidence.js';
import { idpExpectationDefinition } from './idp/index.js';

/** Every `expect:` expectation about the browser, in the order written, each judged by its own file. */
export function appChecks(expectations: readonly ExpectationModel[], evidence: AppEvidence): Check[] {
  return expectations.map((exp) => withSeverity(exp, appExpectationDefinition(exp).judge(exp, evidence)));
}

/** Every journal expectation of the scenario, judged on the entries of this scenario only. */
export function journalChecks(scenario: Pick<Scenario, 'expect'>, entries: readonly JournalEntry[], context: Omit<JournalEvidence, 'entries'> = {}): Check[] {
  const evidence: JournalEvidence = { entries, ...context };
  return scenario.expect.idp.map((exp) => withSeverity(exp, idpExpectationDefinition(exp).judge(exp, evidence)));
}

function withSeverity(exp: { severity?: Severity }, check: Check): Check {
  return exp.severity ? { ...check, severity: exp.severity } : check;
}
