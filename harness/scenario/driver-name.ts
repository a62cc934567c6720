/** The user agents a scenario can run in: `browser` (Chromium through Playwright) or `http` (no browser). */
export const DRIVER_NAMES = ['browser', 'http'] as const;
export type DriverName = (typeof DRIVER_NAMES)[number];
export const DEFAULT_DRIVER: DriverName = 'browser';

/** The driver a scenario runs in: the run's --driver over the scenario's own `driver:`, over the default. */
export function driverOf(scenario: { driver?: DriverName }, run: DriverName | undefined): DriverName {
  return run ?? scenario.driver ?? DEFAULT_DRIVER;
}
