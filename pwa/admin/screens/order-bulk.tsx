/**
 * Bulk actions on the selected orders: status, tags, allocation (引当), cancel and delete. Cancel
 * and delete act in Renkei only — the mall's own order is not cancelled or deleted — and the
 * confirmation says so. Each answer lists the orders it could not change, with the reason.
 */
import { useState } from "preact/hooks";
import { TERMINAL_STATUSES } from "../../../shared/orders";
import { apiPost } from "../api";
import { ConfirmDialog } from "../components/confirm-dialog";
import { FormErrors } from "../components/field";
import type { MessageKey } from "../i18n";
import { statusName } from "../format";
import { useLang, useT } from "../locale";
import { splitTags } from "../order-filter";
import { hasRole, useSession } from "../session";
import type { BulkResult, OrderStatus } from "../types";

type Dangerous = "cancel" | "delete";

export function BulkBar(props: { orderIds: string[]; statuses: OrderStatus[]; onClear: () => void; onDone: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { me } = useSession();
  const [status, setStatus] = useState("");
  const [tagText, setTagText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ action: MessageKey; result: BulkResult } | null>(null);
  const [confirming, setConfirming] = useState<Dangerous | null>(null);
  const count = props.orderIds.length;
  const tags = splitTags(tagText);

  async function run(action: MessageKey, path: string, body: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const answer = await apiPost<BulkResult>(path, { orderIds: props.orderIds, ...body });
      setResult({ action, result: answer });
      props.onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  // Shipping and cancelling have their own verbs; the worker refuses them as a plain status change.
  const movable = props.statuses.filter((s) => !TERMINAL_STATUSES.includes(s.code));

  // Mounted while nothing is selected too, so the outcome of the last action stays readable.
  if (count === 0) return result ? <BulkOutcome action={result.action} result={result.result} /> : null;

  return (
    <div class="bulk" role="region" aria-label={t("bulk.label")}>
      <p class="bulk__count">
        {t("bulk.selected", { count })}
        <button type="button" class="button--quiet" onClick={props.onClear}>
          {t("bulk.clear")}
        </button>
      </p>
      <div class="bulk__actions">
        <span class="bulk__group">
          <select aria-label={t("bulk.status")} value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="">{t("bulk.status")}</option>
            {movable.map((s) => (
              <option value={s.code}>{statusName(props.statuses, s.code, lang)}</option>
            ))}
          </select>
          <button type="button" disabled={busy || !status} onClick={() => void run("bulk.status", "/api/orders/bulk/status", { status })}>
            {t("action.apply")}
          </button>
        </span>
        <span class="bulk__group">
          <input aria-label={t("bulk.tags")} placeholder={t("bulk.tags")} value={tagText} onInput={(e) => setTagText(e.currentTarget.value)} />
          <button type="button" disabled={busy || tags.length === 0} onClick={() => void run("bulk.addTag", "/api/orders/bulk/tags", { add: tags, remove: [] })}>
            {t("bulk.addTag")}
          </button>
          <button type="button" disabled={busy || tags.length === 0} onClick={() => void run("bulk.removeTag", "/api/orders/bulk/tags", { add: [], remove: tags })}>
            {t("bulk.removeTag")}
          </button>
        </span>
        <button type="button" disabled={busy} onClick={() => void run("bulk.allocate", "/api/orders/bulk/allocate", {})}>
          {t("bulk.allocate")}
        </button>
        {hasRole(me, "manager") && (
          <>
            <button type="button" class="button--danger" disabled={busy} onClick={() => setConfirming("cancel")}>
              {t("bulk.cancel")}
            </button>
            <button type="button" class="button--danger" disabled={busy} onClick={() => setConfirming("delete")}>
              {t("bulk.delete")}
            </button>
          </>
        )}
      </div>
      <FormErrors error={error} />
      {result && <BulkOutcome action={result.action} result={result.result} />}
      {confirming && (
        <ConfirmDialog
          title={t(confirming === "cancel" ? "bulk.cancelTitle" : "bulk.deleteTitle", { count })}
          confirmLabel={t(confirming === "cancel" ? "bulk.cancel" : "bulk.delete")}
          danger
          onClose={() => setConfirming(null)}
          onConfirm={() => void run(confirming === "cancel" ? "bulk.cancel" : "bulk.delete", `/api/orders/bulk/${confirming}`, {})}
        >
          <p>{t(confirming === "cancel" ? "bulk.cancelNote" : "bulk.deleteNote")}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function BulkOutcome({ action, result }: { action: MessageKey; result: BulkResult }) {
  const t = useT();
  const failed = result.results.filter((r) => !r.ok);
  return (
    <div class={`notice ${failed.length ? "notice--warn" : "notice--ok"}`} role="status">
      <p>{t("bulk.done", { action: t(action), changed: result.changed, failed: failed.length })}</p>
      {failed.length > 0 && (
        <ul>
          {failed.map((r) => (
            <li>
              <code>{r.orderId}</code> {r.message ?? t("bulk.notChanged")}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
