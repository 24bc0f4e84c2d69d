import type {
  GatewayClient,
  PaymentMethodsResult,
  PreOrderPaymentFieldsFragment,
} from '@headless-payment-gateway/client';
import type { DemoConfig } from './config.ts';
import { type Cart, readCart } from './glue-cart.ts';
import { approve, retrieve, widgetSecret } from './psp-widget.ts';

export type PaymentMethod = Extract<PaymentMethodsResult, { __typename: 'PaymentMethodList' }>['methods'][number];
type Money = { readonly amount: number; readonly currency: string; readonly decimals: number };

/** An error as the page shows it: the gateway's message, and what the shopper can do next. */
export interface ShownError {
  readonly code: string;
  readonly message: string;
  /** Seconds until the page sends the same request again (retryable errors only). */
  readonly retryIn: number | null;
  /** A CartChangedError's totals: the payment's and the cart's now. */
  readonly cartChanged: { readonly previous: Money; readonly current: Money } | null;
}

export interface CheckoutState {
  readonly cart: Cart | null;
  readonly methods: readonly PaymentMethod[];
  readonly selected: PaymentMethod | null;
  readonly payment: PreOrderPaymentFieldsFragment | null;
  /** Whether the shopper approved the payment in the provider's widget. */
  readonly approved: boolean;
  readonly cardNumber: string;
  readonly orderReference: string | null;
  readonly error: ShownError | null;
  /** The action under way, for disabled buttons and a spinner. */
  readonly busy: string | null;
}

const FINAL = new Set(['ORDER_PLACED', 'CANCELED', 'EXPIRED']);

/** What an ErrorResult carries that the page shows (the client's union members share it). */
interface ErrorFields {
  readonly __typename: string;
  readonly code?: string;
  readonly message?: string;
  readonly retryable?: boolean;
  readonly retryAfterSeconds?: number | null;
  readonly previousAmount?: Money;
  readonly currentAmount?: Money;
}

function shownError(result: ErrorFields): ShownError {
  const retryIn = result.retryable ? Math.max(1, result.retryAfterSeconds ?? 1) : null;
  return {
    code: result.code ?? result.__typename,
    message: result.message ?? result.__typename,
    retryIn,
    cartChanged:
      result.previousAmount && result.currentAmount
        ? { previous: result.previousAmount, current: result.currentAmount }
        : null,
  };
}

/**
 * The checkout's use of the gateway, as a storefront would write it: every action goes through the
 * client package; a retryable error is tried again after the seconds the gateway asks for.
 */
export class Checkout {
  state: CheckoutState = {
    cart: null,
    methods: [],
    selected: null,
    payment: null,
    approved: false,
    cardNumber: '4242 4242 4242 4242',
    orderReference: null,
    error: null,
    busy: null,
  };
  private watching: AsyncGenerator<unknown> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly config: DemoConfig;
  private readonly client: GatewayClient;
  private readonly onChange: () => void;

  constructor(options: { readonly config: DemoConfig; readonly client: GatewayClient; readonly onChange: () => void }) {
    this.config = options.config;
    this.client = options.client;
    this.onChange = options.onChange;
  }

  private set(change: Partial<CheckoutState>): void {
    this.state = { ...this.state, ...change };
    this.onChange();
  }

  /** The cart, its methods and, after a reload, the payment the cart already has (no new one). */
  async load(): Promise<void> {
    const [cart, methods, active] = await Promise.all([
      readCart(this.config),
      this.client.paymentMethods(this.config.cartId),
      this.client.activePreOrderPayment(this.config.cartId),
    ]);
    const list = methods.__typename === 'PaymentMethodList' ? methods.methods : [];
    this.set({ cart, methods: list, error: methods.__typename === 'PaymentMethodList' ? null : shownError(methods) });
    if (active) await this.adopt(active);
  }

  select(method: PaymentMethod): void {
    this.set({ selected: method, error: null });
  }

  setCardNumber(value: string): void {
    // No re-render: the field keeps its focus while the shopper types.
    this.state = { ...this.state, cardNumber: value };
  }

