import { DEMO_SHOPPER } from '../sandbox/domain/seed.ts';
import { createGlueClient } from '../src/adapters/glue/glue-client.ts';
import { createGlueHttp } from '../src/adapters/glue/http.ts';
import { createRequestGlue } from '../src/adapters/glue/loaders.ts';
import type { Caller } from '../src/domain/identity.ts';
import type { CartSnapshot, CheckoutDataSnapshot } from '../src/domain/ports/glue-port.ts';
import { inParallel, newGuestCart } from './gateway-client.ts';

export interface DirectItem {
  readonly caller: Caller;
  readonly cartId: string;
  readonly preOrderPaymentData: Readonly<Record<string, unknown>> | null;
}

const inputs = {
  customer: DEMO_SHOPPER.customer,
  billingAddress: DEMO_SHOPPER.address,
  shipments: [{ shipmentMethodId: 1, shippingAddress: DEMO_SHOPPER.address }],
};

/**
 * "Direct": a client making exactly the Glue calls the gateway makes for an operation (our own Glue
 * client, so the same requests): the cart and /checkout-data together, then /payments or /checkout.
 */
export class DirectClient {
  private readonly http: ReturnType<typeof createGlueHttp>;
  private readonly glueUrl: string;
  constructor(glueUrl: string) {
    this.http = createGlueHttp({ baseUrl: glueUrl, timeoutMs: 10_000, resilience: false, connections: 256 });
    this.glueUrl = glueUrl;
  }

  private async reads(item: DirectItem) {
    const glue = createRequestGlue(createGlueClient({ http: this.http }));
    const cartRead = glue.cart(item.caller, item.cartId, { fresh: true });
    const [checkoutData, cart] = await Promise.all([
      glue.checkoutData(item.caller, { cartId: item.cartId, ...inputs }),
      cartRead,
    ]);
    if (!checkoutData.ok || !cart.ok) throw new Error('direct: cart read failed');
    return { glue, checkoutData: checkoutData.value, cart: cart.value };
  }

  private async pay(
    item: DirectItem,
    state: { cart: CartSnapshot; checkoutData: CheckoutDataSnapshot },
    glue: ReturnType<typeof createRequestGlue>,
  ) {
    const created = await glue.createPayment(item.caller, {
      amount: state.checkoutData.amount,
      paymentMethodName: 'Stripe',
      paymentProviderName: 'Stripe',
      cart: state.cart,
      checkoutData: state.checkoutData,
      customer: inputs.customer,
      customerReference: null,
      billingAddress: inputs.billingAddress,
      shippingAddress: inputs.billingAddress,
      preOrderPaymentData: null,
    });
    if (created.kind !== 'created') throw new Error(`direct: /payments answered ${created.kind}`);
    return created.preOrderPaymentData;
  }

  async prepare(operation: string, count: number): Promise<DirectItem[]> {
    const carts = await inParallel(count, 64, () => newGuestCart(this.glueUrl));
    const items = carts.map((cart, index) => ({
      caller: {
        identity: { kind: 'guest' as const, anonymousId: cart.anonymousId },
        acceptLanguage: null,
        requestId: `bench-${index}`,
      },
      cartId: cart.cartId,
      preOrderPaymentData: null,
    }));
    if (operation !== 'placeOrder') return items;
    return inParallel(count, 64, async (index) => {
      const item = items[index] as DirectItem;
      const state = await this.reads(item);
      return { ...item, preOrderPaymentData: await this.pay(item, state, state.glue) };
    });
  }

  async run(operation: string, item: unknown): Promise<void> {
    const direct = item as DirectItem;
    const state = await this.reads(direct);
    if (operation === 'initialize') await this.pay(direct, state, state.glue);
    if (operation === 'placeOrder') {
      const outcome = await state.glue.checkout(direct.caller, {
        cartId: direct.cartId,
        ...inputs,
        paymentMethodName: 'Stripe',
        paymentProviderName: 'Stripe',
        preOrderPaymentData: direct.preOrderPaymentData ?? {},
        expressCheckout: false,
      });
      if (outcome.kind !== 'placed') throw new Error(`direct: /checkout answered ${outcome.kind}`);
    }
  }
}
