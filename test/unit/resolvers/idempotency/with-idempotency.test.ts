import { describe, expect, it, vi } from 'vitest';
import { Errors, type GatewayError } from '../../../../src/domain/errors.ts';
import type { Owner } from '../../../../src/domain/identity.ts';
import type { OwnerKey } from '../../../../src/domain/ids.ts';
import type { IdempotentOperation } from '../../../../src/domain/ports/idempotency-store.ts';
import { err, ok, type Result } from '../../../../src/domain/result.ts';
import { cancelPreOrderPayment } from '../../../../src/resolvers/cancel/cancel-pre-order-payment.ts';
import {
  type IdempotentRun,
  inputFingerprint,
  withIdempotency,
} from '../../../../src/resolvers/idempotency/with-idempotency.ts';
import { initializePreOrderPayment } from '../../../../src/resolvers/initialize/initialize-pre-order-payment.ts';
import { placeOrder } from '../../../../src/resolvers/place-order/place-order.ts';
import { address, initializeInput } from '../../../support/fixtures.ts';
import { guestCaller, sameCaller } from '../../support/callers.ts';
import { deferred, initializedPayment } from '../../support/payments.ts';
import { expectError, expectOk } from '../../support/results.ts';
import { type TestDeps, useCaseDeps } from '../../support/use-case-deps.ts';

interface Done {
  readonly id: string;
  readonly replayed: boolean;
}

const GUEST: Owner = { key: 'g_owner-one' as OwnerKey, kind: 'guest', customerReference: null };

interface RunOptions {
  readonly key?: string | null;
  readonly input?: Record<string, unknown>;
  readonly owner?: Owner;
  readonly operation?: IdempotentOperation;
  readonly run?: () => Promise<Result<Done, GatewayError>>;
}

/** One idempotent run of a counted action that succeeds with id `pop-1` unless told otherwise. */
function idempotentRun(options: RunOptions = {}) {
  const run = vi.fn(options.run ?? (async () => ok({ id: 'pop-1', replayed: false })));
  const replay = vi.fn(async (outcome: { preOrderPaymentId: string }) =>
    ok({ id: outcome.preOrderPaymentId, replayed: true }),
  );
  const key = options.key === undefined ? 'key-1' : options.key;
  const input = { cartId: 'cart-1', ...options.input, idempotencyKey: key };
  const spec: IdempotentRun<Done> = {
    operation: options.operation ?? 'initializePreOrderPayment',
    owner: options.owner ?? GUEST,
    key,
    input,
    prefetch: async () => undefined,
    run,
    remember: (value) => ({ kind: 'success', preOrderPaymentId: value.id }),
    replay,
  };
  return { spec, run, replay };
}

async function stored(deps: TestDeps, key = 'key-1') {
  const read = await deps.idempotency.get({ operation: 'initializePreOrderPayment', ownerKey: GUEST.key, key });
  return read.ok ? read.value : 'unavailable';
}

/**
 * A first run that is held in flight until `gate.resolve()` and then answers `outcome`, and a
 * second run with the same key and input.
 */
function runInFlight(outcome: Result<Done, GatewayError>) {
  const gate = deferred<void>();
  const first = idempotentRun({
    run: async () => {
      await gate.promise;
      return outcome;
    },
  });
  return { gate, first, second: idempotentRun() };
}

/** Any mutation input; the key is optional. */
const fingerprintOf = (input: Record<string, unknown>) => inputFingerprint(input);

describe('inputFingerprint', () => {
  it('ignores the idempotency key and the order of keys, and differs for different inputs', () => {
    expect(fingerprintOf({ cartId: 'c', idempotencyKey: 'k1' })).toBe(
      fingerprintOf({ cartId: 'c', idempotencyKey: 'k2' }),
    );
    const a = { cartId: 'c', shipments: [{ id: 1 }], idempotencyKey: 'k' };
    const b = { shipments: [{ id: 1 }], cartId: 'c' };
    expect(fingerprintOf(a)).toBe(fingerprintOf(b));
    expect(fingerprintOf({ cartId: 'c' })).not.toBe(fingerprintOf({ cartId: 'd' }));
  });
});

