/**
 * Starts the fakes of external systems on a loopback port for the whole run and stops them after.
 * Tests read the address with inject("fakesUrl").
 */
import type { TestProject } from "vitest/node";
import { startFakes } from "../fakes/server";

export default async function setup(project: TestProject) {
  const fakes = await startFakes(0);
  project.provide("fakesUrl", fakes.url);
  return async () => {
    await fakes.close();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    fakesUrl: string;
  }
}
