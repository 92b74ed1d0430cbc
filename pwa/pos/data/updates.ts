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
/** How long the new version may take to take over before the clerk is told and keeps the old one. */
export const TAKEOVER_TIMEOUT_MS = 20_000;

/** The waiting version did not take over; the app keeps running the version it has. */
export class UpdateFailedError extends Error {
  override name = "UpdateFailedError";
}

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

  /**
   * Apply the waiting version: skip waiting, reload when it controls the page. Should it never take
   * over (it turned redundant, or the browser kept the old one), this gives up after
   * TAKEOVER_TIMEOUT_MS and rejects, so the clerk is told and goes on selling with the current
   * version; the next check announces the update again.
   */
  async apply(beforeSkip: () => Promise<void>, timeoutMs = TAKEOVER_TIMEOUT_MS): Promise<void> {
    const workbox = this.workbox;
    if (!workbox || !this.waiting || this.applying) return;
    await beforeSkip();
    this.applying = true;
    const container = navigator.serviceWorker;
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          container.removeEventListener("controllerchange", onChange);
          reject(new UpdateFailedError("the new version did not take over"));
        }, timeoutMs);
        function onChange() {
          clearTimeout(timer);
          container.removeEventListener("controllerchange", onChange);
          resolve();
        }
        container.addEventListener("controllerchange", onChange);
        workbox.messageSkipWaiting();
      });
    } catch (error) {
      this.applying = false;
      this.waiting = false;
      this.changed();
      throw error;
    }
    window.location.reload();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
