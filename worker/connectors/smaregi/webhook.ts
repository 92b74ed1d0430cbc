/**
 * Reading a Smaregi webhook. Smaregi signs nothing, so a delivery is trusted only when it carries
 * the link's own secret in a header we configured with the app (assumed: X-Renkei-Webhook-Secret,
 * see test/fakes/smaregi/README.md) and names the link's contract. The body only says *what*
 * changed: the receiver dedupes on `smaregi-event-id` and re-reads each ID from the API.
 */
import { SmaregiWebhookBody } from "../../../shared/schemas/smaregi";

export const WEBHOOK_SECRET_HEADER = "x-renkei-webhook-secret";
export const KNOWN_EVENTS = ["pos:stock", "pos:transactions", "pos:products", "order-shipment:orders"] as const;

export class SmaregiWebhookError extends Error {
  override name = "SmaregiWebhookError";
  constructor(
    /** What to answer: 401 for a bad secret, 400 for a body we cannot read. */
    readonly status: 400 | 401,
    message: string,
  ) {
    super(message);
  }
}

export type SmaregiWebhookEvent =
  | { known: true; eventId: string; body: SmaregiWebhookBody }
  /** An event we did not subscribe to or do not know yet: answer 200 and ignore it. */
  | { known: false; eventId: string; event: string };

/** Length-independent comparison, so the time taken reveals nothing about the secret. */
function sameSecret(a: string, b: string): boolean {
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  let diff = ea.length ^ eb.length;
  for (let i = 0; i < Math.max(ea.length, eb.length); i++) diff |= (ea[i] ?? 0) ^ (eb[i] ?? 0);
  return diff === 0;
}

export async function readSmaregiWebhook(
  request: Request,
  link: { secret: string; contractId: string; secretHeader?: string },
): Promise<SmaregiWebhookEvent> {
  const presented = request.headers.get(link.secretHeader ?? WEBHOOK_SECRET_HEADER) ?? "";
  if (!link.secret || !sameSecret(presented, link.secret)) throw new SmaregiWebhookError(401, "webhook secret does not match this link");
  const contractHeader = request.headers.get("smaregi-contract-id");
  if (contractHeader !== null && contractHeader !== link.contractId) throw new SmaregiWebhookError(401, "webhook is for another contract");
  const eventId = request.headers.get("smaregi-event-id");
  if (!eventId) throw new SmaregiWebhookError(400, "smaregi-event-id header missing");
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    throw new SmaregiWebhookError(400, "body is not JSON");
  }
  const event = (raw as { event?: unknown } | null)?.event ?? request.headers.get("smaregi-event");
  if (typeof event !== "string") throw new SmaregiWebhookError(400, "event missing");
  if (!(KNOWN_EVENTS as readonly string[]).includes(event)) return { known: false, eventId, event };
  const parsed = SmaregiWebhookBody.safeParse(raw);
  if (!parsed.success) throw new SmaregiWebhookError(400, `unreadable ${event} body: ${parsed.error.issues[0]?.message ?? ""}`);
  if (parsed.data.contractId !== link.contractId) throw new SmaregiWebhookError(401, "webhook is for another contract");
  return { known: true, eventId, body: parsed.data };
}
