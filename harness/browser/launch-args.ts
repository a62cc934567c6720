/**
 * Flags that keep Chromium quiet on a closed network and in containers (running as root needs
 * --no-sandbox). A file of its own, importing nothing: each runner worker launches Chromium
 * before it loads anything else.
 */
export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;
