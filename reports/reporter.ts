import type { RunInfo, RunReport, ScenarioReport } from './model.js';

/** Where a scenario is written; enough to announce it before it has any result. */
export interface ScenarioStart {
  id: string;
  title: string;
  file: string;
  line: number;
}

export interface Progress {
  done: number;
  total: number;
}

/**
 * What the harness tells reporters, in this order: onBegin once, then onScenarioBegin and
 * onScenarioEnd per scenario (interleaved when workers run in parallel), then onEnd once.
 * onError may come at any time, for failures that belong to no scenario. Every hook is optional:
 * a reporter implements only what it needs (Playwright's reporter API works the same way).
 */
export interface Reporter {
  onBegin?(info: { run: RunInfo; total: number }): void | Promise<void>;
  onScenarioBegin?(scenario: ScenarioStart): void;
  onScenarioEnd?(scenario: ScenarioReport, progress: Progress): void;
  onEnd?(report: RunReport): void | Promise<void>;
  onError?(error: { message: string; stack?: string }): void;
}

/** The names of the hooks, for the multiplexer's error messages. */
export type ReporterHook = keyof Reporter;
