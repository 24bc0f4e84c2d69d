import { createHmac, hash } from 'node:crypto';
import type { OwnerKey } from './ids.ts';

/** Owner keys are HMACs, so a leaked store never reveals anonymous ids or customer references. */
export function guestOwnerKey(secret: string, anonymousId: string): OwnerKey {
  return `g_${createHmac('sha256', secret).update(`guest\0${anonymousId}`).digest('base64url')}` as OwnerKey;
}

export function customerOwnerKey(secret: string, customerReference: string): OwnerKey {
  return `c_${createHmac('sha256', secret).update(`customer\0${customerReference}`).digest('base64url')}` as OwnerKey;
}

/** Where a token's customerReference is cached: a hash, never the token itself. */
export function tokenHash(accessToken: string): string {
  return hash('sha256', accessToken, 'base64url');
}

/**
 * Seconds a token may still be used, read from a JWT `exp` claim without verifying it (Glue
 * verifies; this only bounds a cache). Unknown shapes get the fallback.
 */
export function tokenLifetimeSeconds(accessToken: string, nowMs: number, fallbackSeconds: number): number {
  const payload = accessToken.split('.')[1];
  if (!payload) return fallbackSeconds;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const exp = typeof claims === 'object' && claims !== null && 'exp' in claims ? Number(claims.exp) : NaN;
    if (!Number.isFinite(exp)) return fallbackSeconds;
    return Math.max(0, Math.min(Math.floor(exp - nowMs / 1000), 24 * 3600));
  } catch {
    return fallbackSeconds;
  }
}
