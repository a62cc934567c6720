import { networkInterfaces } from 'node:os';
import { isLoopback } from '../../mock-provider/control/admin-api.js';

/** This machine's own non-loopback address, if it has one: a caller the control API's guard must refuse. */
export function nonLoopbackAddress(): string | undefined {
  const addresses = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
  const usable = addresses.filter((a) => !a.internal && !isLoopback(a.address) && !a.address.startsWith('fe80:'));
  return (usable.find((a) => a.family === 'IPv4') ?? usable[0])?.address;
}
