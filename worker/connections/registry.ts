/**
 * The connector registry. Each connector (worker/connectors/<system>/index.ts) registers its
 * definition: labels, settings schema, and what it can do with stock. The hub's own code only
 * ever talks to connectors through this shape.
 */
import type { z } from "zod";
import type { LinkChecks } from "../../shared/schemas/sync";
import type { ServiceContext } from "../context";
import type { ConnectionRecord } from "./connections";

export interface Labels {
  ja: string;
  zh: string;
  en: string;
}

/** One SKU's stock as pushed to an external system. */
export interface StockPushItem {
  skuId: string;
  skuCode: string;
  /** External location (from external_links) or null when the system keeps one total. */
  externalLocationId: string | null;
  available: number;
  onHand: number;
}

export interface ConnectorStock {
  /** Push stock for these SKUs. `idempotencyKey` is stable across retries of the same push. */
  push(ctx: ServiceContext, connection: ConnectionRecord, items: StockPushItem[], idempotencyKey: string): Promise<void>;
}

export interface ConnectorDefinition {
  kind: string;
  label: Labels;
  settings: z.ZodType<Record<string, unknown>>;
  stock?: ConnectorStock;
  /** Store documents go to this system: the database queues a document_exports row for each. */
  exportsDocuments?: boolean;
  /**
   * Checks the credentials and the remote setup with harmless calls. A connector that has it links
   * as 'pending' and becomes 'authorized' only once a verification passes (throw on bad credentials).
   */
  verify?(ctx: ServiceContext, connection: ConnectionRecord): Promise<LinkChecks>;
  /** Checks settings against Renkei's data and writes what follows from them (e.g. location links); throws ServiceError. */
  applySettings?(ctx: ServiceContext, connection: ConnectionRecord, settings: Record<string, unknown>): Promise<void>;
  /** Refuses to start while setup is incomplete, naming what is missing (ServiceError with issues). */
  beforeStart?(ctx: ServiceContext, connection: ConnectionRecord): Promise<void>;
  /**
   * Called once the link has turned 'started' (from 'authorized' or 'stopped'), after the status is
   * saved — not when an already started link is started again. Changes made on either side while the
   * link was stopped were not synced; this is where a connector queues their reconciliation.
   */
  afterStart?(ctx: ServiceContext, connection: ConnectionRecord): Promise<void>;
}

const connectors = new Map<string, ConnectorDefinition>();

export function registerConnector(definition: ConnectorDefinition) {
  connectors.set(definition.kind, definition);
}

export function findConnector(kind: string): ConnectorDefinition | undefined {
  return connectors.get(kind);
}

export function connectorKinds(): ConnectorDefinition[] {
  return [...connectors.values()];
}
