import { describe, expect, it } from 'vitest';
import {
  ADDRESS,
  checkoutAttributes,
  control,
  customerWithCart,
  firstError,
  glue,
  guestWithCart,
  INVOICE,
  resource,
  STRIPE,
  shipments,
  useSandbox,
} from './helpers.ts';

const sandbox = useSandbox();

describe('request conventions', () => {
  it('answers 406 "Not acceptable." as plain text without an Accept header', async () => {
    const answer = await glue(sandbox, {
      method: 'GET',
      path: '/carts',
      accept: false,
      token: sandbox.demo.customer.accessToken,
    });
    expect(answer.status).toBe(406);
    expect(answer.text).toBe('Not acceptable.');
  });

  it('answers 415 to an empty Content-Type', async () => {
    const answer = await glue(sandbox, {
      method: 'POST',
      path: '/checkout',
      rawBody: '{}',
      headers: { 'content-type': '' },
    });
    expect(answer.status).toBe(415);
  });

  it('answers 400 "Post data is invalid." to malformed JSON, an empty body and a body without data.type', async () => {
    for (const rawBody of ['{nope', '', JSON.stringify({ data: { attributes: { idCart: 'x' } } })]) {
      const answer = await glue(sandbox, { method: 'POST', path: '/checkout', rawBody, anonymousId: 'g' });
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ errors: [{ status: 400, detail: 'Post data is invalid.' }] });
    }
  });

  it('answers 400 "Invalid type." to a wrong or empty data.type', async () => {
    for (const type of ['fake_type', '']) {
      const answer = await glue(sandbox, {
        method: 'POST',
        path: '/checkout',
        body: resource(type, { idCart: 'x' }),
        anonymousId: 'g',
      });
      expect(answer.json).toEqual({ errors: [{ status: 400, detail: 'Invalid type.' }] });
    }
  });

  it('answers 401/001 to an unknown bearer token on every route, /payments included', async () => {
    for (const [method, path, body] of [
      ['GET', '/carts', undefined],
      ['POST', '/payments', resource('payments', {})],
      ['POST', '/checkout', resource('checkout', {})],
    ] as const) {
      const answer = await glue(sandbox, { method, path, token: 'fake_token', body });
      expect(answer.status).toBe(401);
      expect(firstError(answer)).toEqual({ status: 401, code: '001', detail: 'Invalid access token.' });
    }
  });

  it('answers 403/002 on customer routes without a token and 400/109 on guest routes without an anonymous id', async () => {
    expect(firstError(await glue(sandbox, { method: 'GET', path: '/orders' }))).toEqual({
      status: 403,
      code: '002',
      detail: 'Missing access token.',
    });
    expect(firstError(await glue(sandbox, { method: 'GET', path: '/guest-carts' }))).toEqual({
      status: 400,
      code: '109',
      detail: 'Anonymous customer unique id is empty.',
    });
  });

  it('echoes x-request-id and records it with the call', async () => {
    const answer = await glue(sandbox, {
      method: 'GET',
      path: '/guest-carts',
      anonymousId: 'echo',
      headers: { 'x-request-id': 'req-123' },
    });
    expect(answer.headers['x-request-id']).toBe('req-123');
    const calls = (await control(sandbox, { method: 'GET', path: '/calls?endpoint=GET%20/guest-carts' })).json.calls;
    expect(calls.some((call: { requestId: string }) => call.requestId === 'req-123')).toBe(true);
  });
});

describe('carts and orders', () => {
  it('answers 404/101 for unknown and foreign carts, 422/102 for an unknown SKU', async () => {
    const other = await customerWithCart(sandbox);
    const token = sandbox.demo.customer.accessToken;
    expect(firstError(await glue(sandbox, { method: 'GET', path: '/carts/fake', token }))).toEqual({
      status: 404,
      code: '101',
      detail: 'Cart with given uuid not found.',
    });
    expect((await glue(sandbox, { method: 'GET', path: `/carts/${other.cartId}`, token })).status).toBe(404);
    const unknownSku = await glue(sandbox, {
      method: 'POST',
      path: '/guest-cart-items',
      anonymousId: 'sku-test',
      body: resource('guest-cart-items', { sku: 'fake', quantity: 1 }),
    });
    expect(firstError(unknownSku)).toEqual({ status: 422, code: '102', detail: 'Product "fake" not found' });
  });

  it("answers 404/801 for an unknown order and for another customer's order", async () => {
    const other = await customerWithCart(sandbox);
    const placed = await glue(sandbox, {
      method: 'POST',
      path: '/checkout',
      token: other.token,
      body: resource('checkout', checkoutAttributes(other.cartId, INVOICE)),
    });
    const ref = placed.json.data.attributes.orderReference;
    for (const path of ['/orders/DE--999999', `/orders/${ref}`]) {
      expect(
        firstError(await glue(sandbox, { method: 'GET', path, token: sandbox.demo.customer.accessToken })),
      ).toEqual({
        status: 404,
        code: '801',
        detail: "Can't find order by the given order reference",
      });
    }
  });
});

