/** Default port of `authfault idp`, so an app's OIDC_ISSUER stays the same between restarts. */
export const IDP_DEFAULT_PORT = 9400;

/** The state folder's name, next to the config file (`authfault init` adds it to .gitignore). */
export const STATE_DIR = '.authfault';
