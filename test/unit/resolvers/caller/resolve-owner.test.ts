import { describe, expect, it } from 'vitest';
import { resolveOwner } from '../../../../src/resolvers/caller/resolve-owner.ts';
import { customerCaller, guestCaller, sameCaller } from '../../support/callers.ts';
import { expectError, expectOk } from '../../support/results.ts';
import { useCaseDeps } from '../../support/use-case-deps.ts';

describe('resolveOwner', () => {
  it('gives a guest the same owner key on every request without calling Glue', async () => {
    const deps = useCaseDeps();
    const caller = guestCaller();
    const first = expectOk(await resolveOwner(deps, caller));
    expect(expectOk(await resolveOwner(deps, sameCaller(caller)))).toEqual(first);
    expect(first).toMatchObject({ kind: 'guest', customerReference: null });
    expect(first.key).toMatch(/^g_/);
    expect(expectOk(await resolveOwner(deps, guestCaller())).key).not.toBe(first.key);
    expect(deps.glue.calls).toEqual([]);
  });

  it('asks Glue for a customer’s reference once and caches it for five minutes when the token is no JWT', async () => {
    const deps = useCaseDeps();
    const caller = customerCaller({ customerReference: 'DE--C7' });
    const first = expectOk(await resolveOwner(deps, caller));
    expect(first).toMatchObject({ kind: 'customer', customerReference: 'DE--C7' });
    expect(first.key).toMatch(/^c_/);
    expectOk(await resolveOwner(deps, sameCaller(caller)));
    expect(deps.glue.callsOf('customerReference')).toHaveLength(1);
    deps.clock.advance(300_000);
    expect(expectOk(await resolveOwner(deps, sameCaller(caller))).key).toBe(first.key);
    expect(deps.glue.callsOf('customerReference')).toHaveLength(2);
  });

  it('answers AuthenticationFailedError when Glue refuses the token', async () => {
    const deps = useCaseDeps();
    const caller = { ...customerCaller(), identity: { kind: 'customer' as const, accessToken: 'expired' } };
    expectError(await resolveOwner(deps, caller), 'AUTHENTICATION_FAILED');
  });
});
