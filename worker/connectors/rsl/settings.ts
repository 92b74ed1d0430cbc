/**
 * Settings of an RSL link (楽天スーパーロジスティクス). The API key is sealed with the connection;
 * the base URL is the connection's (RSL publishes no API: the contract is an assumption, see
 * test/fakes/rsl/README.md).
 */
import { z } from "zod";

export const RslSettings = z.object({
  /** 出荷実績の取得件数 per page of results. */
  resultPageSize: z.number().int().min(1).max(100).default(100),
  /**
   * RSLへの送信ペース (calls per second). RSL publishes no limit; Renkei ASSUMES 10 per second per
   * account (one warehouse account), as the fake enforces. 8 leaves room under it for the calls other
   * work makes at the same time (a cancel from the admin, the results job) and for network jitter;
   * a 429 is waited out besides.
   */
  requestsPerSecond: z
    .number({ error: "数値で入力してください (a number)" })
    .int("整数で入力してください (a whole number)")
    .min(1, "RSLへの送信ペースは1件/秒以上です (at least 1 per second)")
    .max(100, "RSLへの送信ペースは100件/秒までです (at most 100 per second)")
    .default(8),
});
export type RslSettings = z.infer<typeof RslSettings>;

export const SETTING_LABELS = {
  resultPageSize: { ja: "出荷実績の取得件数", zh: "发货结果每页条数", en: "Results per page" },
  requestsPerSecond: { ja: "RSLへの送信ペース (件/秒)", zh: "向RSL发送速率 (次/秒)", en: "Calls to RSL per second" },
} as const;
