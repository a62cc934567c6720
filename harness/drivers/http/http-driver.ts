import type { Step } from '../../scenario/types.js';
import type { DriverFactory } from '../driver.js';
import { HttpAgent } from './agent.js';
import type { HttpStepContext } from './context.js';
import { login } from './login.js';
import { HTTP_STEPS } from './steps.js';

/**
 * The browserless driver, for server-rendered apps: each scenario gets a fresh HttpAgent (its own
 * cookie jar, so nothing carries over from the scenario before), and runs the http step table.
 */
export function httpDriver(options: { ignoreHTTPSErrors: boolean }): DriverFactory {
  return async (base) => {
    const agent = await HttpAgent.open({ appUrl: base.appUrl, idpOrigin: base.idpOrigin, obs: base.obs, ignoreHTTPSErrors: options.ignoreHTTPSErrors });
    const ctx: HttpStepContext = { ...base, agent };
    return {
      name: 'http',
      run: (step: Step) => (HTTP_STEPS[step.type] as (s: Step, c: HttpStepContext) => Promise<void>)(step, ctx),
      login: () => login({}, ctx),
      url: () => agent.url(),
      text: async () => {
        await agent.settle(2000);
        return agent.text();
      },
      cookieNames: (url) => agent.cookieNames(url),
      open: async (url, timeoutMs) => (await agent.navigate(url, { timeoutMs })).kind === 'page',
      close: () => agent.dispose(),
    };
  };
}
