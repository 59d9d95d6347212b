import { randomBytes, timingSafeEqual } from 'node:crypto';

export function newLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Host header check against DNS rebinding: a page on evil.example that rebinds its name to
 * 127.0.0.1 still sends `Host: evil.example`, which is not ours.
 */
export function hostAllowed(hostHeader: string | undefined, allowedHosts: readonly string[]): boolean {
  if (!hostHeader) return false;
  return allowedHosts.includes(hostHeader.toLowerCase());
}

/** Origin check against cross-site requests; requests without Origin come from non-browser tools. */
export function originAllowed(origin: string | undefined, allowedHosts: readonly string[]): boolean {
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && allowedHosts.includes(url.host.toLowerCase());
  } catch {
    return false;
  }
}

