import type { FieldViolation } from '../../domain/errors.ts';
import type { GlueError } from './jsonapi.ts';

/**
 * Glue's request validation (code 901) says `<dotted.path> => <Symfony message>` about the Glue
 * request body. The shopper sent a GraphQL input, so each Glue path is translated to the input
 * field it came from; a path with no input counterpart (the currency, the amount, idCart) points
 * at `input` as a whole.
 */

type Rule = readonly [glue: RegExp, input: (match: RegExpMatchArray) => string];

const rest = (match: RegExpMatchArray, group: number): string => match[group] ?? '';

/** Paths in `POST /payments` bodies: the quote the gateway built from the input. */
const PAYMENTS_RULES: readonly Rule[] = [
  [/^quote\.customer(\..+)?$/, (m) => `input.customer${rest(m, 1)}`],
  [/^quote\.billingAddress(\..+)?$/, (m) => `input.billingAddress${rest(m, 1)}`],
  // The quote's shipping address is the first shipment's (see request-bodies.ts).
  [/^quote\.shippingAddress(\..+)?$/, (m) => `input.shipments.0.shippingAddress${rest(m, 1)}`],
  [/^payment\.(paymentMethodName|paymentProviderName)$/, (m) => `input.${rest(m, 1)}`],
];

/** Paths in `POST /checkout` and `POST /checkout-data` bodies. */
const CHECKOUT_RULES: readonly Rule[] = [
  [/^customer(\..+)?$/, (m) => `input.customer${rest(m, 1)}`],
  [/^billingAddress(\..+)?$/, (m) => `input.billingAddress${rest(m, 1)}`],
  [/^shipments\.(\d+)\.idShipmentMethod$/, (m) => `input.shipments.${rest(m, 1)}.shipmentMethodId`],
  [/^shipments\.(\d+)\.items(\..+)?$/, (m) => `input.shipments.${rest(m, 1)}.itemGroupKeys${rest(m, 2)}`],
  [/^shipments(\..+)?$/, (m) => `input.shipments${rest(m, 1)}`],
  // Legacy single-shipment keys, should Glue ever report them: the first shipment.
  [/^shipment\.idShipmentMethod$/, () => 'input.shipments.0.shipmentMethodId'],
  [/^shippingAddress(\..+)?$/, (m) => `input.shipments.0.shippingAddress${rest(m, 1)}`],
];

function mapper(rules: readonly Rule[]): (gluePath: string) => string {
  return (gluePath) => {
    for (const [pattern, toInput] of rules) {
      const match = gluePath.match(pattern);
      if (match) return toInput(match);
    }
    return 'input';
  };
}

export const paymentsInputPath = mapper(PAYMENTS_RULES);
export const checkoutInputPath = mapper(CHECKOUT_RULES);

const VIOLATION = /^\s*([\w.[\]-]+)\s*=>\s*(.*)$/s;

/** One violation per Glue validation error; `detail` is already safe to show (4xx with a code). */
export function violationsOf(
  errors: readonly GlueError[],
  toInputPath: (gluePath: string) => string,
): FieldViolation[] {
  const out: FieldViolation[] = [];
  for (const error of errors) {
    const detail = error.detail?.trim();
    if (!detail) continue;
    const match = detail.match(VIOLATION);
    if (match) {
      const gluePath = (match[1] ?? '').replace(/\[(\d+)\]/g, '.$1');
      out.push({ path: toInputPath(gluePath), message: match[2]?.trim() || detail });
    } else if (error.code === '901') {
      out.push({ path: 'input', message: detail });
    }
  }
  return out;
}