describe('withIdempotency (docs/idempotency.md)', () => {
  it('runs every time and remembers nothing without a key', async () => {
    const deps = useCaseDeps();
    const { spec, run } = idempotentRun({ key: null });
    expectOk(await withIdempotency(deps, spec));
    expectOk(await withIdempotency(deps, spec));
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('answers the same key with the same input by replaying the remembered ids, without running again', async () => {
    const deps = useCaseDeps();
    const { spec, run, replay } = idempotentRun();
    expect(expectOk(await withIdempotency(deps, spec))).toEqual({ id: 'pop-1', replayed: false });
    expect(expectOk(await withIdempotency(deps, spec))).toEqual({ id: 'pop-1', replayed: true });
    expect(run).toHaveBeenCalledTimes(1);
    expect(replay).toHaveBeenCalledWith({ kind: 'success', preOrderPaymentId: 'pop-1' });
  });

  it('answers IdempotencyKeyConflictError for the same key with another input, and does nothing', async () => {
    const deps = useCaseDeps();
    const first = idempotentRun();
    expectOk(await withIdempotency(deps, first.spec));
    const other = idempotentRun({ input: { cartId: 'cart-2' } });
    expectError(await withIdempotency(deps, other.spec), 'IDEMPOTENCY_KEY_CONFLICT');
    expect(other.run).not.toHaveBeenCalled();
  });

  it('remembers a non-retryable error and answers it again without running', async () => {
    const deps = useCaseDeps();
    const { spec, run } = idempotentRun({ run: async () => err(Errors.cartEmpty('cart-1')) });
    expectError(await withIdempotency(deps, spec), 'CART_EMPTY');
    expect(await withIdempotency(deps, spec)).toEqual(err(Errors.cartEmpty('cart-1')));
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('does not remember a retryable error: the retry with the same key runs again', async () => {
    const deps = useCaseDeps();
    const outcomes = [err(Errors.upstreamUnavailable()), ok({ id: 'pop-1', replayed: false })];
    const { spec, run } = idempotentRun({ run: async () => outcomes.shift() ?? err(Errors.inProgress()) });
    expectError(await withIdempotency(deps, spec), 'UPSTREAM_UNAVAILABLE');
    expect(await stored(deps)).toBeNull();
    expect(expectOk(await withIdempotency(deps, spec)).replayed).toBe(false);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('waits for a run in flight with the same key and answers its result, replayed', async () => {
    const deps = useCaseDeps({ settings: { waitMs: 2000 } });
    const { gate, first, second } = runInFlight(ok({ id: 'pop-1', replayed: false }));
    const running = withIdempotency(deps, first.spec);
    const waiting = withIdempotency(deps, second.spec);
    setTimeout(() => gate.resolve(), 30);
    expect(expectOk(await running).replayed).toBe(false);
    expect(expectOk(await waiting)).toEqual({ id: 'pop-1', replayed: true });
    expect(second.run).not.toHaveBeenCalled();
  });

  it('answers OperationInProgressError when the run in flight outlasts the wait budget', async () => {
    const deps = useCaseDeps({ settings: { waitMs: 60 } });
    const { gate, first, second } = runInFlight(ok({ id: 'pop-1', replayed: false }));
    const running = withIdempotency(deps, first.spec);
    expectError(await withIdempotency(deps, second.spec), 'OPERATION_IN_PROGRESS');
    gate.resolve();
    expectOk(await running);
    expect(second.run).not.toHaveBeenCalled();
  });

  it('runs a waiting request itself when the run in flight ended with a retryable error', async () => {
    const deps = useCaseDeps({ settings: { waitMs: 2000 } });
    const { gate, first, second } = runInFlight(err(Errors.upstreamUnavailable()));
    const running = withIdempotency(deps, first.spec);
    const waiting = withIdempotency(deps, second.spec);
    setTimeout(() => gate.resolve(), 30);
    expectError(await running, 'UPSTREAM_UNAVAILABLE');
    expect(expectOk(await waiting)).toEqual({ id: 'pop-1', replayed: false });
    expect(second.run).toHaveBeenCalledTimes(1);
  });

  it('reads the prefetch alongside the key lookup, runs from it, and reads afresh for a later run', async () => {
    const deps = useCaseDeps({ settings: { waitMs: 2000 } });
    const { gate, first } = runInFlight(err(Errors.upstreamUnavailable()));
    const running = withIdempotency(deps, first.spec);
    let reads = 0;
    const lookupsAtRead: number[] = [];
    const begin = deps.idempotency.begin.bind(deps.idempotency);
    let lookups = 0;
    deps.idempotency.begin = (...args) => {
      lookups += 1;
      return begin(...args);
    };
    const run = vi.fn(async (read: number) => ok({ id: `pop-read-${read}`, replayed: false }));
    const waiting = withIdempotency(deps, {
      ...idempotentRun().spec,
      prefetch: async () => {
        lookupsAtRead.push(lookups);
        reads += 1;
        return reads;
      },
      run,
    });
    setTimeout(() => gate.resolve(), 30);
    expectError(await running, 'UPSTREAM_UNAVAILABLE');
    // The first read was sent before the key's lookup answered (in the same turn); that lookup found
    // the run in flight, so the run that followed its retryable end started from a second read.
    expect(expectOk(await waiting).id).toBe('pop-read-2');
    expect(run).toHaveBeenCalledWith(2);
    expect(lookupsAtRead[0]).toBe(0);

    // A replay reads nothing it would use: its prefetch is dropped, the run not started.
    const replayed = idempotentRun({ key: 'key-2' });
    const replayRead = vi.fn(async () => undefined);
    expectOk(await withIdempotency(deps, { ...replayed.spec, prefetch: replayRead }));
    expect(expectOk(await withIdempotency(deps, { ...replayed.spec, prefetch: replayRead })).replayed).toBe(true);
    expect(replayed.run).toHaveBeenCalledTimes(1);
    expect(replayed.run).toHaveBeenCalledWith(undefined);
  });

  it('answers a conflict at once, without waiting, when the run in flight has another input', async () => {
    const deps = useCaseDeps({ settings: { waitMs: 5000 } });
    const { gate, first } = runInFlight(ok({ id: 'pop-1', replayed: false }));
    const running = withIdempotency(deps, first.spec);
    const startedAt = Date.now();
    expectError(
      await withIdempotency(deps, idempotentRun({ input: { cartId: 'x' } }).spec),
      'IDEMPOTENCY_KEY_CONFLICT',
    );
    expect(Date.now() - startedAt).toBeLessThan(1000);
    gate.resolve();
    expectOk(await running);
  });

  it('scopes keys by owner and by operation', async () => {
    const deps = useCaseDeps();
    const first = idempotentRun();
    const otherOwner = idempotentRun({ owner: { ...GUEST, key: 'g_owner-two' as OwnerKey } });
    const otherOperation = idempotentRun({ operation: 'placeOrder' });
    for (const { spec } of [first, otherOwner, otherOperation]) expectOk(await withIdempotency(deps, spec));
    expect(first.run).toHaveBeenCalledTimes(1);
    expect(otherOwner.run).toHaveBeenCalledTimes(1);
    expect(otherOperation.run).toHaveBeenCalledTimes(1);
  });

  it('forgets the claim when the run throws, so the next request with the key runs', async () => {
    const deps = useCaseDeps();
    const failing = idempotentRun({
      run: async () => {
        throw new Error('bug');
      },
    });
    await expect(withIdempotency(deps, failing.spec)).rejects.toThrow('bug');
    expect(await stored(deps)).toBeNull();
    const next = idempotentRun();
    expectOk(await withIdempotency(deps, next.spec));
    expect(next.run).toHaveBeenCalledTimes(1);
  });

  it('forgets a remembered outcome after IDEMPOTENCY_TTL_SECONDS', async () => {
    const deps = useCaseDeps();
    const { spec, run } = idempotentRun();
    expectOk(await withIdempotency(deps, spec));
    deps.clock.advance(deps.settings.idempotencyTtlSeconds * 1000);
    expect(expectOk(await withIdempotency(deps, spec)).replayed).toBe(false);
    expect(run).toHaveBeenCalledTimes(2);
  });
});

describe('idempotency keys on the three mutations', () => {
  it('initializePreOrderPayment: the same key and input answers the same payment, replayed, with one POST /payments', async () => {
    const deps = useCaseDeps();
    const caller = guestCaller();
    const input = { ...initializeInput(deps.glue.addCart()), idempotencyKey: 'init-1' };
    const first = expectOk(await initializePreOrderPayment(deps, caller, input));
    const again = expectOk(await initializePreOrderPayment(deps, sameCaller(caller), input));
    expect(again).toMatchObject({ replayed: true, record: { id: first.record.id } });
    expect(deps.glue.callsOf('createPayment')).toHaveLength(1);
  });

  it('initializePreOrderPayment: the same key with other shipments answers IdempotencyKeyConflictError and writes nothing', async () => {
    const deps = useCaseDeps();
    const caller = guestCaller();
    const cartId = deps.glue.addCart();
    expectOk(await initializePreOrderPayment(deps, caller, { ...initializeInput(cartId), idempotencyKey: 'init-1' }));
    const changed = initializeInput(cartId, {
      shipments: [{ shipmentMethodId: 2, shippingAddress: address() }],
      idempotencyKey: 'init-1',
    });
    expectError(await initializePreOrderPayment(deps, sameCaller(caller), changed), 'IDEMPOTENCY_KEY_CONFLICT');
    expect(deps.glue.writes()).toHaveLength(1);
  });

  it('placeOrder: the same key answers the same order, replayed, with exactly one checkout', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    const input = { preOrderPaymentId: record.id, idempotencyKey: 'place-1' };
    const first = expectOk(await placeOrder(deps, sameCaller(caller), input));
    const again = expectOk(await placeOrder(deps, sameCaller(caller), input));
    expect(again).toMatchObject({ replayed: true, order: first.order });
    expect(deps.glue.callsOf('checkout')).toHaveLength(1);
  });

  it('placeOrder: a remembered CheckoutRejectedError is answered again without a checkout', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    deps.glue.next('checkout', { kind: 'rejected', upstream: { status: 422, code: '1101' }, violations: [] });
    const input = { preOrderPaymentId: record.id, idempotencyKey: 'place-1' };
    expectError(await placeOrder(deps, sameCaller(caller), input), 'CHECKOUT_REJECTED');
    expectError(await placeOrder(deps, sameCaller(caller), input), 'CHECKOUT_REJECTED');
    expect(deps.glue.callsOf('checkout')).toHaveLength(1);
  });

  it('placeOrder: after a retryable failure the same key runs again and places the order', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    deps.glue.next('checkout', { kind: 'not-sent', retryAfterSeconds: null });
    const input = { preOrderPaymentId: record.id, idempotencyKey: 'place-1' };
    expectError(await placeOrder(deps, sameCaller(caller), input), 'UPSTREAM_UNAVAILABLE');
    expect(expectOk(await placeOrder(deps, sameCaller(caller), input)).replayed).toBe(false);
    expect(deps.glue.callsOf('checkout')).toHaveLength(2);
  });

  it('cancelPreOrderPayment: the same key answers the cancellation again, replayed, with one upstream call', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    const input = { preOrderPaymentId: record.id, idempotencyKey: 'cancel-1' };
    expect(expectOk(await cancelPreOrderPayment(deps, sameCaller(caller), input)).replayed).toBe(false);
    expect(expectOk(await cancelPreOrderPayment(deps, sameCaller(caller), input))).toMatchObject({
      replayed: true,
      record: { status: 'CANCELED' },
    });
    expect(deps.glue.callsOf('cancelPayment')).toHaveLength(1);
  });

  it.each([
    ['empty', ''],
    ['256 characters', '!'.repeat(256)],
    ['a space', 'key 1'],
    ['a non-ASCII character', 'schlüssel'],
  ])('refuses a key that is %s as VALIDATION_FAILED at input.idempotencyKey in every mutation', async (_, key) => {
    const deps = useCaseDeps();
    const { caller, cartId, record } = await initializedPayment(deps);
    const callsBefore = deps.glue.calls.length;
    const answers = [
      await initializePreOrderPayment(deps, sameCaller(caller), { ...initializeInput(cartId), idempotencyKey: key }),
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id, idempotencyKey: key }),
      await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id, idempotencyKey: key }),
    ];
    for (const answer of answers) {
      expect(expectError(answer, 'VALIDATION_FAILED').violations.map((violation) => violation.path)).toEqual([
        'input.idempotencyKey',
      ]);
    }
    expect(deps.glue.calls).toHaveLength(callsBefore);
  });

  it('accepts a key of 255 printable ASCII characters', async () => {
    const deps = useCaseDeps();
    const input = { ...initializeInput(deps.glue.addCart()), idempotencyKey: `~${'!'.repeat(253)}~` };
    expectOk(await initializePreOrderPayment(deps, guestCaller(), input));
  });
});
