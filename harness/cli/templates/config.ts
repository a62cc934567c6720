/**
 * The starter target config `authfault init` writes. Every placeholder the harness fills is
 * explained where it is first useful (test/e2e/init.test.ts fails when one is missing), and the
 * file passes `authfault validate` as written, so a person edits a working file rather than a
 * broken one.
 */
export const CONFIG_FILE = 'authfault.config.yaml';

export const CONFIG_TEMPLATE = `# yaml-language-server: $schema=node_modules/authfault/scenarios/config.schema.json
#
# authfault target config, written by \`authfault init\`: how authfault starts your app, how a person
# signs in, and how to tell that they are signed in. Edit the values marked EDIT for your app.
# Guide: node_modules/authfault/docs/targets.md
#
# authfault brings its own OpenID Provider (a mock that can be told to misbehave); your app signs
# in against it instead of your real one. Nothing needs registering anywhere.

# Names the target in reports; default: this folder's name.
# name: my-app

target:
  # EDIT: the command that starts your app. It runs once per worker, in this file's folder (or
  # target.cwd), each time with a provider and a port of its own.
  command: npm start

  # EDIT: the environment your app reads its OpenID Connect settings from, under your own names.
  # authfault fills these placeholders once its provider is listening:
  #   {issuer}         the provider's issuer URL; discovery is at {issuer}/.well-known/openid-configuration
  #   {client.id}      the client registered for your app (provider.clients below)
  #   {client.secret}  that client's secret
  #   {redirect_uri}   that client's first redirect URI, e.g. http://127.0.0.1:41234/callback
  #   {port}           a free port your app must listen on (127.0.0.1)
  #   {app}            your app's base URL: http://127.0.0.1:{port}, or target.url
  #   {api}            the provider's mock protected API (bearer tokens, API keys)
  #   {ca.path}        PEM file of the CA behind the provider's HTTPS certificate (provider.https)
  #   {idp.origin}     the provider's origin, e.g. https://127.0.0.1:40123
  #   {admin}          the provider's control API, to change faults while the app runs
  # Write {{ for a literal "{".
  env:
    OIDC_ISSUER: "{issuer}"
    OIDC_CLIENT_ID: "{client.id}"
    OIDC_CLIENT_SECRET: "{client.secret}"
    OIDC_REDIRECT_URI: "{redirect_uri}"
    PORT: "{port}"
    # Node trusts the provider's CA this way, with no change to your code. Python:
    # SSL_CERT_FILE or REQUESTS_CA_BUNDLE; the JVM: a truststore made from this file.
    NODE_EXTRA_CA_CERTS: "{ca.path}"

  # Polled until it answers 2xx or 3xx before any scenario starts (default: "{app}/").
  # A page that does not call the provider is best: a health route, or a public home page.
  ready: "{app}/"

  # An app that is already running instead: delete command and env, give its base URL, and fix
  # provider.port to the port of the issuer URL the app was configured with.
  # url: http://127.0.0.1:3000

# EDIT: how a person starts signing in, either a URL that sends the browser to the provider ...
login:
  url: "{app}/login"
  # ... or an element to click on the home page, found by its role and accessible name:
  # click: { role: link, name: Sign in }

# EDIT: how to tell that the person is signed in; any of:
signed-in:
  text: Sign out        # text only a signed-in user sees
  # url: /dashboard     # where the app lands after sign-in (a substring, or /regex/)
  # cookie: session     # the session cookie the app sets at sign-in

# How the app shows an error (the error-shown expectation); default: its last page answered 4xx/5xx.
# error:
#   text: Sign-in failed

# How a person signs out (the logout step); default: opening "{app}/logout".
# logout:
#   click: { role: button, name: Sign out }

# Pages scenarios may visit by name (\`- visit: profile\`); a page that calls the provider with the
# user's tokens (userinfo, an API) lets scenarios judge what happens after sign-in.
pages:
  profile: "{app}/profile"

provider:
  # HTTPS with a CA made for the run: needed by the tls scenarios, and by apps that refuse an
  # http:// issuer. Your app must trust {ca.path} (see env above).
  https: true
  clients:
    - client_id: demo-app
      # EDIT: your app's callback route. Only {app} and {port} can be used here.
      redirect_uris: ["{app}/callback"]
      post_logout_redirect_uris: ["{app}/"]
`;
