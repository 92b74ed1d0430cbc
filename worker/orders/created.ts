/**
 * "Orders were created": the hook for connectors that hand new orders on the moment they exist
 * (Smaregi's 受注連携 sends an order as soon as it is imported or entered). The import and manual
 * entry call it after the orders are written; a listener only records intent (enqueues a job), so
 * the request never waits on an external system.
 *
 * A listener that fails neither undoes nor fails the creation: the orders are written, and each
 * connector keeps its schedule as the backstop that sends whatever a lost wake-up left behind.
 */
import type { ServiceContext } from "../context";

export interface CreatedOrder {
  orderId: string;
  channelId: string;
}

export type OrdersCreatedListener = (ctx: ServiceContext, orders: CreatedOrder[]) => Promise<void>;

const listeners: OrdersCreatedListener[] = [];
export function registerOrdersCreated(listener: OrdersCreatedListener) {
  listeners.push(listener);
}

export async function ordersCreated(ctx: ServiceContext, orders: CreatedOrder[]): Promise<void> {
  if (!orders.length) return;
  for (const listener of listeners) {
    try {
      await listener(ctx, orders);
    } catch (error) {
      console.error("an orders-created listener failed; its schedule will pick the orders up", error);
    }
  }
}
