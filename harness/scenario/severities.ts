import type { Severity } from './types.js';

/**
 * The severities, strongest first. Kept apart from severity.ts's zod schemas: the verdict's
 * outcome needs only this list, and is loaded by Playwright's runner just to list the tests,
 * where zod would be loaded for nothing.
 */
export const SEVERITIES = ['must', 'should', 'may'] as const satisfies readonly Severity[];
