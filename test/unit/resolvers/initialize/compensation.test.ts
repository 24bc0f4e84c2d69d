import { describe, expect, it } from 'vitest';
import type { CartId } from '../../../../src/domain/ids.ts';
import { initializePreOrderPayment } from '../../../../src/resolvers/initialize/initialize-pre-order-payment.ts';
import { initializeInput, SKU } from '../../../support/fixtures.ts';
import { makeRecord } from '../../../support/records.ts';
import { guestCaller, sameCaller } from '../../support/callers.ts';
import { initializedPayment, rewrite, storedPayment } from '../../support/payments.ts';
import { expectError } from '../../support/results.ts';
import { useCaseDeps } from '../../support/use-case-deps.ts';

/** docs/initialize.md item 6: never a provider payment without a record. */
describe('initialization compensation (docs/initialize.md item 6)', () => {
  it('cancels the new provider payment and answers UpstreamUnavailableError when the record cannot be written', async () => {
    const deps = useCaseDeps();
    const cartId = deps.glue.addCart();
    const held = deps.glue.hold('createPayment');
    const pending = initializePreOrderPayment(deps, guestCaller(), initializeInput(cartId));
    await held.reached;
    await deps.store.close();
    held.release();

    expectError(await pending, 'UPSTREAM_UNAVAILABLE');
    const [transaction] = deps.glue.transactions;
    expect(deps.glue.writes().map((call) => call.method)).toEqual(['createPayment', 'cancelPayment']);
    const cancel = deps.glue.requestsOf('cancelPayment')[0];
    expect(cancel?.preOrderPaymentData).toMatchObject({ transactionId: transaction?.transactionId });
    expect(transaction?.status).toBe('canceled');
    expect(deps.logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        fields: expect.objectContaining({ cartId, transactionId: transaction?.transactionId, outcome: 'canceled' }),
      }),
    );
  });

  it('logs an error naming the outcome when the compensating cancellation fails too', async () => {
    const deps = useCaseDeps();
    const cartId = deps.glue.addCart();
    const held = deps.glue.hold('createPayment');
    deps.glue.next('cancelPayment', { kind: 'unavailable', upstream: { status: 503 }, retryAfterSeconds: null });
    const pending = initializePreOrderPayment(deps, guestCaller(), initializeInput(cartId));
    await held.reached;
    await deps.store.close();
    held.release();

    expectError(await pending, 'UPSTREAM_UNAVAILABLE');
    expect(deps.glue.transactions[0]?.status).toBe('open');
    const failure = deps.logger.entries.find((entry) => entry.level === 'error');
    expect(failure?.message).toMatch(/^compensation FAILED/);
    expect(failure?.fields).toMatchObject({ cartId, outcome: 'unavailable' });
  });

  it('cancels the new provider payment and answers OperationInProgressError when another payment took the cart meanwhile', async () => {
    const deps = useCaseDeps();
    const cartId = deps.glue.addCart();
    const held = deps.glue.hold('createPayment');
    const pending = initializePreOrderPayment(deps, guestCaller(), initializeInput(cartId));
    await held.reached;
    const other = makeRecord({ cartId: cartId as CartId, status: 'INITIALIZED', placement: null });
    const created = await deps.store.create(other, {
      expectedCurrentId: null,
      ttlSeconds: deps.settings.recordTtlSeconds,
      expiresInMs: 1_800_000,
    });
    expect(created).toMatchObject({ ok: true, value: { kind: 'created' } });
    held.release();

    expectError(await pending, 'OPERATION_IN_PROGRESS');
    expect(deps.glue.transactions[0]?.status).toBe('canceled');
    const current = await deps.store.getCurrentForCart(cartId as CartId);
    expect(current.ok && current.value?.id).toBe(other.id);
  });

  it('cancels a replacement transaction when a re-initialization lost its record to a concurrent change', async () => {
    const deps = useCaseDeps();
    const first = await initializedPayment(deps);
    deps.glue.setQuantity(first.cartId, SKU, 3);
    const replacement = {
      transactionId: 'tx_replacement',
      clientSecret: 'tx_replacement_secret',
      publishableKey: 'pk',
    };
    const held = deps.glue.hold('createPayment');
    deps.glue.next('createPayment', {
      kind: 'created',
      preOrderPaymentData: replacement,
      transactionId: 'tx_replacement',
    });
    deps.glue.next('cancelPayment', { kind: 'canceled' });
    const pending = initializePreOrderPayment(deps, sameCaller(first.caller), initializeInput(first.cartId));
    await held.reached;
    await rewrite(deps, first.record, { status: 'CANCELING' });
    held.release();

    expectError(await pending, 'OPERATION_IN_PROGRESS');
    const cancel = deps.glue.requestsOf('cancelPayment')[0];
    expect(cancel?.preOrderPaymentData).toEqual(replacement);
    const stored = await storedPayment(deps, first.record.id);
    expect(stored).toMatchObject({ status: 'CANCELING', transactionId: first.record.transactionId });
  });

  it('sends no cancellation when a re-initialization that lost its record kept the provider’s transaction', async () => {
    const deps = useCaseDeps();
    const first = await initializedPayment(deps);
    deps.glue.setQuantity(first.cartId, SKU, 3);
    const held = deps.glue.hold('createPayment');
    const pending = initializePreOrderPayment(deps, sameCaller(first.caller), initializeInput(first.cartId));
    await held.reached;
    await rewrite(deps, first.record, { status: 'CANCELING' });
    held.release();

    expectError(await pending, 'OPERATION_IN_PROGRESS');
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
  });
});
