/**
 * The starter scenarios `authfault init` writes: one positive control and two attacks, the
 * smallest set that shows the format and cannot be passed by an app that refuses everything.
 * Their ids differ from the bundled suite's, so both can run together.
 */
export const SCENARIO_DIR = 'authfault/scenarios';

const HEADER = `# yaml-language-server: $schema=../../node_modules/authfault/scenarios/schema.json
#
# A starter scenario written by \`authfault init\`; copy it to write your own. \`npx authfault faults\`
# lists every fault kind; the bundled suite (node_modules/authfault/scenarios) has one scenario for
# each.
`;

export const SCENARIO_TEMPLATES: readonly { file: string; text: string }[] = [
  {
    file: 'happy-path.yaml',
    text: `${HEADER}id: starter-happy-path
title: A user signs in when the provider behaves correctly
category: oauth-flow
severity: must
references: [OIDC Core §3.1]
description: >
  The positive control: with no fault injected the app must sign the user in. Without it, an app
  that refuses every login would pass every attack below.
faults: []
steps:
  - login: alice        # start the app's login, sign in at the provider as alice, come back
expect:
  app: signed-in        # judged by signed-in in authfault.config.yaml
  idp:
    # The provider's journal: the app redeemed the code exactly once.
    - count: { endpoint: token, grant_type: authorization_code, min: 1, max: 1 }
`,
  },
  {
    file: 'state-tampered.yaml',
    text: `${HEADER}id: starter-state-tampered
title: A callback whose state was tampered with is refused
category: oauth-flow
severity: must
references: [RFC 6749 §10.12, RFC 9700 §4.7]
description: >
  The provider sends the browser back with a state the app never issued, as a login-CSRF attacker
  would. The app must refuse before it redeems the code.
faults:
  - kind: state.tampered
steps:
  - login: alice
expect:
  app: refused          # not signed in, and no 5xx or crash
  idp:
    - no-request: token # it never redeemed the code
`,
  },
  {
    file: 'token-expired.yaml',
    text: `${HEADER}id: starter-token-expired
title: An id_token that expired six minutes ago is refused
category: tokens
severity: must
references: [OIDC Core §3.1.3.7, RFC 7519 §4.1.4]
description: >
  The token endpoint answers with an id_token whose exp passed six minutes ago, beyond any
  reasonable clock tolerance. The app must not sign the user in with it.
faults:
  - kind: token.expired
    token: id_token
    by_s: 360
steps:
  - login: alice
expect:
  app: refused
`,
  },
];
