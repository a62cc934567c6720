"""flask-authlib: a Flask app that signs users in with Authlib's Flask OAuth client, the way
Authlib's documentation shows it (OAuth(app), oauth.register with server_metadata_url,
authorize_redirect, authorize_access_token, userinfo, fetch_token/update_token for refresh).
authfault knows it only through authfault.config.yaml.

- Flask reads its own settings from FLASK_* variables (app.config.from_prefixed_env): SECRET_KEY
  for the session cookie, and Authlib reads OIDC_CLIENT_ID and OIDC_CLIENT_SECRET from the Flask
  config for the client registered as "oidc". OIDC_ISSUER and PORT are ours; REQUESTS_CA_BUNDLE
  (read by requests) trusts the provider's CA.
- Library defaults everywhere; the scope is the one Authlib's Flask example registers ("openid
  email profile"): Authlib sends none unless told.
- No OIDC check is added or removed: whatever a verdict says about this app, it says about
  Authlib's defaults.
"""
import html
import json
import os
import secrets

import requests
from authlib.integrations.flask_client import OAuth, OAuthError
from authlib.jose.errors import JoseError
from flask import Flask, redirect, session, url_for

app = Flask(__name__)
app.config.from_prefixed_env()

# Tokens stay on the server, one entry per browser session: the refresh token never travels in
# the (signed, not encrypted) session cookie. Authlib's docs keep them in a database the same way.
TOKENS = {}


def fetch_token(name):
    return TOKENS.get(session.get("sid"))


def update_token(name, token, refresh_token=None, access_token=None):
    if session.get("sid") in TOKENS:
        TOKENS[session["sid"]] = token


oauth = OAuth(app, fetch_token=fetch_token, update_token=update_token)
oauth.register(
    name="oidc",
    server_metadata_url=os.environ["OIDC_ISSUER"] + "/.well-known/openid-configuration",
    client_kwargs={"scope": "openid email profile"},
)


@app.route("/")
def home():
    user = session.get("user")
    if user:
        return page(
            f"Welcome, {user.get('name', user['sub'])}",
            f"<p>Signed in as {esc(user.get('email', user['sub']))}</p>"
            '<p><a href="/profile">Your profile</a> · <a href="/logout">Log out</a></p>',
        )
    return page("Welcome", '<p>You are not signed in.</p><p><a href="/login">Log in</a></p>')


@app.route("/login")
def login():
    return oauth.oidc.authorize_redirect(url_for("auth", _external=True))


@app.route("/auth")
def auth():
    token = oauth.oidc.authorize_access_token()
    session["sid"] = secrets.token_urlsafe(16)
    session["user"] = token["userinfo"]
    TOKENS[session["sid"]] = token
    return redirect("/")


# The UserInfo claims, fetched with the session's access token. Authlib renews an expired access
# token with the refresh token first (fetch_token gives it the token, update_token keeps the new one).
@app.route("/profile")
def profile():
    if "user" not in session:
        return redirect(url_for("login"))
    userinfo = oauth.oidc.userinfo()
    return page(
        "Your profile",
        f"<p>Signed in as {esc(session['user'].get('name', session['user']['sub']))}</p>"
        f"<pre>{esc(json.dumps(userinfo, indent=2))}</pre><p><a href=\"/\">Home</a></p>",
    )


# Authlib leaves sign-out to the app: forgetting the session is what its examples do.
@app.route("/logout")
def logout():
    TOKENS.pop(session.pop("sid", None), None)
    session.pop("user", None)
    return redirect("/")


# Authlib raises OAuthError for an error response or a state that does not match, JoseError for an
# id_token it refuses: a refused login (400). What the provider or the network did wrong on a call
# (requests' errors, raised_for_status) is a bad gateway (RFC 9110 §15.6.3), not our bug.
@app.errorhandler(OAuthError)
@app.errorhandler(JoseError)
def refused(error):
    return failed(400, error)


@app.errorhandler(requests.RequestException)
def upstream(error):
    return failed(502, error)


def failed(status, error):
    app.logger.error("[flask-authlib] %s %s: %s", status, type(error).__name__, error)
    return page("Login failed", f"<p>{esc(str(error))}</p><p><a href=\"/\">Home</a></p>"), status


def page(title, body):
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title></head>'
        f"<body><h1>{esc(title)}</h1>{body}</body></html>"
    )


def esc(text):
    return html.escape(str(text))


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ["PORT"]))
