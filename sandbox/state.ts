import { randomUUID } from 'node:crypto';
import type {
  AccessTokenRecord,
  Cart,
  CartOwner,
  Customer,
  Order,
  PaymentMethod,
  Product,
  ShipmentMethod,
  Transaction,
} from './types.ts';

/**
 * Everything the simulated shop and payment app remember. One instance per started sandbox, so
 * parallel test files never share data. All mutation is synchronous: Node runs one handler at a
 * time, which makes every read-check-write below atomic without locks.
 */
export class SandboxState {
  readonly products = new Map<string, Product>();
  readonly customers = new Map<string, Customer>();
  readonly tokens = new Map<string, AccessTokenRecord>();
  readonly carts = new Map<string, Cart>();
  readonly orders = new Map<string, Order>();
  readonly transactions = new Map<string, Transaction>();
  readonly shipmentMethods = new Map<number, ShipmentMethod>();
  readonly paymentMethods: PaymentMethod[] = [];
  /** Secret that signs the JWT-shaped access tokens of this instance. */
  readonly tokenSecret = randomUUID();

  // Spryker numbers customers and orders per store with the same "DE--<n>" pattern.
  private nextCustomerNumber = 6;
  private nextOrderNumber = 1;

  nextCustomerReference(): { customerReference: string; idCustomer: number } {
    const idCustomer = this.nextCustomerNumber++;
    return { customerReference: `DE--${idCustomer}`, idCustomer };
  }

  nextOrderReference(): string {
    return `DE--${this.nextOrderNumber++}`;
  }

  customerByEmail(email: string): Customer | undefined {
    const wanted = email.toLowerCase();
    for (const customer of this.customers.values()) {
      if (customer.email.toLowerCase() === wanted) return customer;
    }
    return undefined;
  }

  createCart(owner: CartOwner, name = 'Shopping cart'): Cart {
    const cart: Cart = {
      id: randomUUID(),
      owner,
      name,
      items: [],
      currency: 'EUR',
      priceMode: 'GROSS_MODE',
      store: 'DE',
      createdAt: Date.now(),
    };
    this.carts.set(cart.id, cart);
    return cart;
  }

  cartsOf(owner: CartOwner): Cart[] {
    return [...this.carts.values()].filter((cart) => sameOwner(cart.owner, owner));
  }

  /** The cart if it exists and belongs to `owner`; foreign carts look exactly like unknown ones. */
  ownedCart(cartId: string, owner: CartOwner): Cart | undefined {
    const cart = this.carts.get(cartId);
    return cart && sameOwner(cart.owner, owner) ? cart : undefined;
  }

  /** Adds a line or raises the quantity of the existing line for that SKU (Glue merges by group key). */
  addItem(cart: Cart, sku: string, quantity: number): void {
    const line = cart.items.find((item) => item.sku === sku);
    if (line) line.quantity += quantity;
    else cart.items.push({ sku, quantity });
  }

  /** Key under which Zed finds a payment method: `provider-method`, lower case, spaces as dashes. */
  paymentMethodByKey(key: string): PaymentMethod | undefined {
    return this.paymentMethods.find(
      (method) => methodKey(method.paymentProviderName, method.paymentMethodName) === key,
    );
  }
}

export function methodKey(paymentProviderName: string, paymentMethodName: string): string {
  return `${paymentProviderName.toLowerCase()}-${paymentMethodName.toLowerCase().replace(/ /g, '-')}`;
}

export function sameOwner(a: CartOwner, b: CartOwner): boolean {
  if (a.kind === 'customer' && b.kind === 'customer') return a.customerReference === b.customerReference;
  if (a.kind === 'guest' && b.kind === 'guest') return a.anonymousId === b.anonymousId;
  return false;
}
