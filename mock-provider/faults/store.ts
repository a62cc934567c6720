import { AuthfaultError } from '../util/errors.js';
import { issuesInOneLine } from '../util/issues.js';
import { matchesRoute } from './route-pattern.js';
import type { FaultSpec } from './fault-input.js';
import type { FaultIssue } from './parse.js';
import { pointsOf } from './points.js';
import { seededRandom } from './random.js';
import type { AnyFaultKind, FaultKind, FaultRequest, InjectionPoint, ProviderEnv, TokenTools } from './types.js';

/** A fault that is set: its spec plus the counters the envelope needs. */
export interface ActiveFault extends FaultSpec {
  id: string;
  createdAt: number;
  /** Requests that matched endpoint, client and after_ms. */
  matched: number;
  /** Times the fault actually changed something. */
  applied: number;
  readonly def: AnyFaultKind;
  /** Mutable state owned by the kind's hooks (rate-limit windows, say). */
  readonly state: Record<string, unknown>;
  readonly random: () => number;
  /** Undoes what the kind's activate hook changed, when it changed anything. */
  undo?: () => void;
}

/** What the control API and reports show of a fault (no internals). */
export interface FaultView extends FaultSpec {
  id: string;
  createdAt: string;
  matched: number;
  applied: number;
}

export class FaultStore {
  #faults = new Map<string, ActiveFault>();
  #next = 1;

  constructor(
    readonly seed: string,
    private readonly env?: { provider: ProviderEnv; tools: TokenTools },
  ) {}

  /**
   * Validate and set faults, written or already decoded (FaultSpec); all of them or none. Throws
   * AUTHFAULT_FAULT_INVALID with every issue.
   */
  async add(raw: unknown): Promise<FaultView[]> {
    // The decoder loads the fault registry (every kind's schema): only once a fault is set.
    const { decodeFault } = await import('./parse.js');
    const list: unknown[] = Array.isArray(raw) ? raw : [raw];
    const decoded: { fault: FaultSpec; def: AnyFaultKind }[] = [];
    const issues: FaultIssue[] = [];
    list.forEach((item, index) => {
      const result = decodeFault(item, Array.isArray(raw) ? [index] : []);
      if (result.ok) decoded.push(result);
      else issues.push(...result.issues);
    });
    if (issues.length > 0) {
      throw new AuthfaultError('AUTHFAULT_FAULT_INVALID', issuesInOneLine(issues), issues);
    }
    const set: ActiveFault[] = [];
    try {
      for (const { fault: spec, def } of decoded) {
        const fault = this.#set(spec, def);
        set.push(fault);
        const activate = fault.def.hooks.activate;
        if (activate && this.env) {
          const undo = await activate(fault.params, this.env.provider, fault.state, this.env.tools, fault.when, () => fault.applied++);
          if (undo) fault.undo = undo;
        }
      }
    } catch (error) {
      // All or none: a fault that cannot be set takes back the ones set with it.
      for (const fault of set.reverse()) this.remove(fault.id);
      throw error;
    }
    return set.map((f) => this.#view(f));
  }

  #set(spec: FaultSpec, def: AnyFaultKind): ActiveFault {
    const id = `f${this.#next++}`;
    const fault: ActiveFault = {
      ...spec,
      id,
      createdAt: Date.now(),
      matched: 0,
      applied: 0,
      def,
      state: {},
      // One stream per fault id: adding a fault never shifts another fault's draws.
      random: seededRandom(this.seed, id),
    };
    this.#faults.set(id, fault);
    return fault;
  }

  list(): FaultView[] {
    return [...this.#faults.values()].map((f) => this.#view(f));
  }

  remove(id: string): boolean {
    const fault = this.#faults.get(id);
    fault?.undo?.();
    return this.#faults.delete(id);
  }

  clear(): void {
    // Undo in reverse order, so stacked changes to the same client unwind correctly.
    for (const fault of [...this.#faults.values()].reverse()) fault.undo?.();
    this.#faults.clear();
  }

  get size(): number {
    return this.#faults.size;
  }

  /**
   * The faults that apply to this request for one hook, in the order they were set. Counts a match
   * for each fault whose endpoint, client and after_ms fit, then applies nth, times and probability.
   * The caller reports back with `applied()` only when the hook really changed something.
   */
  select(req: FaultRequest, hook: keyof FaultKind['hooks']): ActiveFault[] {
    if (this.#faults.size === 0) return [];
    const out: ActiveFault[] = [];
    for (const fault of this.#faults.values()) {
      if (!fault.def.hooks[hook]) continue;
      if (!matchesPoint(fault, req.point)) continue;
      const { when } = fault;
      if (when.client !== undefined && when.client !== req.clientId) continue;
      if (when.after_ms !== undefined && req.now - fault.createdAt < when.after_ms) continue;
      if (when.route !== undefined && !matchesRoute(when.route, req.method, req.path)) continue;
      fault.matched++;
      if (when.nth !== undefined && fault.matched !== when.nth) continue;
      if (when.times !== undefined && fault.applied >= when.times) continue;
      if (when.probability !== undefined && fault.random() >= when.probability) continue;
      out.push(fault);
    }
    return out;
  }

  #view(f: ActiveFault): FaultView {
    return {
      id: f.id,
      kind: f.kind,
      params: f.params,
      when: f.when,
      createdAt: new Date(f.createdAt).toISOString(),
      matched: f.matched,
      applied: f.applied,
    };
  }
}

function matchesPoint(fault: ActiveFault, point: InjectionPoint): boolean {
  return pointsOf(fault.when, fault.def.defaultPoints).includes(point);
}
