import { randomBytes } from 'node:crypto';
import { methodKey, type SandboxState } from '../state.ts';
import type { PaymentMethod, Transaction } from '../types.ts';

/**
 * The simulated ACP payment app plus its PSP (Stripe PaymentIntents, Payone PayPal Express
 * preauthorizations). Errors are the strings Zed passes through to Glue as the 422 `detail`.
 */
export type PspResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export const TRANSACTION_NOT_FOUND = 'Request to payment provider failed. Transaction not found.';
export const ALREADY_CANCELED = 'Request to payment provider failed. Payment is already canceled.';
const ALREADY_AUTHORIZED = 'Request to payment provider failed. Payment is already authorized.';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomString(length: number, alphabet = ALPHANUMERIC): string {
  const bytes = randomBytes(length);
  let text = '';
  for (const byte of bytes) text += alphabet[byte % alphabet.length];
  return text;
}

export interface InitializeInput {
  readonly amount: number;
  readonly currency: string;
  readonly cartId: string | null;
  readonly quote: unknown;
  readonly preOrderPaymentData: Readonly<Record<string, unknown>> | null;
}

function providerData(method: PaymentMethod, currency: string): Record<string, string> {
  if (method.psp === 'payone-paypal') {
    const settings = method.appConfiguration?.checkoutConfiguration.paymentServiceProviderData ?? {};
    const orderId = randomString(17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
    return {
      transactionId: randomString(9, '0123456789'),
      orderId,
      workorderid: `WX1A${randomString(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
      token: orderId,
      currency,
      clientId: String(settings.clientId ?? ''),
      merchantId: String(settings.merchantId ?? ''),
    };
  }
  const transactionId = `pi_${randomString(24)}`;
  return {
    transactionId,
    clientSecret: `${transactionId}_secret_${randomString(25)}`,
    publishableKey: 'pk_test_sandbox_51Sandbox0000000000000000',
  };
}

function openTransaction(state: SandboxState, key: string, transactionId: string): PspResult<Transaction> {
  const transaction = state.transactions.get(transactionId);
  if (!transaction || transaction.methodKey !== key || transaction.status === 'canceled')
    return { ok: false, error: TRANSACTION_NOT_FOUND };
  if (transaction.status === 'authorized') return { ok: false, error: ALREADY_AUTHORIZED };
  return { ok: true, value: transaction };
}

/**
 * `/private/initialize-payment` or `/private/pre-order-payment`. With a `transactionId` the app
 * reuses its stored payment: same amount, same data; a changed amount keeps a Stripe PaymentIntent
 * (its amount is updated) but makes Payone answer a new transaction that replaces the old one.
 */
export function initializePayment(
  state: SandboxState,
  method: PaymentMethod,
  input: InitializeInput,
): PspResult<Record<string, string>> {
  const key = methodKey(method.paymentProviderName, method.paymentMethodName);
  const previous = input.preOrderPaymentData;
  if (previous && Object.hasOwn(previous, 'transactionId')) {
    // An empty string is "set" for the app (isset), so it is looked up and not found (docs/glue-backend.md §5 item 5).
    const found = openTransaction(state, key, String(previous.transactionId ?? ''));
    if (!found.ok) return found;
    const transaction = found.value;
    if (transaction.amount === input.amount && transaction.currency === input.currency)
      return { ok: true, value: { ...transaction.preOrderPaymentData } };
    if (method.psp === 'stripe') {
      transaction.amount = input.amount;
      // Stripe asks the shopper to confirm a PaymentIntent again once its amount changed.
      transaction.shopperApproved = false;
      return { ok: true, value: { ...transaction.preOrderPaymentData } };
    }
    state.transactions.delete(transaction.transactionId);
  }
  const data = providerData(method, input.currency);
  const transactionId = data.transactionId ?? '';
  state.transactions.set(transactionId, {
    transactionId,
    methodKey: key,
    amount: input.amount,
    currency: input.currency,
    status: 'new',
    cartId: input.cartId,
    quote: input.quote,
    preOrderPaymentData: data,
    orderReference: null,
    shopperApproved: false,
    createdAt: Date.now(),
  });
  return { ok: true, value: { ...data } };
}

/** `/private/cancel-pre-order-payment`: the app sets the payment `canceled`. */
export function cancelPayment(state: SandboxState, method: PaymentMethod, transactionId: string): PspResult<null> {
  const key = methodKey(method.paymentProviderName, method.paymentMethodName);
  const transaction = state.transactions.get(transactionId);
  if (!transaction || transaction.methodKey !== key) return { ok: false, error: TRANSACTION_NOT_FOUND };
  if (transaction.status === 'canceled') return { ok: false, error: ALREADY_CANCELED };
  transaction.status = 'canceled';
  return { ok: true, value: null };
}

/**
 * `/private/confirm-pre-order-payment` after the order was saved: links the order and authorizes.
 * On failure the value is the app's response body, which Zed quotes in the 1102 detail.
 */
export function confirmPayment(state: SandboxState, transactionId: string, orderReference: string): PspResult<null> {
  const transaction = state.transactions.get(transactionId);
  if (!transaction || transaction.status === 'canceled') {
    const message = transaction ? 'Payment is already canceled.' : 'Transaction not found.';
    return { ok: false, error: JSON.stringify({ isSuccessful: false, message }) };
  }
  authorize(transaction, orderReference);
  return { ok: true, value: null };
}

/** The PSP's authorization reaching the app (for non-express methods it arrives via webhooks). */
export function authorize(transaction: Transaction, orderReference: string): void {
  transaction.status = 'authorized';
  transaction.orderReference = orderReference;
}

/** Stripe's test card that is always declined. */
export const DECLINED_CARD = '4000000000000002';
export const CARD_DECLINED = 'Your card was declined.';
const NO_SUCH_PAYMENT = 'No such payment.';

/** The payment a widget holds the secret of: Stripe's client secret, or PayPal's order token. */
function bySecret(state: SandboxState, secret: string): Transaction | undefined {
  if (secret === '') return undefined;
  for (const transaction of state.transactions.values()) {
    const data = transaction.preOrderPaymentData;
    if (data.clientSecret === secret || data.token === secret) return transaction;
  }
  return undefined;
}

/**
 * What the provider's widget does in the shopper's browser (Stripe's confirmCardPayment, PayPal's
 * approval): the shopper approves the payment, which the provider then holds for the order.
 */
export function approveByShopper(
  state: SandboxState,
  input: { readonly secret: string; readonly cardNumber?: string },
): PspResult<Transaction> {
  const transaction = bySecret(state, input.secret);
  if (!transaction || transaction.status === 'canceled') return { ok: false, error: NO_SUCH_PAYMENT };
  if (input.cardNumber !== undefined && input.cardNumber.replaceAll(/\s/g, '') === DECLINED_CARD)
    return { ok: false, error: CARD_DECLINED };
  transaction.shopperApproved = true;
  return { ok: true, value: transaction };
}

/** What the widget reads back on a reload (Stripe's retrievePaymentIntent). */
export function paymentBySecret(state: SandboxState, secret: string): PspResult<Transaction> {
  const transaction = bySecret(state, secret);
  return transaction ? { ok: true, value: transaction } : { ok: false, error: NO_SUCH_PAYMENT };
}
