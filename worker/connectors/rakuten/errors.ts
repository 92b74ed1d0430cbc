/**
 * How an RMS answer becomes a result or an error. RMS reports business errors in MessageModelList
 * with messageType ERROR, and sometimes with HTTP 200, so the status alone proves nothing: every
 * body is read. Throttling, 5xx and network trouble are TransientError (the queue retries with
 * back-off, honouring Retry-After); a wrong or expired license key is RmsAuthError, which should
 * stop the link with a clear message instead of being retried.
 */
import { RmsGatewayError, RmsMessage } from "../../../shared/schemas/rakuten";
import { TransientError } from "../../sync/messages";

/** RMS refused the call (validation or business rule). `messages` are RMS's own. */
export class RmsError extends Error {
  override name = "RmsError";
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly messages: RmsMessage[] = [],
  ) {
    super(message);
  }
}

/** Credentials refused (ES01-01) or the API function not enabled in RMS (ES04-01). Retrying cannot help. */
export class RmsAuthError extends RmsError {
  override name = "RmsAuthError";
}

export function retryAfterSeconds(response: Response): number | undefined {
  const value = Number(response.headers.get("retry-after") ?? "");
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

const describe = (messages: RmsMessage[]) => messages.map((m) => `${m.messageCode}${m.orderNumber ? ` [${m.orderNumber}]` : ""}: ${m.message ?? ""}`).join("; ");

/**
 * Reads one RMS answer. `perOrder`: ERROR messages that name an order are that order's outcome
 * (confirmOrder), returned to the caller, not a failure of the call.
 */
export async function readRmsAnswer(fn: string, response: Response, perOrder = false): Promise<unknown> {
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const gateway = RmsGatewayError.safeParse(body);
  const gatewayCode = gateway.success ? gateway.data.Results.errorCode : undefined;
  if (response.status === 429 || response.status >= 500) {
    throw new TransientError(`RMS ${fn}: HTTP ${response.status}${gatewayCode ? ` ${gatewayCode}` : ""}`, retryAfterSeconds(response));
  }
  if (response.status === 401 || response.status === 403 || gatewayCode === "ES01-01" || gatewayCode === "ES04-01") {
    const hint = gatewayCode === "ES04-01" ? "enable the function in RMS (WEB APIサービス → 利用機能)" : "the serviceSecret / licenseKey is wrong or the license key has expired (reissue it in RMS every 90 days)";
    throw new RmsAuthError(`RMS ${fn}: ${gatewayCode ?? `HTTP ${response.status}`}: ${hint}`, response.status, gatewayCode ?? `HTTP_${response.status}`);
  }
  const list = (body as { MessageModelList?: unknown } | null)?.MessageModelList;
  const messages = Array.isArray(list) ? list.map((m) => RmsMessage.safeParse(m)).filter((r) => r.success).map((r) => r.data) : [];
  const failing = messages.filter((m) => m.messageType === "ERROR" && !(perOrder && m.orderNumber));
  if (failing.length) throw new RmsError(`RMS ${fn}: ${describe(failing)}`, response.status, failing[0]!.messageCode, messages);
  if (!response.ok) {
    // getResultUpdateOrderShippingAsync nests its errors one level down.
    const nested = (body as { ResultShippingModelList?: { MessageModelList?: RmsMessage[] }[] } | null)?.ResultShippingModelList?.flatMap((r) => r.MessageModelList ?? []) ?? [];
    throw new RmsError(`RMS ${fn}: HTTP ${response.status} ${gatewayCode ?? (describe(nested) || text.slice(0, 200))}`, response.status, gatewayCode ?? nested[0]?.messageCode ?? `HTTP_${response.status}`, nested);
  }
  if (body === null) throw new TransientError(`RMS ${fn}: HTTP ${response.status} with an unreadable body`);
  return body;
}
