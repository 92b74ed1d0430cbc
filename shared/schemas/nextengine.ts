/**
 * NextEngine API v1 wire shapes (reference §2): every answer is an envelope whose `result` is
 * success | error | redirect, with `code` / `message` on failure, `count` (often a string),
 * `data` rows whose values are strings or null, and the token pair with its end dates on most
 * answers. Loose objects: NextEngine adds fields, and an unknown field must not break a sync.
 */
import { z } from "zod";

export const NeResult = z.enum(["success", "error", "redirect"]);

/** A row as NextEngine returns it: strings (numbers too) or null. */
export const NeRow = z.record(z.string(), z.union([z.string(), z.number(), z.null()]).transform((v) => (typeof v === "number" ? String(v) : v)));
export type NeRow = z.infer<typeof NeRow>;

const NeString = z.union([z.string(), z.number()]).transform(String);

export const NeEnvelope = z.looseObject({
  result: NeResult,
  code: NeString.optional(),
  // documented as a string, or a list of row messages on some APIs
  message: z.unknown().optional(),
  count: NeString.optional(),
  data: z.array(NeRow).optional(),
  que_id: NeString.optional(),
  access_token: z.string().optional(),
  access_token_end_date: z.string().nullable().optional(),
  refresh_token: z.string().optional(),
  refresh_token_end_date: z.string().nullable().optional(),
});
export type NeEnvelope = z.infer<typeof NeEnvelope>;

/** /api_neauth: the token pair plus the company and the user who logged in (fields seen in clients [S]). */
export const NeAuthorization = z.looseObject({
  result: z.literal("success"),
  access_token: z.string(),
  access_token_end_date: z.string().nullable().optional(),
  refresh_token: z.string(),
  refresh_token_end_date: z.string().nullable().optional(),
  company_app_header: z.string().optional(),
  company_ne_id: z.string().optional(),
  company_name: z.string().optional(),
  company_kana: z.string().optional(),
  uid: z.string().optional(),
  pic_ne_id: z.string().optional(),
  pic_name: z.string().optional(),
  pic_kana: z.string().optional(),
  pic_mail_address: z.string().optional(),
});
export type NeAuthorization = z.infer<typeof NeAuthorization>;

/** que_status_id of the upload queue (NE-12 constants): -1 failed, 1 running, 2 done; 0 waiting is assumed. */
export const NE_QUE_STATUS = { "-1": "failed", "0": "waiting", "1": "running", "2": "completed" } as const;
export type NeQueState = (typeof NE_QUE_STATUS)[keyof typeof NE_QUE_STATUS] | "unknown";
