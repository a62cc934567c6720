import { networkInterfaces } from 'node:os';
import { isWildcardHost } from '../../../mock-provider/basics.js';

/**
 * `authfault idp --host 0.0.0.0`: the provider listens on every interface, but an issuer must name
 * one address, and tokens carry it. It names 127.0.0.1 (this machine, and the host of a published
 * Docker port); these lines say how apps elsewhere get the issuer they reach it by. None when the
 * host is one address, or when the issuer was set (ISSUER, provider.issuer).
 */
export function reachNote(host: string, issuer: string, issuerSet: boolean): string[] {
  if (!isWildcardHost(host) || issuerSet) return [];
  const url = new URL(issuer);
  const addresses = ownAddresses();
  const example = new URL(issuer);
  example.hostname = addresses[0] ?? '<this machine’s address>';
  return [
    `note       listening on every interface (--host ${host}), but the issuer names ${url.hostname}, which only this machine reaches.`,
    `           Apps on other machines or containers must be given the issuer they reach it by, and the provider told the same:`,
    `           ISSUER=${example.href.replace(/\/$/, '')} authfault idp --host ${host}   (or provider.issuer in the config)`,
    ...(addresses.length > 0 ? [`           this machine's addresses: ${addresses.join(', ')}`] : []),
  ];
}

/** This machine's own IPv4 addresses other than loopback: what another machine may reach it by. */
function ownAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
}
