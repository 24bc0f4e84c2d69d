import { createGatewayClient } from '@headless-payment-gateway/client';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useBrowser } from '../support/browser.ts';
import { anonymousId, CHECKOUT_FAILS_500, SKU } from '../support/fixtures.ts';
import { useDevServer } from '../support/processes.ts';

/** The demo checkout page, as `npm start` serves it at /demo, driven in Debian's Chromium. */
const server = useDevServer();
const browser = useBrowser();

const OTHER_SKU = '001_25904006';

/** A fresh guest with a cart of its own, and the demo page opened for them. */
async function openCheckout(items = [{ sku: SKU, quantity: 1 }]) {
  const guest = anonymousId();
  const cartId = await server.control.createGuestCart(guest, items);
  const { page } = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(
    `${server.baseUrl}/demo/?cart=${encodeURIComponent(cartId)}&anonymousId=${encodeURIComponent(guest)}`,
  );
  await page.getByTestId('cart-total').waitFor();
  return { page, cartId, guest, errors };
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent()) ?? '';

/** Minor units of a shown amount such as `€393.53`. */
const cents = (shown: string) => Number(shown.replaceAll(/[^0-9]/g, ''));

/** The sandbox's Standard shipment, which the demo page initializes with. */
const STANDARD_SHIPPING = 490;

async function statusIs(page: Page, status: string): Promise<void> {
  await expect.poll(() => text(page, 'status'), { timeout: 10_000 }).toBe(status);
}

/** Chooses Stripe, initializes, and approves in the sandbox's card widget. */
async function payWithCard(page: Page): Promise<void> {
  await page.getByTestId('method-stripe').click();
  await page.getByTestId('initialize').click();
  await statusIs(page, 'INITIALIZED');
  await page.getByTestId('psp-authorize').click();
  await expect.poll(() => page.getByTestId('place-order').isEnabled()).toBe(true);
}

async function orderReferenceShown(page: Page): Promise<string> {
  await page.getByTestId('order-reference').waitFor({ timeout: 15_000 });
  return text(page, 'order-reference');
}

