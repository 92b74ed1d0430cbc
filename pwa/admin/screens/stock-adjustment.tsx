/**
 * A manual stock adjustment through the ledger (POST /api/stock/adjustments). The idempotency key
 * is made once per submission (SubmissionKey): a retry after a lost answer re-sends the same key,
 * so a double tap or a flaky network never adjusts twice. Without a fixed SKU (from the stock
 * list) the SKU is picked by searching the catalog.
 */
import { useRef, useState } from "preact/hooks";
import { ApiError, apiGet, apiPost } from "../api";
import { Field, FormErrors } from "../components/field";
import { issuesByPath } from "../form-issues";
import { SubmissionKey } from "../idempotency";
import { useT } from "../locale";
import type { AdjustmentResult, Location, ProductList, StockAdjustment } from "../types";

export const BUCKETS = ["on_hand", "held", "incoming"] as const;
export const REASONS = ["adjustment", "receipt", "count_correction", "damage", "hold", "release_hold", "incoming"] as const;
const FIELDS = ["skuId", "locationId", "bucket", "quantity", "reason", "note"];

interface PickedSku {
  id: string;
  label: string;
}

export function AdjustmentForm(props: { sku?: PickedSku; locations: Location[]; defaultLocationId?: string; onApplied: () => void }) {
  const t = useT();
  const submission = useRef(new SubmissionKey());
  const [sku, setSku] = useState<PickedSku | undefined>(props.sku);
  const [locationId, setLocationId] = useState(props.defaultLocationId ?? "");
  const [bucket, setBucket] = useState<(typeof BUCKETS)[number]>("on_hand");
  const [reason, setReason] = useState<(typeof REASONS)[number]>("adjustment");
  const [quantity, setQuantity] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<AdjustmentResult | null>(null);
  const [busy, setBusy] = useState(false);
  const issues = issuesByPath(error);

  async function submit(event: Event) {
    event.preventDefault();
    setResult(null);
    const local: { path: string[]; message: string }[] = [];
    if (!sku) local.push({ path: ["skuId"], message: t("form.required") });
    if (!locationId) local.push({ path: ["locationId"], message: t("form.required") });
    if (!/^[-+]?\d+$/.test(quantity.trim())) local.push({ path: ["quantity"], message: t("form.wholeNumber") });
    if (local.length) {
      setError(new ApiError(0, "LOCAL", t("form.fix"), local));
      return;
    }
    const values = { skuId: sku!.id, locationId, bucket, reason, quantity: Number(quantity.trim()), ...(note.trim() ? { note: note.trim() } : {}) };
    const body: StockAdjustment = { idempotencyKey: submission.current.keyFor(values), ...values };
    setBusy(true);
    setError(null);
    try {
      setResult(await apiPost<AdjustmentResult>("/api/stock/adjustments", body));
      submission.current.settle();
      setQuantity("");
      setNote("");
      props.onApplied();
    } catch (failure) {
      // A refusal is final; only "no answer" (network, 5xx) keeps the key for the retry.
      const status = (failure as ApiError).status ?? 0;
      if (status >= 400 && status < 500) submission.current.settle();
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card form" onSubmit={submit} noValidate>
      <h2>{t("stock.adjust")}</h2>
      {result && (
        <p class="notice notice--ok" role="status">
          {t(result.applied ? "adjust.applied" : "adjust.duplicate", { onHand: result.level.onHand, available: result.level.available })}
        </p>
      )}
      <FormErrors error={error} shownPaths={FIELDS} />
      <div class="form__grid">
        {props.sku ? (
          <Field label={t("sku.code")} errors={issues.get("skuId")}>
            <output>{props.sku.label}</output>
          </Field>
        ) : (
          <SkuPicker picked={sku} onPick={setSku} errors={issues.get("skuId")} />
        )}
        <Field label={t("stock.location")} errors={issues.get("locationId")}>
          <select value={locationId} onChange={(e) => setLocationId(e.currentTarget.value)}>
            <option value="">{t("filter.choose")}</option>
            {props.locations.map((l) => (
              <option value={l.id}>{`${l.name} (${l.code})`}</option>
            ))}
          </select>
        </Field>
        <Field label={t("adjust.bucket")} errors={issues.get("bucket")}>
          <select value={bucket} onChange={(e) => setBucket(e.currentTarget.value as (typeof BUCKETS)[number])}>
            {BUCKETS.map((b) => (
              <option value={b}>{t(`bucket.${b}`)}</option>
            ))}
          </select>
        </Field>
        <Field label={t("adjust.quantity")} errors={issues.get("quantity")} hint={t("adjust.quantityHint")}>
          <input inputMode="numeric" value={quantity} onInput={(e) => setQuantity(e.currentTarget.value)} />
        </Field>
        <Field label={t("adjust.reason")} errors={issues.get("reason")}>
          <select value={reason} onChange={(e) => setReason(e.currentTarget.value as (typeof REASONS)[number])}>
            {REASONS.map((r) => (
              <option value={r}>{t(`reason.${r}`)}</option>
            ))}
          </select>
        </Field>
        <Field label={t("adjust.note")} errors={issues.get("note")} wide>
          <input maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </Field>
      </div>
      <div class="form__actions">
        <button type="submit" class="button--primary" disabled={busy}>
          {busy ? t("state.working") : t("adjust.submit")}
        </button>
      </div>
    </form>
  );
}

/** Finds a SKU by code, name or barcode through the product search, and picks one of its SKUs. */
function SkuPicker({ picked, onPick, errors }: { picked?: PickedSku; onPick: (sku: PickedSku | undefined) => void; errors?: string[] }) {
  const t = useT();
  const [text, setText] = useState("");
  const [found, setFound] = useState<PickedSku[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function find() {
    if (!text.trim()) return;
    setError(null);
    try {
      const page = await apiGet<ProductList>("/api/products", { q: text.trim(), limit: 10 });
      setFound(page.items.flatMap((p) => p.skus.map((s) => ({ id: s.id, label: `${s.code} ${p.name}${s.specName ? ` / ${s.specName}` : ""}` }))));
    } catch (failure) {
      setError(failure);
    }
  }

  if (picked) {
    return (
      <Field label={t("sku.code")} errors={errors} group>
        <span class="picked">
          <output>{picked.label}</output>
          <button type="button" class="button--quiet" onClick={() => onPick(undefined)}>
            {t("action.change")}
          </button>
        </span>
      </Field>
    );
  }
  return (
    <Field label={t("sku.code")} errors={errors} wide group>
      <span class="picker">
        <input
          type="search"
          placeholder={t("products.searchHint")}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Enter searches here instead of submitting the adjustment.
            if (e.key === "Enter") {
              e.preventDefault();
              void find();
            }
          }}
        />
        <button type="button" onClick={() => void find()}>
          {t("action.search")}
        </button>
      </span>
      <FormErrors error={error} />
      {found && found.length === 0 && <span class="empty">{t("state.empty")}</span>}
      {found && found.length > 0 && (
        <ul class="picker__results">
          {found.map((sku) => (
            <li>
              <button type="button" class="button--quiet" onClick={() => onPick(sku)}>
                {sku.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Field>
  );
}
