/**
 * What a NextEngine call can end in, besides success. Overload (003001 / 003002), 5xx and network
 * failures are TransientError (worker/sync/messages.ts) so the queue backs off; everything here
 * is permanent for the call that raised it, and says what the caller must do instead.
 */
import { TransientError } from "../../sync/messages";

/** 003001 / 003002: NextEngine was overloaded and did not run the call; back off and call again. */
export class NextEngineOverloadError extends TransientError {
  override name = "NextEngineOverloadError";
  constructor(
    readonly code: string,
    detail: string,
    readonly path: string,
  ) {
    super(`NextEngine overload ${code} ${path}: ${detail}`);
  }
}

/** Any `result: "error"` NextEngine answered, with its 6-digit code. */
export class NextEngineApiError extends Error {
  override name = "NextEngineApiError";
  constructor(
    readonly code: string,
    /** NextEngine's own message, as it came */
    readonly detail: string,
    readonly path: string,
  ) {
    super(`NextEngine ${path}: ${code} ${detail}`);
  }
}

/**
 * `result: "redirect"`: the tokens are gone (refresh token expired or missing). Nothing retries
 * this; the link must stop and ask the merchant to log in to NextEngine again.
 */
export class NextEngineRedirectError extends Error {
  override name = "NextEngineRedirectError";
  constructor(
    readonly code: string,
    message: string,
    readonly path: string,
  ) {
    super(`NextEngine ${path}: ${code} ${message} — ネクストエンジンに再ログインして下さい (log in to NextEngine again)`);
  }
}

/**
 * The order changed since it was read (stale receive_order_last_modified_date). Re-read the
 * order and re-apply the change to what is there now; never resend the old lock.
 */
export class NextEngineConflictError extends NextEngineApiError {
  override name = "NextEngineConflictError";
  constructor(
    code: string,
    message: string,
    path: string,
    readonly receiveOrderId: string,
  ) {
    super(code, message, path);
  }
}

/**
 * A stock upload was sent but no que_id came back (cut connection, 5xx, an unreadable answer):
 * NextEngine may or may not apply it. zaiko_su adds, so resending could count twice — reconcile
 * against master_stock (and the upload queue) before anything is sent again.
 */
export class UploadOutcomeUnknownError extends Error {
  override name = "UploadOutcomeUnknownError";
  constructor(
    message: string,
    /** the CSV that was sent, to compare with master_stock */
    readonly csv: string,
  ) {
    super(`NextEngine stock upload outcome unknown: ${message}`);
  }
}

/** Input NextEngine would refuse, caught before sending (e.g. a 商品コード outside its rules). */
export class NextEngineInputError extends Error {
  override name = "NextEngineInputError";
}
