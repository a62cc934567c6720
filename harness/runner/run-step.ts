import type { BrowserAgent } from '../drivers/browser/browser-agent.js';
import type { HttpAgent } from '../drivers/http/agent.js';
import type { AgentSetup } from '../drivers/user-agent.js';
import { stepDefinition } from '../steps/index.js';
import type { StepContext } from '../steps/step.js';

/** The user agent of either driver. */
export type DriverAgent = BrowserAgent | HttpAgent;

/** How a scenario gets its user agent: a fresh one for the http driver, the worker's page for the browser. */
export type OpenAgent = (setup: AgentSetup) => Promise<DriverAgent>;

/** Run a step in the scenario's user agent, by that step's own implementation for the agent's driver. */
export function runStep(step: { type: string }, ctx: StepContext<DriverAgent>): Promise<void> {
  const definition = stepDefinition(step);
  const { agent } = ctx;
  return agent.act(() => (agent.name === 'browser' ? definition.browser(step, { ...ctx, agent }) : definition.http(step, { ...ctx, agent })));
}

/** A whole login as the default user, as a person signs in again (recovers-within). */
export function signInAgain(ctx: StepContext<DriverAgent>): Promise<void> {
  return runStep({ type: 'login' }, ctx);
}
