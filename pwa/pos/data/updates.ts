/**
 * App updates through workbox-window, decided by the clerk (Squoosh's service-worker bridge): a
 * new service worker installs and waits; the screens announce it and call applyUpdate() only with
 * an empty cart; then the waiting worker is told to skip waiting and the page reloads once the new
 * one controls it. The generated worker never skips waiting by itself (pwa/vite.config.ts).
 * IndexedDB is untouched by an update: the outbox survives it.
 */
import type { Workbox } from "workbox-window";

export const SW_URL = "/pos/sw.js";
export const SW_SCOPE = "/pos/";
const CHECK_EVERY_MS = 30 * 60_000;

export class AppUpdates {
  private workbox: Workbox | null = null;
  private waiting = false;
  private applying = false;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly changed: () => void) {}

  get updateWaiting(): boolean {
    return this.waiting;
  }

  /** Registers the POS service worker (browsers with service workers, over http(s) only). */
  async start(): Promise<void> {
    if (typeof navigator === "undefined" || !("serviceWorker" in navigator) || typeof window === "undefined") return;
    // loaded after start: not part of the POS's first chunk (precached all the same)
    const { Workbox } = await import("workbox-window");
    const workbox = new Workbox(SW_URL, { scope: SW_SCOPE });
    workbox.addEventListener("waiting", () => {
      this.waiting = true;
      this.changed();
    });
    this.workbox = workbox;
    try {
      await workbox.register({ immediate: true });
    } catch (error) {
      // e.g. `vite dev`, where no /pos/sw.js is built: the POS still runs, only without offline shell
      console.warn("POS service worker not registered", error);
      this.workbox = null;
      return;
    }
    const check = () => void workbox.update().catch(() => undefined);
    this.timer = setInterval(check, CHECK_EVERY_MS);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") check();
    });
  }

  /** Apply the waiting version: skip waiting, reload when it controls the page. */
  async apply(beforeSkip: () => Promise<void>): Promise<void> {
    const workbox = this.workbox;
    if (!workbox || !this.waiting || this.applying) return;
    await beforeSkip();
    this.applying = true;
    let reloaded = false;
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      if (reloaded) return;
      reloaded = true;
      window.location.reload();
    });
    workbox.messageSkipWaiting();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
