import { didYouMean } from '../../mock-provider/basics.js';
import { stepDefinition } from '../steps/index.js';

/**
 * The named pages a scenario's steps open (each step's own `page`: `visit`, `parallel: { visit }`)
 * that the target config does not define. Two cases, told apart by whether the name is close to
 * a page the config has:
 *
 * - a typo (`profle` where `profile` exists): an error, with the suggestion — the scenario or the
 *   config is wrong, and running would skip a scenario the author meant to run;
 * - a page the app simply lacks (`orders` in the config of an app with no API pages, or any page
 *   when the config names none): the scenario cannot say anything about this app, so it is
 *   `skipped` with that reason, and `authfault validate` warns, while the rest of the suite runs.
 */
export interface MissingPage {
  page: string;
  /** Index of the step that visits it. */
  step: number;
  /** A page of the config close enough to be what was meant: then it is an error, not a skip. */
  suggestion?: string;
}

export function missingPages(steps: readonly { type: string }[], pages: readonly string[]): MissingPage[] {
  return steps.flatMap((step, i) => {
    const page = stepDefinition(step).page?.name(step);
    if (page === undefined || pages.includes(page)) return [];
    const suggestion = didYouMean(page, pages);
    return [{ page, step: i, ...(suggestion ? { suggestion } : {}) }];
  });
}

/** The skip reason, in the words the reports show: `needs page "orders": add it under pages: in the target config`. */
export function needsPageMessage(page: string): string {
  return `needs page "${page}": add it under pages: in the target config`;
}
