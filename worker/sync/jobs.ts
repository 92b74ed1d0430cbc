/**
 * The job registry. Core jobs and each connector's jobs register a handler by name; the consumer
 * looks them up. A handler gets a merchant-scoped context and returns counts for the run log.
 */
import type { ServiceContext } from "../context";
import type { ConnectionRecord } from "../connections/connections";

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
