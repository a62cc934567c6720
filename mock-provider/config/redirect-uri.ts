/**
 * What RFC 6749 §3.1.2 asks of a redirection endpoint: "The redirection endpoint URI MUST be an
 * absolute URI" and "The endpoint URI MUST NOT include a fragment component." Undefined when
 * `uri` is one; else what is wrong with it, to follow the URI in a message:
 * `"http://x/cb#y" has a fragment ("#y"), which a redirect URI must not have (RFC 6749 §3.1.2)`.
 */
export function redirectUriProblem(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'is not an absolute URL such as http://localhost:3000/callback (RFC 6749 §3.1.2)';
  }
  if (uri.includes('#')) return `has a fragment ("${url.hash || '#'}"), which a redirect URI must not have (RFC 6749 §3.1.2)`;
  return undefined;
}
