import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createListReporter } from '../../reports/console/list.js';
import { createJsonReporter } from '../../reports/json.js';
import { createMultiplexer } from '../../reports/multiplexer.js';
import type { Reporter } from '../../reports/reporter.js';
import { captureStream, drive } from './drive.js';
import { fixtureReport } from './fixture.js';

const broken = (): never => {
  throw new Error('disk full');
};

/** A reporter that breaks in every hook, synchronously and asynchronously. */
const throwing: Reporter = {
  onBegin: broken,
  onScenarioBegin: broken,
  onScenarioEnd: broken,
  onEnd: async () => broken(),
  onError: broken,
};

describe('multiplexer', () => {
  it('keeps every other reporter\'s output when one throws, and says so once on stderr', async () => {
    const outputDir = await mkdtemp(join(tmpdir(), 'authfault-mux-'));
    const console = captureStream();
    const stderr = captureStream();
    const multiplexer = createMultiplexer(
      [
        { name: 'json', reporter: createJsonReporter({ outputDir }) },
        { name: 'broken', reporter: throwing },
        { name: 'list', reporter: createListReporter({ stream: console.stream, color: false }) },
      ],
      { errorStream: stderr.stream },
    );
    await drive(multiplexer, fixtureReport());
    multiplexer.onError!({ message: 'worker 2 exited' });

    expect(JSON.parse(await readFile(join(outputDir, 'report.json'), 'utf8'))).toEqual(fixtureReport());
    const lines = console.text().split('\n');
    expect(lines.filter((line) => /^[✓✗!E-] \w+ +\[\d\/6\]/.test(line))).toHaveLength(6);
    expect(lines).toContain('2 passed, 1 failed, 1 warned, 1 error, 1 skipped');
    expect(lines).toContain('Error: worker 2 exited');

    const errors = stderr.text();
    expect(errors.startsWith(
      'authfault: the "broken" reporter failed in onBegin; the other reporters carried on, ' +
        'but its output may be missing or incomplete.\nError: disk full\n    at ',
    )).toBe(true);
    expect(errors.match(/authfault: /g)).toHaveLength(1);
    expect(multiplexer.failures.map(({ reporter, hook }) => `${reporter}.${hook}`)).toEqual([
      'broken.onBegin',
      ...Array.from({ length: 6 }, () => ['broken.onScenarioBegin', 'broken.onScenarioEnd']).flat(),
      'broken.onEnd',
      'broken.onError',
    ]);
  });

  it('catches the rejection of an async hook that is typed as sync', async () => {
    const stderr = captureStream();
    const asyncBroken: Reporter = { onScenarioEnd: (async () => broken()) as Reporter['onScenarioEnd'] };
    const multiplexer = createMultiplexer([{ name: 'async', reporter: asyncBroken }], { errorStream: stderr.stream });
    multiplexer.onScenarioEnd!(fixtureReport().scenarios[0]!, { done: 1, total: 1 });
    await Promise.resolve();

    expect(multiplexer.failures.map(({ reporter, hook }) => `${reporter}.${hook}`)).toEqual(['async.onScenarioEnd']);
    expect(stderr.text()).toContain('authfault: the "async" reporter failed in onScenarioEnd;');
  });

  it('reports a thrown non-Error by its string form', async () => {
    const stderr = captureStream();
    const multiplexer = createMultiplexer(
      [{ name: 'odd', reporter: { onBegin: () => Promise.reject('no space left') } }],
      { errorStream: stderr.stream },
    );
    await multiplexer.onBegin!({ run: fixtureReport().run, total: 6 });

    expect(stderr.text()).toBe(
      'authfault: the "odd" reporter failed in onBegin; the other reporters carried on, ' +
        'but its output may be missing or incomplete.\nno space left\n',
    );
  });
});
