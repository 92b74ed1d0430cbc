/**
 * Where to go after signing in: the `next` a worker page sent the merchant to sign in with (a
 * NextEngine launch that arrived while signed out, worker/http/routes/nextengine.ts). Only ever a
 * path on this origin — an absolute URL, a protocol-relative `//host`, a `/\host` that browsers read
 * as one, or anything that resolves elsewhere is ignored, so a crafted sign-in link cannot send a
 * merchant who just typed a password to another site.
 */
export function safeNextPath(search: string, origin: string): string | null {
  const next = new URLSearchParams(search).get("next");
  if (!next || !next.startsWith("/") || next.startsWith("//") || /[\\\u0000-\u001f\u007f\s]/.test(next)) return null;
  let target: URL;
  try {
    target = new URL(next, origin);
  } catch {
    return null;
  }
  if (target.origin !== new URL(origin).origin) return null;
  return `${target.pathname}${target.search}${target.hash}`;
}
