import { bareArgs } from '../scenario/single-key.js';
import { retireFaults } from './shared/faults.js';
import { defineStep } from './step.js';

/**
 * clear-faults — from here on, the provider behaves.
 *
 * - The faults in force leave with their counters; recovers-within measures from this moment.
 */
export const clearFaults = defineStep({
  args: bareArgs('Remove every fault: from here on the provider behaves.'),
  model: () => ({}),
  title: () => 'clear faults',
  faults: () => [],
  browser: async (_step, ctx) => retireFaults(ctx),
  http: async (_step, ctx) => retireFaults(ctx),
});
