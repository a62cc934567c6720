/** Every default and limit of the scenario language, in one frozen place. */
export const SCENARIO_DEFAULTS = Object.freeze({
  /** How long `wait-for` waits when the step names no timeout_ms; also each step's navigation timeout. */
  stepTimeoutMs: 10_000,
  /**
   * The longest `wait`, `wait-for` and `recovers-within`: lifetimes in a test are shortened by the
   * fault (token.expired by_s, a short Retry-After), never waited out for real.
   */
  maxWaitMs: 120_000,
  /** How often `wait-for` looks at the page or the journal. */
  pollMs: 50,
  /** The most page loads one `parallel` step starts at once. */
  maxParallel: 50,
  /** gave-up-within: page, when no target config is at hand (the config's own default, CONFIG_DEFAULTS.pageBudgetMs). */
  pageBudgetMs: 70_000,
  /** single-flight-refresh: two refreshes closer than this are a stampede. */
  singleFlightWindowMs: 1000,
});
