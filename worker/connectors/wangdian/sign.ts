/**
 * The 企业版 openapi2 request signature, as the official WdtClient.php computes it: parameters
 * sorted by key (sign itself skipped), each written `%02d-key:%04d-value` with lengths in
 * characters (iconv_strlen UTF-8 = code points, not bytes, not UTF-16 units), joined by ";", then
 * md5(joined + appsecret) in lowercase hex. Runs in the worker only — never in the browser.
 */
import { md5Hex } from "./md5";

const characters = (text: string) => Array.from(text).length;
const pad = (n: number, width: number) => String(n).padStart(width, "0");

export function packParams(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((key) => key !== "sign")
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => `${pad(characters(key), 2)}-${key}:${pad(characters(params[key]!), 4)}-${params[key]}`)
    .join(";");
}

export function signParams(params: Record<string, string>, appsecret: string): string {
  return md5Hex(packParams(params) + appsecret);
}
