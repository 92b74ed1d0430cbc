/** Sales channels: where an order comes from, its default location and its stock source. */
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { invalid, notFound, ServiceError } from "../errors";
import { notFoundMessage } from "../messages";

export interface ChannelRecord {
  id: string;
  code: string;
  name: string;
  kind: "pos" | "web" | "mall" | "manual";
  defaultLocationId: string | null;
  stockSource: "location" | "all" | "connector";
  stockSourceConnectionId: string | null;
}

interface ChannelRow {
  id: string;
  code: string;
  name: string;
  kind: ChannelRecord["kind"];
  default_location_id: string | null;
  stock_source: ChannelRecord["stockSource"];
  stock_source_connection_id: string | null;
}

export const toChannel = (r: ChannelRow): ChannelRecord => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  defaultLocationId: r.default_location_id,
  stockSource: r.stock_source,
  stockSourceConnectionId: r.stock_source_connection_id,
});

const COLUMNS = "id, code, name, kind, default_location_id, stock_source, stock_source_connection_id";

/** The read of these channels, as a statement (so callers can batch it with other reads). */
export function channelsStatement(ctx: ServiceContext, ids: readonly string[]) {
  return ctx.db.stmt(
    `SELECT ${COLUMNS} FROM channels WHERE merchant_id = ?1 AND id IN (SELECT value FROM json_each(?2))`,
    JSON.stringify([...new Set(ids)]),
  );
}

export const channelMap = (rows: unknown[]) => new Map((rows as ChannelRow[]).map((r) => [r.id, toChannel(r)]));

export async function loadChannels(ctx: ServiceContext, ids: readonly string[]): Promise<Map<string, ChannelRecord>> {
  return channelMap((await channelsStatement(ctx, ids).all()).results);
}

export async function listChannels(ctx: ServiceContext) {
  return (await ctx.db.all<ChannelRow>(`SELECT ${COLUMNS} FROM channels WHERE merchant_id = ?1 ORDER BY code`)).map(toChannel);
}

export async function createChannel(
  ctx: ServiceContext,
  input: Omit<ChannelRecord, "id" | "defaultLocationId" | "stockSourceConnectionId"> & {
    defaultLocationId: string;
    stockSourceConnectionId?: string | null;
  },
) {
  const location = await ctx.db.first("SELECT id FROM locations WHERE merchant_id = ?1 AND id = ?2", input.defaultLocationId);
  if (!location) throw invalid("invalid channel", [{ path: ["defaultLocationId"], message: notFoundMessage("location") }]);
  if (input.stockSourceConnectionId) {
    const connection = await ctx.db.first("SELECT id FROM connections WHERE merchant_id = ?1 AND id = ?2", input.stockSourceConnectionId);
    if (!connection) throw invalid("invalid channel", [{ path: ["stockSourceConnectionId"], message: notFoundMessage("connection") }]);
  }
  const id = newId("chn");
  await ctx.db
    .run(
      `INSERT INTO channels (id, merchant_id, code, name, kind, default_location_id, stock_source, stock_source_connection_id, created_at)
       VALUES (?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`,
      id,
      input.code,
      input.name,
      input.kind,
      input.defaultLocationId,
      input.stockSource,
      input.stockSourceConnectionId ?? null,
      nowIso(),
    )
    .catch((error) => {
      if (String(error).includes("UNIQUE")) throw new ServiceError("CONFLICT", "channel code already exists", [{ path: ["code"], message: "already exists" }]);
      throw error;
    });
  return (await loadChannels(ctx, [id])).get(id)!;
}

export async function requireChannel(ctx: ServiceContext, id: string) {
  const channel = (await loadChannels(ctx, [id])).get(id);
  if (!channel) throw notFound("channel");
  return channel;
}
