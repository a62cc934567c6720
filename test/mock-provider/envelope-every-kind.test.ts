import { describe, expect, it } from 'vitest';
import { listKinds, parseFault, type InjectionPoint } from '../../mock-provider/index.js';
import { FaultStore, type ActiveFault } from '../../mock-provider/faults/store.js';
import type { FaultKind, FaultRequest } from '../../mock-provider/faults/types.js';

/** Parameters for kinds that require some; every other kind must decode from `{ kind }` alone. */
const REQUIRED: Record<string, Record<string, unknown>> = {
  'token.missing-claim': { claim: 'sub' },
  'http.error': { status: 503 },
  'authorize.error': { error: 'server_error' },
  'scope.downgraded': { grant: 'openid' },
  'clock.skew': { seconds: 30 },
};

const PER_REQUEST_HOOKS = ['request', 'authorizationResponse', 'response', 'grantScopes', 'api'] as const;

function hookOf(kind: FaultKind<any>): keyof FaultKind['hooks'] | undefined {
  return PER_REQUEST_HOOKS.find((h) => h in kind.hooks && (kind.hooks as Record<string, unknown>)[h]) as keyof FaultKind['hooks'] | undefined;
}

function request(point: InjectionPoint, clientId = 'app', now = Date.now()): FaultRequest {
  return { point, method: 'POST', path: '/x', query: {}, clientId, ip: '127.0.0.1', now };
}

async function storeWith(kind: string, when: Record<string, unknown>, seed = 'seed-1') {
  const store = new FaultStore(seed);
  const [view] = await store.add({ kind, ...REQUIRED[kind], when });
  return { store, id: view!.id };
}

/** What select() picks at a point, counting an application for each pick as the engine does. */
function pick(store: FaultStore, hook: keyof FaultKind['hooks'], req: FaultRequest): boolean {
  const picked = store.select(req, hook) as ActiveFault[];
  for (const f of picked) f.applied++;
  return picked.length > 0;
}

const perRequestKinds = listKinds().filter((k) => hookOf(k) !== undefined && !k.points.every((p) => p === 'transport'));

describe('the envelope holds for every kind that acts per request', () => {
  it('covers the registry: every such kind decodes from its kind (and the table above)', () => {
    expect(perRequestKinds.length).toBeGreaterThan(40);
    for (const k of perRequestKinds) expect({ kind: k.kind, ok: parseFault({ kind: k.kind, ...REQUIRED[k.kind] }).ok }).toEqual({ kind: k.kind, ok: true });
  });

  for (const k of perRequestKinds) {
    const hook = hookOf(k)!;
    const point = k.defaultPoints[0]!;
    describe(k.kind, () => {
      it('endpoint: applies at its points only', async () => {
        const other = k.points.find((p) => p !== point && p !== 'transport');
        if (!other) {
          const { store } = await storeWith(k.kind, {});
          expect(pick(store, hook, request(point))).toBe(true);
          return;
        }
        const { store } = await storeWith(k.kind, { endpoint: other });
        expect(pick(store, hook, request(point))).toBe(false);
        expect(pick(store, hook, request(other))).toBe(true);
      });

      it('client: only that client_id', async () => {
        const { store } = await storeWith(k.kind, { client: 'app' });
        expect(pick(store, hook, request(point, 'other-app'))).toBe(false);
        expect(pick(store, hook, request(point, 'app'))).toBe(true);
      });

      it('nth: only the nth matching request; times: at most that many applications', async () => {
        const nth = await storeWith(k.kind, { nth: 2 });
        expect([1, 2, 3].map(() => pick(nth.store, hook, request(point)))).toEqual([false, true, false]);
        const times = await storeWith(k.kind, { times: 2 });
        expect([1, 2, 3].map(() => pick(times.store, hook, request(point)))).toEqual([true, true, false]);
      });

      it('after_ms: not before that long since the fault was set', async () => {
        const { store } = await storeWith(k.kind, { after_ms: 60_000 });
        expect(pick(store, hook, request(point))).toBe(false);
        expect(pick(store, hook, request(point, 'app', Date.now() + 60_000))).toBe(true);
      });

      it('probability: the same seed draws the same sequence', async () => {
        const draw = async (seed: string) => {
          const { store } = await storeWith(k.kind, { probability: 0.5 }, seed);
          return Array.from({ length: 24 }, () => pick(store, hook, request(point)));
        };
        const a = await draw('cafe');
        expect(await draw('cafe')).toEqual(a);
        expect(a).toContain(true);
        expect(a).toContain(false);
      });
    });
  }
});
