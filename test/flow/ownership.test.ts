import { describe, expect, it } from 'vitest';
import { anonymousId } from '../support/fixtures.ts';
import type { Sdk } from '../support/stack.ts';
import { useStack } from '../support/stack.ts';
import { customerWithPayment, guestWithPayment, type Payment, placeSuccess, unknownPaymentId } from './helpers.ts';

const stack = useStack();

interface Owned {
  readonly cartId: string;
  readonly sdk: Sdk;
  readonly payment: Payment;
}

const owners: { name: string; arrange: () => Promise<Owned> }[] = [
  { name: "a guest's", arrange: () => guestWithPayment(stack) },
  { name: "a customer's", arrange: () => customerWithPayment(stack) },
];

async function strangers(): Promise<{ name: string; sdk: Sdk }[]> {
  const other = await stack.control.createCustomer();
  return [
    { name: 'another guest', sdk: stack.guestSdk(anonymousId()) },
    { name: 'another customer', sdk: stack.customerSdk(other.accessToken) },
  ];
}

async function upstreamWrites() {
  return {
    cancellations: await stack.control.count('POST /payment-cancellations'),
    checkouts: await stack.control.count('POST /checkout'),
  };
}

/** Everything a stranger can try on someone else's payment; each must look like an unknown id. */
async function expectInvisibleTo(stranger: Sdk, owned: Owned) {
  expect((await stranger.PreOrderPayment({ id: owned.payment.id })).preOrderPayment).toBeNull();
  expect((await stranger.ActivePreOrderPayment({ cartId: owned.cartId })).activePreOrderPayment).toBeNull();
  const cancel = (await stranger.CancelPreOrderPayment({ input: { preOrderPaymentId: owned.payment.id } }))
    .cancelPreOrderPayment;
  expect(cancel).toMatchObject({
    __typename: 'PreOrderPaymentNotFoundError',
    code: 'PRE_ORDER_PAYMENT_NOT_FOUND',
    retryable: false,
  });
  const place = (await stranger.PlaceOrder({ input: { preOrderPaymentId: owned.payment.id } })).placeOrder;
  expect(place).toMatchObject({
    __typename: 'PreOrderPaymentNotFoundError',
    code: 'PRE_ORDER_PAYMENT_NOT_FOUND',
    retryable: false,
  });
  return { cancel, place };
}

describe('ownership', () => {
  for (const owner of owners) {
    it(`hides ${owner.name} INITIALIZED payment from another guest and another customer: null reads, not-found cancel and place, nothing sent to Glue`, async () => {
      const owned = await owner.arrange();
      const before = await upstreamWrites();
      for (const stranger of await strangers()) await expectInvisibleTo(stranger.sdk, owned);
      expect(await upstreamWrites()).toEqual(before);
      // The owner still sees it unchanged, and can still place it.
      const own = (await owned.sdk.PreOrderPayment({ id: owned.payment.id })).preOrderPayment;
      expect(own?.status).toBe('INITIALIZED');
      expect(own?.events.map((event) => event.type)).toEqual(['INITIALIZED']);
      expect((await owned.sdk.ActivePreOrderPayment({ cartId: owned.cartId })).activePreOrderPayment?.id).toBe(
        owned.payment.id,
      );
      placeSuccess((await owned.sdk.PlaceOrder({ input: { preOrderPaymentId: owned.payment.id } })).placeOrder);
    });

    it(`hides ${owner.name} ORDER_PLACED payment from another guest and another customer, without revealing the order`, async () => {
      const owned = await owner.arrange();
      const placed = placeSuccess(
        (await owned.sdk.PlaceOrder({ input: { preOrderPaymentId: owned.payment.id } })).placeOrder,
      );
      const before = await upstreamWrites();
      for (const stranger of await strangers()) {
        const { cancel, place } = await expectInvisibleTo(stranger.sdk, owned);
        // Not OrderAlreadyPlacedError / a replayed success: those would leak the order reference.
        expect(JSON.stringify([cancel, place])).not.toContain(placed.order.orderReference);
      }
      expect(await upstreamWrites()).toEqual(before);
      const own = (await owned.sdk.PreOrderPayment({ id: owned.payment.id })).preOrderPayment;
      expect(own?.status).toBe('ORDER_PLACED');
      expect(own?.orderReference).toBe(placed.order.orderReference);
    });
  }

  it("does not let a guest whose anonymous id is the customer's customerReference see or touch the customer's payment", async () => {
    const owned = await customerWithPayment(stack);
    const impostor = stack.guestSdk(owned.account.customerReference);
    const before = await upstreamWrites();
    await expectInvisibleTo(impostor, owned);
    expect(await upstreamWrites()).toEqual(before);
  });

  it('answers a foreign, an unknown and a malformed id with the same not-found result, and sends nothing to Glue', async () => {
    const owned = await guestWithPayment(stack);
    const stranger = stack.guestSdk(anonymousId());
    const ids = [
      owned.payment.id,
      unknownPaymentId(),
      'not-a-payment-id',
      'pop_',
      `${owned.payment.id}x`,
      ' ',
      'pop_../../etc/passwd',
    ];
    const before = await upstreamWrites();
    const answers: unknown[] = [];
    for (const id of ids) {
      expect((await stranger.PreOrderPayment({ id })).preOrderPayment).toBeNull();
      const cancel = (await stranger.CancelPreOrderPayment({ input: { preOrderPaymentId: id } })).cancelPreOrderPayment;
      const place = (await stranger.PlaceOrder({ input: { preOrderPaymentId: id } })).placeOrder;
      answers.push(cancel, place);
    }
    // Indistinguishable: the very same type, code, message and retry hints for every id.
    const distinct = new Set(answers.map((answer) => JSON.stringify(answer)));
    expect(distinct.size).toBe(1);
    expect(answers[0]).toMatchObject({
      __typename: 'PreOrderPaymentNotFoundError',
      code: 'PRE_ORDER_PAYMENT_NOT_FOUND',
      retryable: false,
      retryAfterSeconds: null,
    });
    expect(await upstreamWrites()).toEqual(before);
  });

  it("answers the owner's own malformed id not-found too, and a stranger's cart id for activePreOrderPayment null", async () => {
    const owned = await guestWithPayment(stack);
    expect((await owned.sdk.PreOrderPayment({ id: 'garbage' })).preOrderPayment).toBeNull();
    const cancel = (await owned.sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: 'garbage' } }))
      .cancelPreOrderPayment;
    expect(cancel.__typename).toBe('PreOrderPaymentNotFoundError');
    expect((await owned.sdk.ActivePreOrderPayment({ cartId: 'not a cart id!' })).activePreOrderPayment).toBeNull();
    expect((await owned.sdk.PreOrderPayment({ id: owned.payment.id })).preOrderPayment?.status).toBe('INITIALIZED');
  });
});
