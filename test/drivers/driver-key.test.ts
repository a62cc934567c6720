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

  it('accepts in an http scenario the steps that click and type, and a login or logout by click: a server-rendered page needs no DOM for them', async () => {
    const cwd = await files({
      'a.yaml': scenario('driver: http', 'steps:', '  - goto: /login', '  - fill: { label: Username, value: alice }', '  - click: Sign in', 'expect:', '  app: signed-in'),
      'b.yaml': scenario('driver: http', 'steps:', '  - login: alice', '  - logout', 'expect:', '  app: refused').replace('by-hand', 'by-click'),
    });
    const clicks = targetClicks({ login: { click: { role: 'button', name: 'Sign in' } }, logout: { click: { role: 'button', name: 'Sign out' } } });
    expect(clicks).toEqual({ login: true, logout: true });
    const { scenarios, issues } = await loadScenarios(['a.yaml', 'b.yaml'], cwd, { targetClicks: clicks });
    expect(issues).toEqual([]);
    expect(scenarios.map((s) => [s.id, s.driver])).toEqual([
      ['by-hand', 'http'],
      ['by-click', 'http'],
    ]);
    expect(browserNeeds(scenarios[1]!.steps, scenarios[1]!.expect.app, clicks)).toEqual([]);
  });

  it('lets the run’s --driver win over the scenario’s own, and the scenario’s over the default', () => {
    expect(driverOf({}, undefined)).toBe('browser');
    expect(driverOf({ driver: 'http' }, undefined)).toBe('http');
    expect(driverOf({ driver: 'http' }, 'browser')).toBe('browser');
    expect(driverOf({}, 'http')).toBe('http');
  });
});
