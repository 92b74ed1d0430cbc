/**
 * 追跡番号 (発送伝票番号, receive_order_delivery_cut_form_id): 1–30 characters of 0-9 A-Z a-z and "-"
 * (issue 6). Checked where the warehouse enters it, so NextEngine never receives one it would refuse.
 */
const TRACKING_NUMBER = /^[0-9A-Za-z-]{1,30}$/;

/** The reason a tracking number is refused, or null when it is fine. */
export function trackingNumberProblem(value: string): string | null {
  if (!value) return "追跡番号を入力してください (enter the tracking number)";
  if (!TRACKING_NUMBER.test(value)) return "追跡番号は半角英数字とハイフン1〜30文字で入力してください (1–30 characters of 0-9 A-Z a-z -)";
  return null;
}
