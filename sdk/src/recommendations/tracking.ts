import type { JsonObject, Message, RecommendationItem, RecommendationsResponse } from '@matbakh/contract';
import type { PluginContext } from '../plugin/types.ts';

const MAX_CLICKED = 50;

/**
 * Commerce events for recommended items (`Product List Viewed`, `Product Clicked`, Segment's names), and their
 * attribution: a later `Product Added` / `Order Completed` of a clicked item carries its request id and slot.
 * `onOrder` sees every completed order (the device remembers them, with consent).
 */
export function createTracking(ctx: PluginContext, onOrder: (ids: string[], at: string) => void) {
  /** Clicked items → where they were recommended. */
  const clicked = new Map<string, { request_id: string; slot: string; position: number }>();

  const productOf = (response: RecommendationsResponse, item: RecommendationItem): JsonObject => {
    const product: JsonObject = {
      product_id: item.id,
      position: response.items.findIndex((i) => i.id === item.id) + 1,
      name: item.title,
      category: item.kind,
    };
    if (item.price) {
      product.price = item.price.amount;
      product.currency = item.price.currency;
    }
    if (item.url) product.url = item.url;
    return product;
  };

  const trackListViewed = (response: RecommendationsResponse, items?: readonly RecommendationItem[]) => {
    const seen = items ?? response.items;
    if (!seen.length) return;
    ctx.track('Product List Viewed', {
      list_id: response.slot,
      request_id: response.requestId,
      slot: response.slot,
      products: seen.map((item) => productOf(response, item)),
    });
  };

  const trackClick = (response: RecommendationsResponse, item: RecommendationItem) => {
    const product = productOf(response, item);
    ctx.track('Product Clicked', { ...product, request_id: response.requestId, slot: response.slot });
    clicked.delete(item.id);
    clicked.set(item.id, { request_id: response.requestId, slot: response.slot, position: product.position as number });
    if (clicked.size > MAX_CLICKED) clicked.delete(clicked.keys().next().value as string);
  };

  /** Sees every message before the consent gate: remembers orders, attributes recommended products. */
  const observe = (message: Message): Message => {
    if (message.type !== 'track') return message;
    const { event, properties } = message;
    if (event !== 'Order Completed' && event !== 'Product Added') return message;
    const products = Array.isArray(properties.products) ? (properties.products as JsonObject[]) : [];
    if (event === 'Order Completed') {
      const ids = products.map((p) => p?.product_id).filter((id): id is string => typeof id === 'string');
      if (ids.length) onOrder(ids, message.timestamp);
    }
    if (!clicked.size) return message;
    const attribute = (product: JsonObject) => {
      const from = typeof product?.product_id === 'string' ? clicked.get(product.product_id) : undefined;
      return from ? { ...product, ...from } : product;
    };
    return {
      ...message,
      properties:
        event === 'Product Added' ? attribute(properties) : { ...properties, products: products.map(attribute) },
    };
  };

  return { trackListViewed, trackClick, observe };
}
