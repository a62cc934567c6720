import { createHash } from 'node:crypto';
import type { RunReport } from '../model.js';
import { formatDuration } from '../util/format-duration.js';
import { html } from './escape.js';
import type { PageEvidence } from './evidence.js';
import { FILTERS_SCRIPT } from './filters-script.js';
import { scenarioHtml } from './scenario-section.js';
import { STYLES } from './styles.js';
import { countsHtml, filtersHtml, matrixHtml } from './summary.js';

/**
 * The whole report as one HTML document. Its Content-Security-Policy allows nothing from the
 * network and only this page's own stylesheet and script (by hash), images only as data: URIs:
 * the page works offline, and even text that slipped past escaping could not run as script.
 */
export function reportPage(report: RunReport, evidence: readonly PageEvidence[]): string {
  const { run, summary } = report;
  const csp = [
    "default-src 'none'",
    `style-src '${sha256(STYLES)}'`,
    `script-src '${sha256(FILTERS_SCRIPT)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const facts = [
    `target <b>${html(run.target.name)}</b>${run.target.config ? ` (${html(run.target.config)})` : ''}${run.target.url ? ` at ${html(run.target.url)}` : ''}`,
    `seed <code>${html(run.seed)}</code>`,
    `started ${html(run.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))}`,
    `took ${formatDuration(run.durationMs)}`,
    run.workers !== undefined ? `${run.workers} worker${run.workers === 1 ? '' : 's'}` : '',
    run.shard ? `shard ${run.shard.current}/${run.shard.total}` : '',
    run.driver ? html(run.driver) : '',
    `authfault ${html(run.authfaultVersion)}`,
  ].filter(Boolean);
  const verdictLine = `${summary.pass} passed, ${summary.fail} failed`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${html(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${html(`authfault: ${run.target.name}: ${verdictLine}`)}</title>`,
    `<style>${STYLES}</style>`,
    '</head><body>',
    `<header><h1>authfault report: ${html(run.target.name)}</h1><p class="run">${facts.join(' · ')}</p></header>`,
    countsHtml(report),
    matrixHtml(report),
    '<h2>Scenarios</h2>',
    filtersHtml(report),
    '<main id="scenarios">',
    ...report.scenarios.map((scenario, i) => scenarioHtml(scenario, i, evidence[i] ?? {})),
    '<p id="none" hidden>No scenario matches the filters.</p>',
    '</main>',
    `<footer>Written by authfault ${html(run.authfaultVersion)}. Rerun exactly this run with <code>--seed ${html(run.seed)}</code>. ` +
      'Traces open with <code>npx playwright show-trace &lt;trace.zip&gt;</code>.</footer>',
    `<script>${FILTERS_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
