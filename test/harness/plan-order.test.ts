import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../harness/config/load.js';
import type { TargetConfig } from '../../harness/config/types.js';
import { loadScenarios } from '../../harness/language/load.js';
import { dispatchOrder, expectedMs, lastRunDurations } from '../../harness/runner/plan-order.js';
import { planScenarios } from '../../harness/runner/plan-scenarios.js';
import type { ScenarioPlan } from '../../harness/runner/plan.js';
import type { Scenario } from '../../harness/scenario/types.js';
import { ROOT } from '../helpers/cli.js';
import { useTempFiles } from './temp-files.js';

/** The order the bundled suite is handed to workers in, against careful-app's config. */
describe('dispatch order: longest expected first', () => {
  const files = useTempFiles();
  let config: TargetConfig;
  let scenarios: Scenario[];
  let plans: ScenarioPlan[];
  const ids = (order: number[] | undefined) => (order ?? scenarios.map((_, i) => i)).map((i) => scenarios[i]!.id);

  beforeAll(async () => {
    config = await loadConfig(join(ROOT, 'examples/careful-app/authfault.config.yaml'));
    const loaded = await loadScenarios([join(ROOT, 'scenarios')], ROOT);
    expect(loaded.issues).toEqual([]);
    scenarios = loaded.scenarios;
    plans = planScenarios(scenarios, config, undefined);
  });

  it('without a last run, puts the scenarios that declare waits first: hangs watched past the page budget, token lifetimes, latencies', () => {
    const order = ids(dispatchOrder(scenarios, plans, { budgets: config.budgets, keepFileOrder: false }));
    const first = order.slice(0, 13);
    for (const id of ['network-hang-token', 'network-hang-userinfo', 'network-slow-body-token-stalled', 'token-ttl-access-token', 'refresh-invalid-grant', 'profile-burst-single-refresh', 'network-latency-token']) {
      expect(first, id).toContain(id);
    }
    expect(order.indexOf('refresh-sub-changed')).toBeLessThan(order.indexOf('state-tampered'));
    expect(new Set(order)).toEqual(new Set(scenarios.map((s) => s.id)));
  });

  it('estimates a wait until the access token has expired by the lifetime its token.ttl fault gives', () => {
    const ttl = scenarios.find((s) => s.id === 'token-ttl-access-token')!;
    const happy = scenarios.find((s) => s.id === 'happy-path')!;
    expect(expectedMs(ttl, config.budgets) - expectedMs(happy, config.budgets)).toBe(2000);
  });

  it('orders by the last run’s own times when its report is in the output folder, keeping the files’ order between equals', async () => {
    const times = new Map(scenarios.map((s) => [s.id, 100]));
    times.set('happy-path', 9000).set('state-tampered', 8000);
    const order = ids(dispatchOrder(scenarios, plans, { budgets: config.budgets, keepFileOrder: false, lastRun: times }));
    expect(order.slice(0, 2)).toEqual(['happy-path', 'state-tampered']);
    expect(order.slice(2)).toEqual(scenarios.map((s) => s.id).filter((id) => id !== 'happy-path' && id !== 'state-tampered'));
  });

  it('keeps the files’ order for --shard and --list', () => {
    expect(dispatchOrder(scenarios, plans, { budgets: config.budgets, keepFileOrder: true })).toBeUndefined();
  });

  it('reads the last run’s times from report.json for the same target only, and a missing or broken report as none', async () => {
    const report = (target: string) => JSON.stringify({ run: { target: { name: target } }, scenarios: [{ id: 'happy-path', verdict: 'pass', durationMs: 812 }, { id: 'x', verdict: 'skipped', durationMs: 0 }] });
    expect(lastRunDurations(await files({ 'report.json': report(config.name) }), config.name)).toEqual(new Map([['happy-path', 812]]));
    expect(lastRunDurations(await files({ 'report.json': report('another-app') }), config.name)).toBeUndefined();
    expect(lastRunDurations(await files({ 'report.json': '{ not json' }), config.name)).toBeUndefined();
    expect(lastRunDurations(await files({}), config.name)).toBeUndefined();
  });
});
