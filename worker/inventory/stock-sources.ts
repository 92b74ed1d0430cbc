/**
 * Stock sources: where allocation reads "available" for a sales channel (在庫数合算設定 and
 * 有効在庫数計算設定 in seed 000).
 *  - location: Renkei's levels at the order's location (the order store's warehouse) only;
 *  - all: Renkei's levels summed over every location;
 *  - connector: a figure a connection provides (e.g. Smaregi's stock), registered by that connector;
 *    the guard then allows `figure − what Renkei already allocated`.
 */
import type { ServiceContext } from "../context";
import { ServiceError } from "../errors";
import type { GuardScope } from "./ledger";

export interface ConnectorStockSource {
  /** Available quantity per SKU as the external system counts it, for the given SKUs. */
  available(ctx: ServiceContext, connectionId: string, skuIds: string[]): Promise<Map<string, number>>;
}

const connectorSources = new Map<string, ConnectorStockSource>();

/** Called by a connector's index.ts to offer its stock as a source. */
export function registerStockSource(connectorKind: string, source: ConnectorStockSource) {
  connectorSources.set(connectorKind, source);
}

export interface ChannelStockSource {
  stockSource: "location" | "all" | "connector";
  stockSourceConnectionId: string | null;
}

export interface GuardPlan {
  scope: GuardScope;
  caps: Map<string, number> | null;
}

/** How the guard of each allocation movement is written for this channel. */
export async function guardPlan(ctx: ServiceContext, channel: ChannelStockSource, skuIds: string[]): Promise<GuardPlan> {
  if (channel.stockSource !== "connector") return { scope: channel.stockSource, caps: null };
  const connection = await ctx.db.first<{ kind: string }>(
    "SELECT kind FROM connections WHERE merchant_id = ?1 AND id = ?2",
    channel.stockSourceConnectionId,
  );
  const source = connection ? connectorSources.get(connection.kind) : undefined;
  if (!connection || !source) {
    throw new ServiceError("CONFLICT", "the channel's stock source connection is missing or offers no stock");
  }
  return { scope: "cap", caps: await source.available(ctx, channel.stockSourceConnectionId!, skuIds) };
}
