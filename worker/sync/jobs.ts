/**
 * The job registry. Core jobs and each connector's jobs register a handler by name; the consumer
 * looks them up. A handler gets a merchant-scoped context and returns counts for the run log.
 */
import type { ServiceContext } from "../context";
import type { ConnectionRecord } from "../connections/connections";
import { findConnector } from "../connections/registry";

export interface JobRun {
  ctx: ServiceContext;
  connection: ConnectionRecord | null;
  payload: Record<string, unknown>;
  runId: string;
  attempt: number;
}

export type JobHandler = (run: JobRun) => Promise<Record<string, number>>;

export interface JobDefinition {
  name: string;
  /** Jobs that talk to a connection need one (the consumer loads and passes it). */
  needsConnection: boolean;
  /** The kind of link it runs on; by default a job named "<kind>.<verb>" of a registered connector. */
  connectorKind?: string;
  handler: JobHandler;
}

const registry = new Map<string, JobDefinition>();

export function registerJob(definition: JobDefinition) {
  registry.set(definition.name, definition);
}

export function findJob(name: string): JobDefinition | undefined {
  return registry.get(name);
}

export function jobNames(): string[] {
  return [...registry.keys()].sort();
}

/**
 * What a screen needs to offer a job: whether it needs a connection and, for a connector's job,
 * which kind of link (so a schedule form offers only the links that can run it). A core job that
 * needs a connection of any kind (stock.push) answers connectorKind null.
 */
export function describeJobs() {
  return jobNames().map((name) => {
    const job = registry.get(name)!;
    const prefix = name.split(".")[0]!;
    const connectorKind = job.connectorKind ?? (findConnector(prefix) ? prefix : null);
    return { name, needsConnection: job.needsConnection, connectorKind };
  });
}
