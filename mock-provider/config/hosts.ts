/** Hosts that mean "every interface": a server listens on them, no client can connect to them. */
const WILDCARD_HOSTS: readonly string[] = ['0.0.0.0', '::', '0:0:0:0:0:0:0:0'];

/** Whether `host` (as given to --host or provider.host) means every interface. */
export function isWildcardHost(host: string): boolean {
  return WILDCARD_HOSTS.includes(host);
}
