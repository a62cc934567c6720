import { describe, expect, it } from 'vitest';
import { targetClicks } from '../../harness/config/target-clicks.js';
import { browserNeeds } from '../../harness/language/browser-needs.js';
import { loadScenarios } from '../../harness/language/load.js';
import { driverOf } from '../../harness/scenario/driver-name.js';
import { formatIssues } from '../../harness/util/issues.js';
import { lines, useTempFiles } from '../harness/temp-files.js';

const scenario = (...extra: string[]) =>
  lines(
    'id: by-hand', // 1
    'title: Signs in by typing', // 2
    'category: oauth-flow', // 3
    'severity: must', // 4
    ...extra,
  );

describe('the `driver:` key of a scenario', () => {
  const files = useTempFiles();

  it('takes browser or http, and is kept on the scenario', async () => {
    const cwd = await files({ 'a.yaml': scenario('driver: http', 'steps:', '  - login: alice', 'expect:', '  app: signed-in') });
    const { scenarios, issues } = await loadScenarios(['a.yaml'], cwd);
    expect(issues).toEqual([]);
    expect(scenarios[0]).toMatchObject({ id: 'by-hand', driver: 'http' });

    const bad = await files({ 'b.yaml': scenario('driver: curl', 'steps:', '  - login: alice', 'expect:', '  app: signed-in') });
    expect(formatIssues((await loadScenarios(['b.yaml'], bad)).issues)).toBe('b.yaml:5:9 driver: invalid value "curl" (allowed: browser, http)\n1 issue in 1 file');
  });

  it('refuses, where each is written, the steps an http scenario cannot run without a DOM', async () => {
    const cwd = await files({
      'a.yaml': scenario(
        'driver: http', // 5
        'steps:', // 6
        '  - goto: /login', // 7
        '  - fill: { label: Username, value: alice }', // 8
        '  - click: Sign in', // 9
        'expect:', // 10
        '  app: signed-in', // 11
      ),
    });
    const { scenarios, issues } = await loadScenarios(['a.yaml'], cwd);
    expect(scenarios).toEqual([]);
    expect(formatIssues(issues)).toBe(
      [
        'a.yaml:8:5 steps.1: fill needs a browser: the http driver has no DOM to find the element in; this scenario says driver: http (remove it, or set driver: browser)',
        'a.yaml:9:5 steps.2: click needs a browser: the http driver has no DOM to find the element in; this scenario says driver: http (remove it, or set driver: browser)',
        '2 issues in 1 file',
      ].join('\n'),
    );
    expect(issues.map((i) => i.code)).toEqual(['NEEDS_BROWSER', 'NEEDS_BROWSER']);
  });

  it('refuses login and logout in an http scenario when the target config signs in or out by clicking', async () => {
    const cwd = await files({ 'a.yaml': scenario('driver: http', 'steps:', '  - login: alice', '  - logout', 'expect:', '  app: refused') });
    const clicks = targetClicks({ login: { click: { role: 'button', name: 'Sign in' } }, logout: { url: '{app}/logout' } });
    expect(clicks).toEqual({ login: true, logout: false });
    const { issues } = await loadScenarios(['a.yaml'], cwd, { targetClicks: clicks });
    expect(formatIssues(issues)).toBe(
      'a.yaml:7:5 steps.0: login starts with a click here (the target config’s login.click), which needs a browser; this scenario says driver: http (remove it, or set driver: browser)\n1 issue in 1 file',
    );
  });

  it('lets the run’s --driver win over the scenario’s own, and the scenario’s over the default', () => {
    expect(driverOf({}, undefined)).toBe('browser');
    expect(driverOf({ driver: 'http' }, undefined)).toBe('http');
    expect(driverOf({ driver: 'http' }, 'browser')).toBe('browser');
    expect(driverOf({}, 'http')).toBe('http');
    expect(browserNeeds([{ type: 'login' }, { type: 'click' }], [{ type: 'recovers-within' }], { login: true, logout: false }).map((n) => n.where)).toEqual([{ step: 0 }, { step: 1 }, { expectation: 0 }]);
  });
});