describe('the demo checkout page in Chromium', () => {
  it('happy path: cart total, methods, initialize, authorize in the widget, place the order, see its reference', async () => {
    const { page, cartId, errors } = await openCheckout();
    const cartTotal = await text(page, 'cart-total');
    expect(cartTotal).toMatch(/^€\d+\.\d\d$/);
    expect(await page.getByTestId('method-invoice').isDisabled()).toBe(true);
    await payWithCard(page);
    // The amount comes from Glue: the cart plus the chosen shipment.
    expect(cents(await text(page, 'payment-amount'))).toBe(cents(cartTotal) + STANDARD_SHIPPING);
    expect(await text(page, 'expires-at')).toMatch(/^in \d+:\d\d unless the order is placed$/);

    await page.getByTestId('place-order').click();
    const reference = await orderReferenceShown(page);
    expect(reference).toMatch(/^DE--\d+$/);
    await statusIs(page, 'ORDER_PLACED');
    await screenshot(page, 'demo-happy-path');

    const order = (await server.control.orders()).find((candidate) => candidate.cartId === cartId);
    expect(order?.orderReference).toBe(reference);
    const transaction = (await server.control.transactions()).find((candidate) => candidate.cartId === cartId);
    expect(transaction).toMatchObject({ shopperApproved: true, orderReference: reference });
    expect(errors).toEqual([]);
  });

  it('cancel: the payment is released at the provider and the page says CANCELED', async () => {
    const { page, cartId } = await openCheckout();
    await payWithCard(page);
    await page.getByTestId('cancel').click();
    await statusIs(page, 'CANCELED');
    await screenshot(page, 'demo-cancel');
    const transaction = (await server.control.transactions()).find((candidate) => candidate.cartId === cartId);
    expect(transaction?.status).toBe('canceled');
    expect(await server.control.cancellationsFor(transaction?.transactionId)).toHaveLength(1);
    expect(await server.control.checkoutsFor(cartId)).toHaveLength(0);
  });

  it('a cart changed in another tab: placeOrder shows old and new totals, the shopper re-initializes and places', async () => {
    const { page, cartId } = await openCheckout();
    await payWithCard(page);
    const before = await text(page, 'payment-amount');
    // Another tab (here: Glue's cart directly) adds an item after the payment was created.
    await server.control.setItems(cartId, [
      { sku: SKU, quantity: 1 },
      { sku: OTHER_SKU, quantity: 1 },
    ]);

    await page.getByTestId('place-order').click();
    await page.getByTestId('error').waitFor();
    expect(await page.getByTestId('error').getAttribute('data-code')).toBe('CART_CHANGED');
    const changed = await text(page, 'cart-changed');
    expect(changed).toContain(before);
    await screenshot(page, 'demo-cart-changed');

    await page.getByTestId('initialize').click();
    await expect.poll(() => text(page, 'payment-amount')).not.toBe(before);
    // The new amount needs the shopper's approval again, as Stripe asks for an updated PaymentIntent.
    await page.getByTestId('psp-authorize').click();
    await page.getByTestId('place-order').click();
    const reference = await orderReferenceShown(page);
    const order = (await server.control.orders()).find((candidate) => candidate.orderReference === reference);
    const transaction = (await server.control.transactions()).find((candidate) => candidate.cartId === cartId);
    expect(order?.cartId).toBe(cartId);
    expect(transaction?.amount).toBe(order?.totals.grandTotal);
    expect(changed).toContain(await text(page, 'payment-amount'));
  });

  it('survives a reload mid-flow: the same payment comes back, no new provider call, and the order is placed', async () => {
    const { page, cartId } = await openCheckout();
    await payWithCard(page);
    const paymentsBefore = await server.control.count('POST /payments');
    const amount = await text(page, 'payment-amount');

    await page.reload();
    await statusIs(page, 'INITIALIZED');
    expect(await text(page, 'payment-amount')).toBe(amount);
    await expect.poll(() => page.getByTestId('place-order').isEnabled()).toBe(true);
    expect(await server.control.count('POST /payments')).toBe(paymentsBefore);
    await screenshot(page, 'demo-after-reload');

    await page.getByTestId('place-order').click();
    await orderReferenceShown(page);
    expect(await server.control.checkoutsFor(cartId)).toHaveLength(1);
  });

  it('a sandbox fault on /checkout: a retryable error is shown, then the page retries by itself and the order is placed', async () => {
    const { page, cartId } = await openCheckout();
    await payWithCard(page);
    await server.control.fault(CHECKOUT_FAILS_500);

    await page.getByTestId('place-order').click();
    await page.getByTestId('error').waitFor();
    expect(await page.getByTestId('error').getAttribute('data-code')).toBe('UPSTREAM_UNAVAILABLE');
    expect(await text(page, 'error')).toMatch(/Trying again in \d+ s/);
    await screenshot(page, 'demo-retryable-error');

    const reference = await orderReferenceShown(page);
    expect(await page.getByTestId('error').count()).toBe(0);
    expect((await server.control.orders()).filter((order) => order.cartId === cartId)).toEqual([
      expect.objectContaining({ orderReference: reference }),
    ]);
  });

  it('shows the live status: an order placed elsewhere (another device) appears without a click', async () => {
    const { page, guest } = await openCheckout();
    await payWithCard(page);
    const other = createGatewayClient({ url: `${server.baseUrl}/graphql`, identity: { anonymousId: guest } });
    const id = (await other.activePreOrderPayment(new URL(page.url()).searchParams.get('cart') ?? ''))?.id ?? '';
    expect((await other.placeOrder({ preOrderPaymentId: id })).__typename).toBe('PlaceOrderSuccess');
    await statusIs(page, 'ORDER_PLACED');
    expect(await orderReferenceShown(page)).toMatch(/^DE--\d+$/);
  });
});
