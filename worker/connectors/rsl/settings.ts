/**
 * Settings of an RSL link (楽天スーパーロジスティクス). The API key is sealed with the connection;
 * the base URL is the connection's (RSL publishes no API: the contract is an assumption, see
 * test/fakes/rsl/README.md).
 */
import { z } from "zod";

export const RslSettings = z.object({
  /** 出荷実績の取得件数 per page of results. */
  resultPageSize: z.number().int().min(1).max(100).default(100),
});
export type RslSettings = z.infer<typeof RslSettings>;

export const SETTING_LABELS = {
  resultPageSize: { ja: "出荷実績の取得件数", zh: "发货结果每页条数", en: "Results per page" },
} as const;
