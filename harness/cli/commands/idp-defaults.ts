/** Default port of `authfault idp`, so an app's OIDC_ISSUER stays the same between restarts. */
export const IDP_DEFAULT_PORT = 9400;
