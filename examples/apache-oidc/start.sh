#!/bin/sh
# Start a private Apache httpd with mod_auth_openidc in the foreground on 127.0.0.1:$PORT (this
# process becomes Apache). Everything it needs (the pages, the run's CA, the pid file, the runtime
# folder) lives in a temporary folder that is removed when Apache ends; nothing under /etc/apache2
# or /var is read or written, and no system service is involved.
#
# Environment (authfault.config.yaml passes it): PORT, APP_URL, OIDC_ISSUER, OIDC_CLIENT_ID,
# OIDC_CLIENT_SECRET, OIDC_CRYPTO_PASSPHRASE, OIDC_CA_FILE (PEM of the CA behind the provider's
# certificate); optional OIDC_LOG_LEVEL (default warn; debug shows every step of the module) and
# APACHE2 (default /usr/sbin/apache2).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
for name in PORT APP_URL OIDC_ISSUER OIDC_CLIENT_ID OIDC_CLIENT_SECRET OIDC_CRYPTO_PASSPHRASE OIDC_CA_FILE; do
  eval "value=\${$name:-}"
  if [ -z "$value" ]; then
    echo "apache-oidc: $name is not set (see examples/apache-oidc/README.md)" >&2
    exit 2
  fi
done
apache2=${APACHE2:-/usr/sbin/apache2}
if [ ! -x "$apache2" ] || [ ! -f /usr/lib/apache2/modules/mod_auth_openidc.so ]; then
  echo "apache-oidc: needs Apache httpd 2.4 and mod_auth_openidc: apt-get install apache2 libapache2-mod-auth-openidc" >&2
  exit 2
fi

# Started as root, Apache serves requests as an unprivileged user (nobody), which must reach the
# pages and the CA: the folder is given to it, and made under /tmp when nobody could not get
# through $TMPDIR (a private folder of root's, say).
base=${TMPDIR:-/tmp}
if [ "$(id -u)" = 0 ]; then
  RUN_USER=nobody
  RUN_GROUP=$(id -gn nobody)
  setpriv --reuid="$RUN_USER" --regid="$RUN_GROUP" --clear-groups test -x "$base" 2>/dev/null || base=/tmp
else
  RUN_USER=$(id -un)
  RUN_GROUP=$(id -gn)
fi
RUN_DIR=$(mktemp -d "$base/authfault-apache-XXXXXX")
cp -R "$here/htdocs" "$RUN_DIR/htdocs"
cp "$OIDC_CA_FILE" "$RUN_DIR/ca.pem"
if [ "$(id -u)" = 0 ]; then chown -R "$RUN_USER:$RUN_GROUP" "$RUN_DIR"; fi
export RUN_DIR RUN_USER RUN_GROUP
export OIDC_LOG_LEVEL="${OIDC_LOG_LEVEL:-warn}"

# Remove the folder once Apache has ended, however it ends: authfault stops an app with SIGTERM to
# its process group and SIGKILL after 3 s, and a trap in this script would not survive the
# SIGKILL. So a watcher in a session of its own looks for Apache's process (this one, once it
# has become Apache below) and removes the folder when it is gone or a zombie nobody reaps.
setsid sh -c '
  while state=$(cut -d" " -f3 "/proc/$1/stat" 2>/dev/null) && [ "$state" != Z ]; do sleep 0.2; done
  rm -rf "$2"
' apache-oidc-cleanup "$$" "$RUN_DIR" </dev/null >/dev/null 2>&1 &

exec "$apache2" -d "$RUN_DIR" -f "$here/httpd.conf" -DFOREGROUND