describe('checkout and checkout-data refusals', () => {
  it('answers 422/1103 for an unknown or foreign cart and 422/1104 for an empty cart', async () => {
    const other = await customerWithCart(sandbox);
    const mine = await customerWithCart(sandbox, []);
    const post = (idCart: string) =>
      glue(sandbox, {
        method: 'POST',
        path: '/checkout-data',
        token: mine.token,
        body: resource('checkout-data', { idCart }),
      });
    expect(firstError(await post('fake_cart_id'))).toEqual({ status: 422, code: '1103', detail: 'Cart not found.' });
    expect(firstError(await post(other.cartId))).toMatchObject({ code: '1103' });
    expect(firstError(await post(mine.cartId))).toEqual({ status: 422, code: '1104', detail: 'Cart is empty.' });
    const checkout = await glue(sandbox, {
      method: 'POST',
      path: '/checkout',
      token: mine.token,
      body: resource('checkout', checkoutAttributes(mine.cartId, INVOICE)),
    });
    expect(firstError(checkout)).toMatchObject({ code: '1104' });
  });

  it('answers 400/1105 without Authorization and X-Anonymous-Customer-Unique-Id', async () => {
    const answer = await glue(sandbox, {
      method: 'POST',
      path: '/checkout',
      body: resource('checkout', checkoutAttributes('x', INVOICE)),
    });
    expect(firstError(answer)).toEqual({
      status: 400,
      code: '1105',
      detail: 'One of Authorization or X-Anonymous-Customer-Unique-Id headers is required.',
    });
  });

  it('answers 422/901 per violation: invalid email, missing billing address, blank payment names', async () => {
    const { token, cartId } = await customerWithCart(sandbox);
    const attributes = checkoutAttributes(
      cartId,
      { paymentMethodName: '', paymentProviderName: '' },
      { customer: { salutation: 'Mr', email: 'fake_email' } },
    );
    delete attributes.billingAddress;
    const answer = await glue(sandbox, {
      method: 'POST',
      path: '/checkout',
      token,
      body: resource('checkout', attributes),
    });
    expect(answer.status).toBe(422);
    expect(answer.json.errors.map((error: { detail: string }) => error.detail)).toEqual([
      'customer.email => Email is invalid.',
      'billingAddress => This field is missing.',
      'payments.0.paymentMethodName => This value should not be blank.',
      'payments.0.paymentProviderName => This value should not be blank.',
    ]);
    expect(
      answer.json.errors.every(
        (error: { code: string; status: number }) => error.code === '901' && error.status === 422,
      ),
    ).toBe(true);
  });

  it('answers the shipment rules: 4301 mixed levels, 4303 no shipment, 1102 unknown method', async () => {
    const { token, cartId } = await customerWithCart(sandbox);
    const send = (extra: Record<string, unknown>) =>
      glue(sandbox, {
        method: 'POST',
        path: '/checkout',
        token,
        body: resource('checkout', { ...checkoutAttributes(cartId, INVOICE), ...extra }),
      });
    expect(firstError(await send({ shipment: { idShipmentMethod: 1 } }))).toMatchObject({ status: 422, code: '4301' });
    expect(firstError(await send({ shipments: undefined }))).toEqual({
      status: 422,
      code: '4303',
      detail: 'Shipment attribute is not specified.',
    });
    expect(firstError(await send({ shipments: shipments(['066_23294028'], 99) }))).toEqual({
      status: 422,
      code: '1102',
      detail: 'Shipment method not found.',
    });
  });

  it('answers 1102 for an unknown country and an invalid payment, 400/1107 for two payments, 1109 for a guest without customer', async () => {
    const { token, cartId } = await customerWithCart(sandbox);
    const send = (attributes: Record<string, unknown>, who: { token?: string; anonymousId?: string } = { token }) =>
      glue(sandbox, { method: 'POST', path: '/checkout', ...who, body: resource('checkout', attributes) });
    const badCountry = await send(
      checkoutAttributes(cartId, INVOICE, { billingAddress: { ...ADDRESS, iso2Code: 'fake_iso2Code' } }),
    );
    expect(firstError(badCountry)).toEqual({
      status: 422,
      code: '1102',
      detail: 'Billing address country not found for country code: fake_iso2Code',
    });
    const badPayment = await send(
      checkoutAttributes(cartId, { paymentMethodName: 'fake', paymentProviderName: 'fake' }),
    );
    expect(firstError(badPayment)).toEqual({ status: 422, code: '1102', detail: 'Checkout payment is not valid' });
    const twoPayments = await send(checkoutAttributes(cartId, INVOICE, { payments: [INVOICE, STRIPE] }));
    expect(twoPayments.status).toBe(400);
    expect(firstError(twoPayments)).toEqual({
      status: 400,
      code: '1107',
      detail: 'Multiple payments are not allowed.',
    });
    const guest = await guestWithCart(sandbox);
    const noCustomer = await send(
      { ...checkoutAttributes(guest.cartId, INVOICE), customer: undefined },
      { anonymousId: guest.anonymousId },
    );
    expect(firstError(noCustomer)).toMatchObject({ status: 422, code: '1109' });
  });
});
