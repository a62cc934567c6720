import { describe, expect, it } from 'vitest';
import { forms, visibleText } from '../../harness/drivers/http/html.js';
import { openHttpAgent, startExampleApp } from './start-app.js';

/**
 * The http driver's HTML reading on the real pages of every example target and of the provider,
 * as a scenario meets them: the provider's login form found by its label and button, the app's
 * signed-in page and its named pages read as text, and the provider's logout page, which submits
 * itself by script, submitted.
 */
describe('reading the pages of every example target and of the provider', () => {
  for (const name of ['careful-app', 'naive-app', 'eoc-app'] as const) {
    it(`${name}: the provider's login page, the app signed in, its named pages, the sign-out`, async () => {
      const app = await startExampleApp(name);
      const base = app.base();
      const agent = await openHttpAgent(base);
      try {
        const { env } = app;
        await agent.navigate('url' in env.login ? env.url(env.login.url) : `${app.appUrl}/login`, { timeoutMs: 10_000 });
        expect(agent.url().startsWith(`${base.idpOrigin}/`)).toBe(true);
        const signIn = forms(agent.page.body).find((f) => f.labels.Username !== undefined);
        expect(signIn).toMatchObject({ method: 'POST', labels: { Username: 'username' }, buttons: [{ text: 'Sign in', value: '' }], autoSubmit: false });
        await agent.submit(signIn!, { username: env.defaultUser }, { timeoutMs: 10_000, button: 'Sign in' });
        expect(agent.url().startsWith(app.appUrl)).toBe(true);
        expect(await agent.text()).toContain(env.signedIn.text);
        for (const url of Object.values(env.pages)) {
          await agent.navigate(url, { timeoutMs: 10_000 });
          expect(visibleText(agent.page.body), url).not.toBe('');
        }
        await agent.navigate(env.url('url' in base.logout ? base.logout.url : '{app}/logout'), { timeoutMs: 10_000 });
        await agent.navigate(app.appUrl, { timeoutMs: 10_000 });
        expect(await agent.text()).not.toContain(env.signedIn.text);
        const endSession = app.idp.journal.entries(base.journalSince).filter((e) => e.endpoint === 'end_session').map((e) => e.method);
        // careful-app and naive-app sign out at the provider too: its page submits itself, and so does the agent.
        expect(endSession).toEqual(name === 'eoc-app' ? [] : ['GET', 'POST']);
      } finally {
        await agent.close();
        await app.stop();
      }
    }, 60_000);
  }
});
