/**
 * Every reporter name, in the order `--help` lists them. A file of its own, apart from the
 * registry that builds the reporters (registry.ts): `authfault run` checks --reporter before it
 * spawns Playwright's runner, and needs the names, not the reporters, for that.
 */
export const REPORTER_NAMES = ['list', 'dot', 'json', 'junit', 'html', 'github'] as const;

export type ReporterName = (typeof REPORTER_NAMES)[number];
