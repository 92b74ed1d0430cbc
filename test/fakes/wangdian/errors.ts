/**
 * Error codes of the 企业版 envelope. Documented ones carry their source (reference §4.2, WD-4);
 * the codes for a bad signature, an expired timestamp and call limits are not public, so they
 * are our own numbers [I] — the client must key on them only through WANGDIAN_CODES.
 */
export const CODES = {
  OK: 0,
  BUSINESS: 99, // business validation, e.g. the buyer_nick rule [W→S]
  APPKEY_INVALID: 1007, // appkey disabled / unknown [W→S]
  SIGN_INVALID: 1010, // [I]
  TIMESTAMP_EXPIRED: 1011, // [I]
  DUPLICATE_OPERATION: 1020, // [W→S]
  RATE_LIMITED: 1050, // per-minute frequency limit [I] (message as 旗舰版's)
  DAILY_LIMIT: 1051, // daily call budget, e.g. stock_sync_by_pd 2,000 a day [I]
  SHOP_INVALID: 2310, // shop not found or disabled [W→S]
  INVALID_PARAM: 2830, // invalid parameter value [W→S]
  MISSING_PARAM: 21000003, // required parameter missing [W→S]
  DUPLICATE_OUTER_NO: 21000006, // duplicate outer_no / api_outer_no [W→S]
  NO_GOODS_MATCHED: 21000024, // [W→S]
} as const;

/** Thrown by an endpoint; the router turns it into `{ code, message }` with HTTP 200. */
export class WdtFault extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
