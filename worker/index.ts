/**
 * Renkei hub: one worker, three triggers.
 *  fetch     — the Hono app (admin and POS APIs, OAuth callbacks, webhooks) and the PWA shells;
 *  queue     — runs sync jobs, each acked or retried on its own;
 *  scheduled — the every-minute dispatcher that enqueues what is due in each merchant's time zone.
 * `satisfies` (not a type annotation) keeps worker.queue() / worker.scheduled() callable in tests.
 */
import "./messages";
import { app } from "./http/app";
import "./jobs";
import { consumeBatch } from "./sync/consumer";
import { dispatchDue } from "./sync/dispatcher";
import type { JobMessage } from "./sync/messages";

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    await consumeBatch(batch, env);
  },
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(dispatchDue(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env, JobMessage>;
