/** The user agents a scenario can run in: `browser` (Chromium through Playwright) or `http` (no browser). */
export const DRIVER_NAMES = ['browser', 'http'] as const;
export type DriverName = (typeof DRIVER_NAMES)[number];
export const DEFAULT_DRIVER: DriverName = 'browser';
