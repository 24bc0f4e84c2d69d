import type { Checkout, CheckoutState, PaymentMethod } from './checkout.ts';
import { h } from './dom.ts';
import { kebab, money, timeLeft } from './format.ts';

const sameMethod = (a: PaymentMethod | null, b: PaymentMethod) =>
  a?.paymentMethodName === b.paymentMethodName && a.paymentProviderName === b.paymentProviderName;

function cartView(state: CheckoutState): HTMLElement {
  const cart = state.cart;
  if (!cart) return h('section', { class: 'card' }, h('h2', {}, 'Cart'), h('p', {}, 'The cart could not be read.'));
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, 'Cart'),
    h(
      'ul',
      { class: 'lines' },
      ...cart.lines.map((line) =>
        h(
          'li',
          {},
          `${line.quantity} × ${line.sku}`,
          h('span', {}, money({ amount: line.sumPrice, currency: cart.currency })),
        ),
      ),
    ),
    h(
      'p',
      { class: 'total' },
      'Total ',
      h('strong', { 'data-testid': 'cart-total' }, money({ amount: cart.grandTotal, currency: cart.currency })),
      h('small', {}, ' plus shipping'),
    ),
  );
}

function methodsView(state: CheckoutState, checkout: Checkout): HTMLElement {
  const locked = state.payment !== null && !['CANCELED', 'EXPIRED'].includes(state.payment.status);
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, 'Payment method'),
    h(
      'div',
      { class: 'methods' },
      ...state.methods.map((method) =>
        h(
          'button',
          {
            type: 'button',
            class: sameMethod(state.selected, method) ? 'method selected' : 'method',
            'data-testid': `method-${kebab(method.paymentMethodName)}`,
            'aria-pressed': sameMethod(state.selected, method) ? 'true' : 'false',
            disabled: !method.supportsPreOrderPayment || locked,
            title: method.supportsPreOrderPayment ? undefined : 'Paid after the order: not a pre-order payment',
            onclick: () => checkout.select(method),
          },
          method.paymentMethodName,
        ),
      ),
    ),
  );
}

function widgetView(state: CheckoutState, checkout: Checkout): HTMLElement | null {
  const payment = state.payment;
  if (payment?.status !== 'INITIALIZED' || state.orderReference) return null;
  const stripe = payment.providerData.__typename === 'StripePaymentData';
  if (state.approved)
    return h('div', { class: 'widget approved' }, stripe ? 'Card authorized' : 'Approved with PayPal');
  return h(
    'div',
    { class: 'widget' },
    h('p', { class: 'widget-name' }, stripe ? 'Sandbox card (stands in for Stripe)' : 'Sandbox PayPal'),
    stripe
      ? h('input', {
          'data-testid': 'psp-card',
          'aria-label': 'Card number',
          inputmode: 'numeric',
          value: state.cardNumber,
          oninput: (event) => checkout.setCardNumber((event.target as HTMLInputElement).value),
        })
      : null,
    h(
      'button',
      {
        type: 'button',
        'data-testid': 'psp-authorize',
        disabled: state.busy !== null,
        onclick: () => void checkout.authorize(),
      },
      stripe ? `Authorize ${money(payment.amount)}` : `Approve ${money(payment.amount)} with PayPal`,
    ),
  );
}

function paymentView(state: CheckoutState, checkout: Checkout): HTMLElement {
  const payment = state.payment;
  const canInitialize =
    state.selected !== null &&
    state.busy === null &&
    state.orderReference === null &&
    (payment === null || ['INITIALIZED', 'CANCELED', 'EXPIRED'].includes(payment.status));
  const open = payment?.status === 'INITIALIZED' && state.orderReference === null;
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, 'Payment'),
    payment
      ? h(
          'dl',
          {},
          h('dt', {}, 'Status'),
          h('dd', { 'data-testid': 'status' }, payment.status),
          h('dt', {}, 'Amount'),
          h('dd', { 'data-testid': 'payment-amount' }, money(payment.amount)),
          h('dt', {}, 'Released'),
          h(
            'dd',
            { 'data-testid': 'expires-at', 'data-expires-at': payment.expiresAt },
            expiryText(payment, Date.now()),
          ),
        )
      : h('p', { 'data-testid': 'status' }, 'No payment yet'),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          'data-testid': 'initialize',
          disabled: !canInitialize,
          onclick: () => void checkout.initialize(),
        },
        payment && open ? 'Update payment' : 'Pay with this method',
      ),
      widgetView(state, checkout),
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          'data-testid': 'place-order',
          disabled: !open || !state.approved || state.busy !== null || state.error?.cartChanged != null,
          onclick: () => void checkout.placeOrder(),
        },
        'Place order',
      ),
      h(
        'button',
        {
          type: 'button',
          'data-testid': 'cancel',
          disabled: !open || state.busy !== null,
          onclick: () => void checkout.cancel(),
        },
        'Cancel payment',
      ),
    ),
    state.orderReference
      ? h(
          'p',
          { class: 'order' },
          'Order placed: ',
          h('strong', { 'data-testid': 'order-reference' }, state.orderReference),
        )
      : null,
  );
}

/** The release countdown; the page's timer refreshes it every second. */
export function expiryText(payment: { readonly status: string; readonly expiresAt: string }, now: number): string {
  if (payment.status !== 'INITIALIZED') return '—';
  const left = timeLeft(payment.expiresAt, now);
  return left === null ? 'now (the hold on the card is being released)' : `in ${left} unless the order is placed`;
}

function errorView(state: CheckoutState): HTMLElement | null {
  const error = state.error;
  if (!error) return null;
  return h(
    'section',
    { class: 'card error', role: 'alert', 'data-testid': 'error', 'data-code': error.code },
    h('p', {}, error.message),
    error.cartChanged
      ? h(
          'p',
          { 'data-testid': 'cart-changed' },
          `The payment holds ${money(error.cartChanged.previous)}; the cart now costs ${money(error.cartChanged.current)}. `,
          'Update the payment to pay the new total.',
        )
      : null,
    error.retryIn !== null ? h('p', { class: 'retry' }, `Trying again in ${error.retryIn} s…`) : null,
  );
}

export function render(root: HTMLElement, state: CheckoutState, checkout: Checkout): void {
  const focused = document.activeElement?.getAttribute('data-testid');
  root.replaceChildren(
    h('h1', {}, 'Sandbox checkout'),
    h(
      'p',
      { class: 'lead' },
      'A storefront page on the headless payment gateway and its Glue sandbox: no real money moves.',
    ),
    errorView(state) ?? '',
    h(
      'div',
      { class: 'columns' },
      cartView(state),
      h('div', {}, methodsView(state, checkout), paymentView(state, checkout)),
    ),
  );
  // A re-render replaces the elements; the one the shopper was in keeps the focus.
  if (focused) root.querySelector<HTMLElement>(`[data-testid="${focused}"]`)?.focus();
}
