import { CATEGORIES, summarize, type Category, type ScenarioReport, type Summary } from './model.js';

/** One row per category, every category present even when no scenario of it ran. */
export type CategoryMatrix = { category: Category; counts: Summary }[];

/**
 * The eight categories × verdicts table the HTML report and the GitHub job summary both show, so
 * a reader sees at a glance which kind of auth failure the app mishandles.
 */
export function categoryMatrix(scenarios: readonly ScenarioReport[]): CategoryMatrix {
  return CATEGORIES.map((category) => ({ category, counts: summarize(scenarios.filter((s) => s.category === category)) }));
}
