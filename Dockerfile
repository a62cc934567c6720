# authfault for teams without Node: Node 20, authfault built from this repository, and Debian's
# chromium-headless-shell, which runs the scenarios.
#
# The install steps are exactly .ci/run's, which CI runs on every change: Debian's
# chromium-headless-shell from apt, then `npm ci` (which builds dist/ through the prepare script).
# This file itself has never been built by the project: its machines have no Docker engine.
# test/docs/dockerfile.test.ts holds it to .ci/run's packages and commands.
FROM node:20-bookworm-slim

RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/authfault
COPY . .
RUN npm ci

ENV AUTHFAULT_BROWSER=/usr/bin/chromium-headless-shell
WORKDIR /work
ENTRYPOINT ["node", "/opt/authfault/dist/harness/cli/main.js"]
CMD ["--help"]
