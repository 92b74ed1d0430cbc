// Values the bench global setup (test/bench/node/global-setup.ts) provides to the workerd side.
declare module "vitest" {
  export interface ProvidedContext {
    fakesUrl: string;
    benchProbeUrl: string;
  }
}
export {};
