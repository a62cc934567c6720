import { categoryMatrix } from '../category-matrix.js';
import { CATEGORIES, VERDICTS, type RunReport, type Verdict } from '../model.js';
import { html } from './escape.js';

export const VERDICT_SYMBOLS: Record<Verdict, string> = { pass: '✓', fail: '✗', warn: '!', error: 'E', skipped: '–' };

const VERDICT_WORDS: Record<Verdict, string> = { pass: 'passed', fail: 'failed', warn: 'warned', error: 'errors', skipped: 'skipped' };

/** Verdict counts as a row of tiles; non-zero ones in the verdict's colour. */
export function countsHtml(report: RunReport): string {
  const tiles = VERDICTS.map((verdict) => {
    const n = report.summary[verdict];
    return `<div class="count v-${verdict}${n > 0 ? ' nonzero' : ''}"><b>${n}</b>${VERDICT_WORDS[verdict]}</div>`;
  });
  return `<section class="counts" aria-label="Verdict counts">${tiles.join('')}<div class="count"><b>${report.summary.total}</b>scenarios</div></section>`;
}

/**
 * The eight categories × verdicts. A non-zero cell is a button that filters the list to that
 * category and verdict; categories with no scenario stay in the table, so a reader sees what the
 * suite did not cover.
 */
export function matrixHtml(report: RunReport): string {
  const head = VERDICTS.map((v) => `<th class="n v-${v}" scope="col">${v}</th>`).join('');
  const rows = categoryMatrix(report.scenarios).map(({ category, counts }) => {
    const cells = VERDICTS.map((verdict) => {
      const n = counts[verdict];
      const inner =
        n > 0
          ? `<button type="button" data-category="${html(category)}" data-verdict="${verdict}" title="Show ${html(category)} scenarios that ${VERDICT_WORDS[verdict]}">${n}</button>`
          : '<span class="zero">0</span>';
      return `<td class="n v-${verdict}">${inner}</td>`;
    });
    return `<tr${counts.total === 0 ? ' class="empty"' : ''}><th scope="row">${html(category)}</th>${cells.join('')}<td class="n">${counts.total}</td></tr>`;
  });
  return [
    '<section class="matrix"><h2>By category</h2><table>',
    `<thead><tr><th scope="col">category</th>${head}<th class="n" scope="col">total</th></tr></thead>`,
    `<tbody>${rows.join('')}</tbody></table></section>`,
  ].join('');
}

/** The filter bar; filters-script.ts gives it life, and without scripts it is inert. */
export function filtersHtml(report: RunReport): string {
  const boxes = VERDICTS.map(
    (v) => `<label class="v-${v}"><input type="checkbox" name="verdict" value="${v}" checked> <span class="badge">${VERDICT_SYMBOLS[v]} ${v}</span> (${report.summary[v]})</label>`,
  );
  const options = CATEGORIES.map((c) => `<option value="${html(c)}">${html(c)}</option>`);
  return [
    '<form id="filters" role="search" aria-label="Filter scenarios">',
    ...boxes,
    `<label>category <select name="category"><option value="">all</option>${options.join('')}</select></label>`,
    '<label><input type="search" name="q" placeholder="id, title, file, fault, diagnosis" aria-label="Text filter"></label>',
    '<button type="button" data-action="reset">Reset</button>',
    '<button type="button" data-action="expand">Expand shown</button>',
    '<button type="button" data-action="collapse">Collapse all</button>',
    `<span class="shown">${report.scenarios.length} of ${report.scenarios.length} scenarios shown</span>`,
    '</form>',
  ].join('\n');
}
