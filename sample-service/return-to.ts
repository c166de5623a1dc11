/**
 * The local path to return to after sign-in. Only same-origin paths are accepted (`/…`, not `//host` or `/\host`,
 * which browsers read as another host), so `/login?returnTo=` can never become an open redirect.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return '/';
  if (value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (/[\u0000-\u001f\u007f]/.test(value)) return '/';
  return value;
}
