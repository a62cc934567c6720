import { describe, expect, it } from 'vitest';
import { forms, submission, visibleText } from '../../harness/drivers/http/html.js';
import { errorRedirect } from '../../mock-provider/faults/kinds/shared/error-redirect.js';
import { consentPage, loginPage } from '../../mock-provider/interactions/views.js';

/** The http driver reads the pages a server writes: the provider's own, form_post answers, the apps'. */
describe('http driver: reading server-rendered HTML', () => {
  it('reads the text a person sees: no head, script or style; a line per block; entities decoded', () => {
    const html = `<!doctype html><html><head><title>Home</title><style>h1{color:red}</style><script>var x = "<p>hidden</p>";</script></head>
<body>
<h1>Signed in as Alice &amp; Bob</h1>
<p>alice@example.com</p>
<p><a href="/profile">Profile</a>   <a href="/logout">Sign&#32;out</a></p>
<!-- <p>a comment</p> -->
<ul><li>one</li><li>two<br>three</li></ul>
</body></html>`;
    expect(visibleText(html)).toBe('Signed in as Alice & Bob\nalice@example.com\nProfile Sign out\none\ntwo\nthree');
  });

  it('finds the provider’s login form by its “Username” label, with the “Sign in” button', () => {
    const html = loginPage('/interaction/abc/login', [{ id: 'alice', name: 'Alice' }, { id: 'bob' }] as never, { clientId: 'demo-app' });
    const [buttons, typed] = forms(html);
    expect(buttons!.buttons.map((b) => b.text)).toEqual(['Sign in as alice', 'Sign in as bob']);
    expect(typed).toMatchObject({ action: '/interaction/abc/login', method: 'POST', labels: { Username: 'username' }, fields: { username: '' }, autoSubmit: false });
    expect(typed!.buttons).toEqual([{ text: 'Sign in', value: '' }]);
    expect(submission(typed!, { username: 'alice' })).toEqual({ username: 'alice' });
  });

  it('submits the consent form’s “Allow” button with its name and value', () => {
    const [form] = forms(consentPage('/interaction/abc/consent', { clientId: 'demo-app', scopes: ['openid', 'profile'] }));
    const allow = form!.buttons.find((b) => b.text === 'Allow');
    expect(submission(form!, {}, allow)).toEqual({ decision: 'allow' });
  });

  it('sees a form the page submits by script, with buttons tied to it by form="…" (the provider’s logout page)', () => {
    // oidc-provider's end_session form, and the mock provider's logoutSource around it.
    const html = `<form id="op.logoutForm" method="post" action="https://idp.test/default/session/end/confirm"><input type="hidden" name="xsrf" value="s3cr&#101;t"/></form>
<button form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
<button form="op.logoutForm">Stay signed in</button>
<script>document.getElementById('op.logoutForm').insertAdjacentHTML('beforeend','<input type="hidden" name="logout" value="yes">');document.getElementById('op.logoutForm').submit()</script>`;
    const [form] = forms(html);
    expect(form).toMatchObject({ id: 'op.logoutForm', autoSubmit: true, fields: { xsrf: 's3cret' } });
    expect(form!.buttons.map((b) => b.text)).toEqual(['Sign out', 'Stay signed in']);
    // What the script sends: the hidden fields and logout=yes, as the first button would.
    expect(submission(form!)).toEqual({ xsrf: 's3cret', logout: 'yes' });
  });

  it('sees a form_post answer as a form to submit on load (the mock provider’s authorize.error and oidc-provider’s own)', () => {
    const action = errorRedirect(
      { point: 'authorize', method: 'GET', path: '/auth', query: { redirect_uri: 'http://app.test/callback', response_mode: 'form_post', state: 's1' }, clientId: 'demo-app', ip: '127.0.0.1', now: Date.now() },
      { issuer: 'http://idp.test', redirectAllowed: () => true, random: Math.random },
      'server_error',
      'down',
    );
    const [mock] = forms((action as { body: string }).body);
    expect(mock).toMatchObject({ action: 'http://app.test/callback', method: 'POST', autoSubmit: true, fields: { error: 'server_error', error_description: 'down', state: 's1', iss: 'http://idp.test' } });

    const ours = `<!DOCTYPE html><html><head><title>Submitting Callback</title><script>
    document.addEventListener('DOMContentLoaded', function () { document.forms[0].submit() });
  </script></head><body><form method="post" action="http://app.test/callback"><input type="hidden" name="code" value="c1"/>
    <noscript>Your browser does not support JavaScript or you've disabled it.<br/><button autofocus type="submit">Continue</button></noscript></form></body></html>`;
    const [provider] = forms(ours);
    expect(provider).toMatchObject({ autoSubmit: true, fields: { code: 'c1' } });
    expect(submission(provider!)).toEqual({ code: 'c1' });
  });

  it('leaves forms nobody submits by script alone, and reads GET forms, checkboxes and text areas', () => {
    const [search] = forms(`<form action="/search"><input name="q" value="x"><input type="checkbox" name="all" checked><input type="checkbox" name="none"><textarea name="note">a &lt; b</textarea><input type="submit" name="go" value="Go"></form>`);
    expect(search).toMatchObject({ method: 'GET', autoSubmit: false, fields: { q: 'x', all: 'on', note: 'a < b' } });
    expect(submission(search!)).toEqual({ q: 'x', all: 'on', note: 'a < b', go: 'Go' });
  });

  it('reads what a browser reads where hand-written patterns went wrong: comments, CDATA, <template>, entities, unclosed tags', () => {
    const html = `<body><p>Hello <!-- <b>not</b> <form action="/x"><input name="hidden-in-comment"></form> --> world</p>
<![CDATA[<p>no CDATA in HTML</p>]]><template><form action="/t"><input name="t"></form><p>template</p></template>
<p>caf&eacute; &lt;b&gt; &#x263A; &nbsp;x</p>
<form action="/unclosed" method=post><label for=u>User&shy;name</label><input id=u name=user value='a&amp;b'><button name=go value=1>Go <b>on</b></button>
<p>after the form`;
    expect(visibleText(html)).toBe('Hello world\ncafé <b> ☺ \u00a0x\nUser\u00adnameGo on\nafter the form');
    const found = forms(html);
    expect(found).toEqual([{ action: '/unclosed', method: 'POST', fields: { user: 'a&b' }, labels: { 'User\u00adname': 'user' }, buttons: [{ text: 'Go on', name: 'go', value: '1' }], autoSubmit: false }]);
  });
});
