/**
 * Global setup of `npm run bench`: the same fakes server as the worker tests
 * (test/worker/global-setup.ts → startFakes), plus the Node-side probe (memory / CPU of workerd,
 * time the fakes spent per request). Bench code reads inject("fakesUrl") and inject("benchProbeUrl").
 */
import type { TestProject } from "vitest/node";
import { startFakes } from "../../fakes/server";
import { startProbe, type FakeTiming } from "./probe";

export default async function setup(project: TestProject) {
  const fakes = await startFakes(0);
  // Time from request received to response finished, for every request the fakes server answers
  // (observed from outside the fake, which stays untouched).
  const fakeTiming: FakeTiming = { requests: 0, ms: 0 };
  fakes.server.prependListener("request", (_req, res) => {
    const started = performance.now();
    res.once("finish", () => {
      fakeTiming.requests++;
      fakeTiming.ms += performance.now() - started;
    });
  });
  const probe = await startProbe(fakeTiming);
  project.provide("fakesUrl", fakes.url);
  project.provide("benchProbeUrl", probe.url);
  return async () => {
    await probe.close();
    await fakes.close();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    fakesUrl: string;
    benchProbeUrl: string;
  }
}