  initialize(): Promise<void> {
    return this.run('initialize', async () => {
      const method = this.state.selected;
      if (!method) return;
      const { customer, address } = this.config.shopper;
      const result = await this.client.initializePreOrderPayment({
        cartId: this.config.cartId,
        paymentMethodName: method.paymentMethodName,
        paymentProviderName: method.paymentProviderName,
        customer,
        billingAddress: address,
        shipments: [{ shipmentMethodId: 1, shippingAddress: address }],
      });
      if (result.__typename !== 'InitializePreOrderPaymentSuccess') return this.fail(result, () => this.initialize());
      this.set({ cart: await readCart(this.config) });
      await this.adopt(result.preOrderPayment);
    });
  }

  authorize(): Promise<void> {
    return this.run('authorize', async () => {
      const payment = this.state.payment;
      const secret = payment ? widgetSecret(payment) : null;
      if (!secret) return;
      const stripe = payment?.providerData.__typename === 'StripePaymentData';
      const answer = await approve(this.config.sandboxUrl, {
        secret,
        ...(stripe ? { cardNumber: this.state.cardNumber } : {}),
      });
      if (answer.ok) this.set({ approved: answer.status === 'approved', error: null });
      else this.set({ error: { code: 'PAYMENT_DECLINED', message: answer.error, retryIn: null, cartChanged: null } });
    });
  }

  placeOrder(): Promise<void> {
    return this.run('place-order', async () => {
      const payment = this.state.payment;
      if (!payment) return;
      const result = await this.client.placeOrder({ preOrderPaymentId: payment.id });
      if (result.__typename !== 'PlaceOrderSuccess') return this.fail(result, () => this.placeOrder());
      this.set({ payment: result.preOrderPayment, orderReference: result.order.orderReference, error: null });
    });
  }

  cancel(): Promise<void> {
    return this.run('cancel', async () => {
      const payment = this.state.payment;
      if (!payment) return;
      const result = await this.client.cancelPreOrderPayment({ preOrderPaymentId: payment.id });
      if (result.__typename !== 'CancelPreOrderPaymentSuccess') return this.fail(result, () => this.cancel());
      this.set({ payment: result.preOrderPayment, approved: false, error: null });
    });
  }

  /** Takes a payment as the page's own: its widget's state, and its live status. */
  private async adopt(payment: PreOrderPaymentFieldsFragment): Promise<void> {
    const selected =
      this.state.methods.find(
        (method) =>
          method.paymentMethodName === payment.paymentMethodName &&
          method.paymentProviderName === payment.paymentProviderName,
      ) ?? this.state.selected;
    const secret = widgetSecret(payment);
    const widget = secret ? await retrieve(this.config.sandboxUrl, secret) : null;
    this.set({
      payment,
      selected,
      approved: widget?.ok === true && widget.status === 'approved',
      orderReference: payment.orderReference,
    });
    this.watch(payment.id);
  }

  /** The live status over the subscription; a new payment replaces the one watched. */
  private watch(id: string): void {
    if (this.watching) void this.watching.return(undefined);
    if (FINAL.has(this.state.payment?.status ?? '')) return;
    const updates = this.client.watchPreOrderPayment(id);
    this.watching = updates;
    void (async () => {
      try {
        for await (const payment of updates) {
          if (this.state.payment?.id !== payment.id) continue;
          this.set({ payment, orderReference: payment.orderReference ?? this.state.orderReference });
        }
      } catch (error) {
        this.set({ error: { code: 'STREAM', message: String(error), retryIn: null, cartChanged: null } });
      }
    })();
  }

  private async fail(result: ErrorFields, retry: () => Promise<void>): Promise<void> {
    const error = shownError(result);
    this.set({ error });
    // The cart as it is now, beside the payment's old total.
    if (error.cartChanged) this.set({ cart: await readCart(this.config) });
    if (error.retryIn === null) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void retry();
    }, error.retryIn * 1000);
  }

  private async run(action: string, work: () => Promise<void>): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.set({ busy: action });
    try {
      await work();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.set({ error: { code: 'NETWORK', message, retryIn: null, cartChanged: null } });
    } finally {
      this.set({ busy: null });
    }
  }
}
