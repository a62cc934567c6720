import type { JournalEntry, ScenarioReport } from './model.js';

/**
 * A scenario's problem as plain text, for places that show a block of text and nothing else
 * (a JUnit failure body in GitLab, Jenkins or a GitHub check): the diagnosis in full, the failed
 * step, and what the provider's journal saw.
 */
export function diagnosisText(scenario: ScenarioReport): string {
  const sections = [
    [
      `${scenario.id}: ${scenario.title}`,
      `${scenario.file}:${scenario.line}:${scenario.column} (${scenario.category}, severity ${scenario.severity})`,
    ],
  ];
  const diagnosis = scenario.diagnosis;
  if (diagnosis) {
    sections.push([diagnosis.summary]);
    sections.push([
      ...list('Injected', diagnosis.injected),
      ...list('Observed', diagnosis.observed),
      ...list('Expected', diagnosis.expected),
      `Why it matters: ${diagnosis.why}`,
      `How to fix: ${diagnosis.fix}`,
      ...list('References', diagnosis.references),
    ]);
  }
  const failedStep = scenario.steps.find((step) => step.status === 'failed');
  if (failedStep) {
    const at = `${scenario.file}:${failedStep.line}:${failedStep.column}`;
    sections.push([`Failed step "${failedStep.title}" at ${at}:`, indent(failedStep.error ?? '(no error message)')]);
  }
  if (scenario.evidence.journal?.length) {
    sections.push(['Provider journal:', ...scenario.evidence.journal.map((entry) => `  ${journalLine(entry)}`)]);
  }
  return sections.map((lines) => lines.join('\n')).join('\n\n');
}

function list(heading: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : [`${heading}:`, ...items.map((item) => `  - ${item}`)];
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** `#3 POST /token → 429 (token, client demo-app, authorization_code, Retry-After 1s, 12ms) [rate-limit: …]` */
function journalLine(entry: JournalEntry): string {
  const context = [
    entry.endpoint,
    entry.clientId && `client ${entry.clientId}`,
    entry.grantType,
    entry.retryAfter !== undefined && `Retry-After ${entry.retryAfter}s`,
    `${entry.durationMs}ms`,
  ]
    .filter(Boolean)
    .join(', ');
  const faults = entry.faults.map((fault) => ` [${fault.kind}: ${fault.effect}]`).join('');
  return `#${entry.id} ${entry.method} ${entry.path} → ${entry.outcome ?? entry.status} (${context})${faults}`;
}
