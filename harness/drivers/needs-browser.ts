import type { TargetConfig } from '../config/types.js';
import type { DriverName } from './names.js';

/** How the target config signs in and out: by clicking (needs a DOM) or by opening a URL. */
export interface TargetClicks {
  login: boolean;
  logout: boolean;
}

export function targetClicks(config: Pick<TargetConfig, 'login' | 'logout'>): TargetClicks {
  return { login: 'click' in config.login, logout: 'click' in config.logout };
}

/** One thing in a scenario that needs a browser, by its index among the steps or the app expectations. */
export interface BrowserNeed {
  where: { step: number } | { expectation: number };
  message: string;
}

/**
 * What in a scenario the http driver cannot do, because it has no DOM: `click` and `fill` steps,
 * and — when the target config signs in or out by clicking — `login` and `logout` steps and
 * recovers-within (which signs in again). The same list decides both refusals: a scenario that
 * says `driver: http` is invalid (positioned at each of these), and a run with `--driver http`
 * reports such a scenario as skipped, with the reason.
 */
export function browserNeeds(steps: readonly { type: string }[], app: readonly { type: string }[], clicks: TargetClicks): BrowserNeed[] {
  const needs: BrowserNeed[] = [];
  steps.forEach((step, i) => {
    const message = stepNeed(step.type, clicks);
    if (message) needs.push({ where: { step: i }, message });
  });
  app.forEach((exp, i) => {
    if (exp.type === 'recovers-within' && clicks.login) {
      needs.push({ where: { expectation: i }, message: 'recovers-within signs in again, and the target config starts a login with a click (login.click), which needs a browser' });
    }
  });
  return needs;
}

function stepNeed(type: string, clicks: TargetClicks): string | undefined {
  if (type === 'click' || type === 'fill') return `${type} needs a browser: the http driver has no DOM to find the element in`;
  if (type === 'login' && clicks.login) return 'login starts with a click here (the target config’s login.click), which needs a browser';
  if (type === 'logout' && clicks.logout) return 'logout is a click here (the target config’s logout.click), which needs a browser';
  return undefined;
}

/** The driver a scenario runs in: the run's --driver over the scenario's own `driver:`, over the default. */
export function driverOf(scenario: { driver?: DriverName }, run: DriverName | undefined): DriverName {
  return run ?? scenario.driver ?? 'browser';
}
