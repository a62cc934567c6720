import type { TargetConfig } from './types.js';

/** How the target config signs in and out: by clicking (needs a DOM) or by opening a URL. */
export interface TargetClicks {
  login: boolean;
  logout: boolean;
}

export function targetClicks(config: Pick<TargetConfig, 'login' | 'logout'>): TargetClicks {
  return { login: 'click' in config.login, logout: 'click' in config.logout };
}
