import { cartRoutes } from './handlers/carts.ts';
import { checkoutRoute } from './handlers/checkout.ts';
import { checkoutDataRoute } from './handlers/checkout-data.ts';
import { customerRoutes } from './handlers/customers.ts';
import { guestCartRoutes } from './handlers/guest-carts.ts';
import { orderRoutes } from './handlers/orders.ts';
import { paymentRoutes } from './handlers/payments.ts';
import { endpointName, type GlueRoute, matchTemplate } from './route.ts';

/** Every Glue Storefront route the sandbox serves. */
export const GLUE_ROUTES: readonly GlueRoute[] = [
  ...customerRoutes,
  ...cartRoutes,
  ...guestCartRoutes,
  checkoutDataRoute,
  checkoutRoute,
  ...paymentRoutes,
  ...orderRoutes,
];

/** Endpoint names ("POST /checkout") that faults and call filters may use. */
export const GLUE_ENDPOINTS: ReadonlySet<string> = new Set(GLUE_ROUTES.map(endpointName));

export type RouteMatch =
  | { readonly kind: 'route'; readonly route: GlueRoute; readonly params: Record<string, string> }
  | { readonly kind: 'method-not-allowed' }
  | { readonly kind: 'not-found' };

export function findRoute(method: string, path: string): RouteMatch {
  let pathKnown = false;
  for (const route of GLUE_ROUTES) {
    const params = matchTemplate(route.template, path);
    if (!params) continue;
    if (route.method === method) return { kind: 'route', route, params };
    pathKnown = true;
  }
  return pathKnown ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
}
