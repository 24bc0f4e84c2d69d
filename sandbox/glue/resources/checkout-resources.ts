import { createHash } from 'node:crypto';
import type { SandboxState } from '../../state.ts';
import type { PaymentMethod, ShipmentMethod } from '../../types.ts';
import { findShipmentMethod, type RequestedShipment } from '../handlers/checkout-shared.ts';
import type { Resource } from './cart-resource.ts';

const REQUIRED_REQUEST_DATA = ['paymentMethod', 'paymentProvider'];

/** RestShipmentMethod, as listed in checkout-data attributes and `shipment-methods` resources. */
export function shipmentMethodAttributes(method: ShipmentMethod): Record<string, unknown> {
  return {
    name: method.name,
    carrierName: method.carrierName,
    price: method.price,
    taxRate: method.taxRate,
    deliveryTime: null,
    currencyIsoCode: 'EUR',
  };
}

export function shipmentMethodResource(method: ShipmentMethod, baseUrl: string): Resource {
  return {
    type: 'shipment-methods',
    id: String(method.id),
    attributes: shipmentMethodAttributes(method),
    links: { self: `${baseUrl}/shipment-methods/${method.id}` },
  };
}

/** `payment-methods` (PaymentsRestApi PaymentMethodMapper): null app configuration for offline methods. */
export function paymentMethodResource(method: PaymentMethod, baseUrl: string): Resource {
  const app = method.appConfiguration;
  return {
    type: 'payment-methods',
    id: String(method.idPaymentMethod),
    attributes: {
      paymentMethodName: method.paymentMethodName,
      paymentProviderName: method.paymentProviderName,
      priority: method.priority,
      requiredRequestData: REQUIRED_REQUEST_DATA,
      paymentMethodAppConfiguration: app
        ? {
            baseUrl: app.baseUrl,
            endpoints: app.endpoints,
            checkoutConfiguration: {
              ...(app.checkoutConfiguration.strategy === undefined
                ? {}
                : { strategy: app.checkoutConfiguration.strategy }),
              scripts: app.checkoutConfiguration.scripts,
              paymentServiceProviderData: app.checkoutConfiguration.paymentServiceProviderData,
            },
          }
        : null,
    },
    links: { self: `${baseUrl}/payment-methods/${method.idPaymentMethod}` },
  };
}

/** `paymentProviders` attribute: methods grouped by provider. */
export function paymentProviders(methods: readonly PaymentMethod[]): Record<string, unknown>[] {
  const byProvider = new Map<string, Record<string, unknown>[]>();
  for (const method of methods) {
    const list = byProvider.get(method.paymentProviderName) ?? [];
    list.push({ paymentMethodName: method.paymentMethodName, requiredRequestData: REQUIRED_REQUEST_DATA });
    byProvider.set(method.paymentProviderName, list);
  }
  return [...byProvider].map(([paymentProviderName, paymentMethods]) => ({ paymentProviderName, paymentMethods }));
}

export function selectedPaymentMethod(method: PaymentMethod): Record<string, unknown> {
  return {
    paymentMethodName: method.paymentMethodName,
    paymentProviderName: method.paymentProviderName,
    requiredRequestData: REQUIRED_REQUEST_DATA,
  };
}

/** `shipments` resources for `shipments[]` requests; the id is a hash of the shipment, as Glue's group key. */
export function shipmentResources(
  state: SandboxState,
  shipments: readonly RequestedShipment[],
  baseUrl: string,
): { shipments: Resource[]; methods: Resource[] } {
  const methods = [...state.shipmentMethods.values()].map((method) => shipmentMethodResource(method, baseUrl));
  const resources = shipments.map((shipment, index) => {
    const id = createHash('md5')
      .update(JSON.stringify([index, shipment.items, shipment.shippingAddress]))
      .digest('hex');
    const selected = findShipmentMethod(state, shipment.idShipmentMethod);
    const resource: Resource = {
      type: 'shipments',
      id,
      attributes: {
        items: shipment.items,
        shippingAddress: shipment.shippingAddress,
        selectedShipmentMethod: selected ? { id: String(selected.id), ...shipmentMethodAttributes(selected) } : null,
        requestedDeliveryDate: shipment.requestedDeliveryDate,
      },
      links: { self: `${baseUrl}/shipments/${id}` },
      relationships: {
        'shipment-methods': { data: methods.map((method) => ({ type: method.type, id: method.id ?? '' })) },
      },
    };
    return resource;
  });
  return { shipments: resources, methods };
}
