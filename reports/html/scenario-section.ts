import type { FaultApplied, JournalEntry, ScenarioReport, StepReport } from '../model.js';
import { formatDuration } from '../util/format-duration.js';
import { stripAnsi } from '../util/strip-ansi.js';
import { layoutDiagram, MAX_DRAWN_ENTRIES } from './diagram/layout.js';
import { renderDiagram } from './diagram/svg.js';
import { findWrongTurn, isBadCertificate } from './diagram/wrong-turn.js';
import { html, href } from './escape.js';
import type { PageEvidence } from './evidence.js';
import { VERDICT_SYMBOLS } from './summary.js';

/**
 * One scenario as a <details>: the line a reader scans (verdict, id, title, category, time), and
 * opened, everything needed to act on it: diagnosis, faults, steps, the request flow, evidence.
 */
export function scenarioHtml(scenario: ScenarioReport, index: number, evidence: PageEvidence): string {
  const search = [scenario.id, scenario.title, scenario.file, scenario.category, scenario.severity, ...scenario.faults.map((f) => f.kind), scenario.diagnosis?.summary ?? '']
    .join(' ')
    .toLowerCase();
  const retries = scenario.retries > 0 ? ` · ${scenario.retries} ${scenario.retries === 1 ? 'retry' : 'retries'}` : '';
  return [
    `<details class="scenario v-${scenario.verdict}" id="s-${index}" data-verdict="${scenario.verdict}" data-category="${html(scenario.category)}" data-search="${html(search)}">`,
    `<summary><span class="badge">${VERDICT_SYMBOLS[scenario.verdict]} ${scenario.verdict}</span> <code class="id">${html(scenario.id)}</code>`,
    `<span class="title">${html(scenario.title)}</span>`,
    `<span class="meta">${html(scenario.category)} · ${html(scenario.severity)} · ${formatDuration(scenario.durationMs)}${retries}</span></summary>`,
    '<div class="body">',
    `<p class="where mono">${html(`${scenario.file}:${scenario.line}:${scenario.column}`)}</p>`,
    diagnosisHtml(scenario),
    faultsHtml(scenario.faults),
    stepsHtml(scenario),
    flowHtml(scenario),
    evidenceHtml(scenario, evidence),
    '</div></details>',
  ].join('\n');
}

function diagnosisHtml(scenario: ScenarioReport): string {
  const d = scenario.diagnosis;
  if (!d) return '';
  const list = (items: readonly string[]) => (items.length === 0 ? '<dd>—</dd>' : `<dd><ul>${items.map((i) => `<li>${html(stripAnsi(i))}</li>`).join('')}</ul></dd>`);
  return [
    '<section class="diagnosis"><h3>Diagnosis</h3>',
    `<p class="headline">${html(stripAnsi(d.summary))}</p><dl>`,
    `<dt>Injected</dt>${list(d.injected)}`,
    `<dt>Observed</dt>${list(d.observed)}`,
    `<dt>Expected</dt>${list(d.expected)}`,
    `<dt>Why it matters</dt><dd>${html(d.why)}</dd>`,
    `<dt>How to fix</dt><dd>${html(d.fix)}</dd>`,
    `<dt>References</dt>${list(d.references.length > 0 ? d.references : scenario.references)}`,
    '</dl></section>',
  ].join('\n');
}

