import { describe, expect, it } from 'vitest';
import { openerFor } from '../../harness/cli/commands/show-report.js';

describe('show-report: opening the page only where a person can see it', () => {
  it('uses the desktop’s opener when there is a display', () => {
    expect(openerFor('linux', { DISPLAY: ':0' })).toEqual({ command: 'xdg-open', args: [] });
    expect(openerFor('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toEqual({ command: 'xdg-open', args: [] });
    expect(openerFor('darwin', {})).toEqual({ command: 'open', args: [] });
    expect(openerFor('win32', {})).toEqual({ command: 'explorer.exe', args: [] });
  });

  it('opens nothing on a headless Linux box, over SSH to a Mac, or in CI', () => {
    expect(openerFor('linux', {})).toBeUndefined();
    expect(openerFor('darwin', { SSH_CONNECTION: '10.0.0.1 5 10.0.0.2 22' })).toBeUndefined();
    expect(openerFor('linux', { DISPLAY: ':0', CI: 'true' })).toBeUndefined();
  });
});
