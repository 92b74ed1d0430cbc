/**
 * The fake's own check of the 企业版 openapi2 signature, written apart from the client's signer on
 * purpose: a mistake shared by both would otherwise pass every test. Algorithm of the official
 * WdtClient.php (packData / makeSign): sort the parameters by key, skip `sign`, and for each one
 * write `%02d(len key)-key:%04d(len value)-value`, joined with ";", then md5(joined + appsecret)
 * in lowercase hex. Lengths are iconv_strlen(…, 'UTF-8'), i.e. characters (code points), not bytes.
 */
import { createHash } from "node:crypto";

const characters = (text: string) => Array.from(text).length;

export function packParams(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((key) => key !== "sign")
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => {
      const value = params[key]!;
      return `${String(characters(key)).padStart(2, "0")}-${key}:${String(characters(value)).padStart(4, "0")}-${value}`;
    })
    .join(";");
}

export function signParams(params: Record<string, string>, appsecret: string): string {
  return createHash("md5").update(packParams(params) + appsecret, "utf8").digest("hex");
}