function faultsHtml(faults: readonly FaultApplied[]): string {
  if (faults.length === 0) return '<section><h3>Faults injected</h3><p>None: a positive control, the provider behaved correctly.</p></section>';
  const rows = faults.map((f) => {
    const applied = f.applied === 0 ? '<span class="unfired">never fired: the verdict says little about the app</span>' : `${f.applied}×`;
    return `<tr><td><code>${html(f.kind)}</code></td><td class="mono">${html(json(f.params))}</td><td class="mono">${html(f.when ? json(f.when) : '—')}</td><td>${applied}</td></tr>`;
  });
  return `<section><h3>Faults injected</h3><table><thead><tr><th>kind</th><th>parameters</th><th>when</th><th>applied</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function stepsHtml(scenario: ScenarioReport): string {
  if (scenario.steps.length === 0) return '';
  const rows = scenario.steps.map((step: StepReport) => {
    const error = step.error ? `<pre>${html(stripAnsi(step.error))}</pre>` : '';
    return `<tr><td class="step-${step.status}">${step.status}</td><td>${html(step.title)}${error}</td><td class="mono">${html(`${scenario.file}:${step.line}:${step.column}`)}</td><td>${formatDuration(step.durationMs)}</td></tr>`;
  });
  return `<section><h3>Steps</h3><table><thead><tr><th>status</th><th>step</th><th>where</th><th>time</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function flowHtml(scenario: ScenarioReport): string {
  const journal = scenario.evidence.journal ?? [];
  if (journal.length === 0) return '<section><h3>Request flow</h3><p>The provider saw no request in this scenario.</p></section>';
  const wrong = findWrongTurn(scenario);
  const label = `Request flow of ${scenario.id}: ${journal.length} request${journal.length === 1 ? '' : 's'} the provider saw`;
  const legend = [
    'Drawn from the provider’s journal; the browser’s requests to the app are not seen by the provider and are inferred.',
    journal.some((e) => e.faults.length > 0) ? '<span class="fault">⚡ orange: a fault was injected here</span>' : '',
    wrong ? '<span class="wrong">✗ red: where the app went wrong</span>' : '',
  ].filter(Boolean);
  const rows = journal.map((e) => journalRow(e, wrong?.entryId === e.id));
  const more = journal.length > MAX_DRAWN_ENTRIES ? ` (the diagram shows the first ${MAX_DRAWN_ENTRIES})` : '';
  return [
    '<section><h3>Request flow</h3>',
    `<p class="legend">${legend.join(' · ')}</p>`,
    `<div class="flow">${renderDiagram(layoutDiagram(scenario), label)}</div>`,
    `<details class="journal"><summary>Journal: ${journal.length} request${journal.length === 1 ? '' : 's'}${more}</summary><table>`,
    '<thead><tr><th>#</th><th>time</th><th>request</th><th>status</th><th>client</th><th>faults</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table></details></section>`,
  ].join('\n');
}

function journalRow(e: JournalEntry, wrong: boolean): string {
  const cls = wrong ? ' class="wrong"' : e.faults.length > 0 || isBadCertificate(e) ? ' class="fault"' : '';
  const params = e.params ? ` ${Object.entries(e.params).map(([k, v]) => `${k}=${v === true ? '…' : v}`).join(' ')}` : '';
  const request = e.tls ? `TLS ${e.tls.listener} channel: ${e.tls.certificate}` : `${e.method} ${e.path}${params}`;
  const status = e.tls
    ? `handshake ${e.tls.handshake}${e.tls.protocol ? ` (${e.tls.protocol})` : ''}${e.tls.requestSent ? ', requests sent' : ''}${e.tls.alert ? `: ${e.tls.alert}` : ''}`
    : `${e.outcome ?? e.status}${e.retryAfter !== undefined ? ` (Retry-After ${e.retryAfter}s)` : ''}`;
  const faults = e.faults.map((f) => `${f.kind}: ${f.effect}`).join('; ');
  return `<tr${cls}><td>${e.id}</td><td>${html(e.time.slice(11, 23))}</td><td>${html(request)}</td><td>${html(status)}</td><td>${html([e.clientId, e.grantType].filter(Boolean).join(' '))}</td><td>${html(faults)}</td></tr>`;
}

function evidenceHtml(scenario: ScenarioReport, evidence: PageEvidence): string {
  const parts: string[] = [];
  const shot = evidence.screenshot;
  if (shot && 'dataUri' in shot) {
    parts.push(`<figure><img src="${html(shot.dataUri)}" alt="${html(`The page when ${scenario.id} ended`)}"><figcaption>The page when the scenario ended (${html(shot.link)})</figcaption></figure>`);
  } else if (shot && 'link' in shot) {
    parts.push(`<p>Screenshot: <a href="${href(shot.link)}">${html(shot.link)}</a></p>`);
  } else if (shot) {
    parts.push(`<p>Screenshot: ${html(shot.missing)} (not found when this report was written)</p>`);
  }
  if (evidence.trace) {
    const missing = evidence.trace.exists ? '' : ' (not found when this report was written)';
    parts.push(
      `<p>Playwright trace: <a href="${href(evidence.trace.link)}">${html(evidence.trace.link)}</a>${missing}. ` +
        `Open it with <code>npx playwright show-trace ${html(shellQuote(evidence.trace.link))}</code> in this report’s folder.</p>`,
    );
  }
  if (evidence.appLog) {
    const missing = evidence.appLog.exists ? '' : ' (not found when this report was written)';
    parts.push(`<p>App log (the worker’s, shared with the other scenarios it ran): <a href="${href(evidence.appLog.link)}">${html(evidence.appLog.link)}</a>${missing}</p>`);
  }
  return parts.length === 0 ? '' : `<section><h3>Evidence</h3>${parts.join('\n')}</section>`;
}

function json(value: unknown): string {
  return JSON.stringify(value) ?? '';
}

/** Quotes a path for a POSIX shell when it needs it, so the command can be pasted as shown. */
function shellQuote(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
