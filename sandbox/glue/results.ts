/**
 * What a Glue handler answers, and the error strings Glue uses (docs/glue-backend.md §10).
 * Error items serialize only the fields that are set, like Glue's `modifiedToArray`.
 */
export interface GlueErrorItem {
  readonly status: number;
  readonly code?: string;
  readonly detail: string;
}

export type GlueResult =
  /** A JSON:API document; `orderReference` names an order the call saved (used by after-effect faults). */
  | { readonly kind: 'json'; readonly status: number; readonly body: unknown; readonly orderReference?: string }
  /** Glue's plain-text answers (header validation, uncaught exceptions) are not JSON:API. */
  | { readonly kind: 'text'; readonly status: number; readonly text: string };

export function ok(status: number, body: unknown, orderReference?: string): GlueResult {
  return orderReference === undefined ? { kind: 'json', status, body } : { kind: 'json', status, body, orderReference };
}

/** Glue answers with the status of the last error in the list; `orderReference` names an order saved anyway. */
export function fail(items: readonly GlueErrorItem[], orderReference?: string): GlueResult {
  const last = items[items.length - 1];
  const status = last?.status ?? 400;
  const body = { errors: items.map(serializeError) };
  return orderReference === undefined ? { kind: 'json', status, body } : { kind: 'json', status, body, orderReference };
}

export function failOne(item: GlueErrorItem): GlueResult {
  return fail([item]);
}

export function serializeError(item: GlueErrorItem): Record<string, unknown> {
  return item.code === undefined
    ? { status: item.status, detail: item.detail }
    : { status: item.status, code: item.code, detail: item.detail };
}

export const INTERNAL_SERVER_ERROR: GlueResult = { kind: 'text', status: 500, text: 'Internal Server Error' };

export const E = {
  notAcceptable: { kind: 'text', status: 406, text: 'Not acceptable.' } as GlueResult,
  unsupportedMediaType: { kind: 'text', status: 415, text: 'Unsupported media type.' } as GlueResult,
  postDataInvalid: { status: 400, detail: 'Post data is invalid.' },
  invalidType: { status: 400, detail: 'Invalid type.' },
  notFound: { status: 404, detail: 'Not Found' },
  methodNotAllowed: { status: 405, detail: 'Method not allowed.' },
  invalidToken: { status: 401, code: '001', detail: 'Invalid access token.' },
  missingToken: { status: 403, code: '002', detail: 'Missing access token.' },
  authenticationFailed: { status: 401, code: '003', detail: 'Failed to authenticate user.' },
  cartNotFound: { status: 404, code: '101', detail: 'Cart with given uuid not found.' },
  anonymousIdEmpty: { status: 400, code: '109', detail: 'Anonymous customer unique id is empty.' },
  orderNotFound: { status: 404, code: '801', detail: "Can't find order by the given order reference" },
  checkoutCartNotFound: { status: 422, code: '1103', detail: 'Cart not found.' },
  checkoutCartEmpty: { status: 422, code: '1104', detail: 'Cart is empty.' },
  userNotSpecified: {
    status: 400,
    code: '1105',
    detail: 'One of Authorization or X-Anonymous-Customer-Unique-Id headers is required.',
  },
  multiplePayments: { status: 400, code: '1107', detail: 'Multiple payments are not allowed.' },
  customerDataMissing: {
    status: 422,
    code: '1109',
    detail: 'Required customer information is missing from the request body.',
  },
  shipmentMix: {
    status: 422,
    code: '4301',
    detail: 'Single and multiple shipments attributes are not allowed in the same request.',
  },
  addressNotValid: {
    status: 422,
    code: '4302',
    detail: 'Provided address is not valid. You can either provide address ID or address fields.',
  },
  shipmentNotSpecified: { status: 422, code: '4303', detail: 'Shipment attribute is not specified.' },
  paymentMethodNotFound: { status: 422, detail: 'Payment method not found' },
} as const;

/** 1102 "order not placed", whose detail Glue replaces with the checkout error message. */
export function orderNotPlaced(detail: string): GlueErrorItem {
  return { status: 422, code: '1102', detail };
}

/** 102: an SKU the catalog does not know. */
export function productNotFound(sku: string): GlueErrorItem {
  return { status: 422, code: '102', detail: `Product "${sku}" not found` };
}

/** 901: one request-validation violation, `<dotted.path> => <Symfony message>`. */
export function violation(path: string, message: string): GlueErrorItem {
  return { status: 422, code: '901', detail: `${path} => ${message}` };
}
