import type { NotJudged } from '../verdict/outcome.js';

/**
 * Why a scenario is skipped over http: something in it needs a browser — known before it runs, or
 * met on a page (a button only a script acts on). Each reason starts with its place in the file.
 */
export function needsBrowserSkip(reasons: readonly string[]): NotJudged {
  return {
    summary: `Skipped: this scenario runs over http, and ${reasons[0]}${reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : ''}.`,
    observed: [...reasons],
    why: 'The http driver runs no script; a scenario whose page needs one says nothing about the app without it, and is not charged to it.',
    fix: 'Run it with the browser driver: without --driver http (or with --driver browser, or driver: browser in the scenario).',
  };
}
