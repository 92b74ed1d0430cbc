/**
 * A manual stock adjustment through the ledger (POST /api/stock/adjustments). The idempotency key
 * is made once per submission (SubmissionKey): a retry after a lost answer re-sends the same key,
 * so a double tap or a flaky network never adjusts twice. Without a fixed SKU (from the stock
 * list) the SKU is picked by searching the catalog.
 */
import { useRef, useState } from "preact/hooks";
import { apiPost } from "../api";
import { Field, FormErrors } from "../components/field";
import { FormActions } from "../components/form-actions";
import { OkNotice } from "../components/ok-notice";
import { SkuSearch, useSkuSearch } from "../components/sku-search";
import { useAction } from "../components/use-action";
import { issuesByPath } from "../form-issues";
import { SubmissionKey } from "../idempotency";
import { useT } from "../locale";
import type { DraftIssue } from "../product-draft";
import type { AdjustmentResult, Location, StockAdjustment } from "../types";

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
  const [result, setResult] = useState<AdjustmentResult | null>(null);
  const save = useAction();
  const issues = issuesByPath(save.error);

  async function submit(event: Event) {
    event.preventDefault();
    setResult(null);
    const local: DraftIssue[] = [];
    if (!sku) local.push({ path: ["skuId"], message: "form.required" });
    if (!locationId) local.push({ path: ["locationId"], message: "form.required" });
    if (!/^[-+]?\d+$/.test(quantity.trim())) local.push({ path: ["quantity"], message: "form.wholeNumber" });
    if (local.length) return save.refuse(local);
    const values = { skuId: sku!.id, locationId, bucket, reason, quantity: Number(quantity.trim()), ...(note.trim() ? { note: note.trim() } : {}) };
    await save.run(async () => {
      setResult(await submission.current.send(values, (idempotencyKey) => apiPost<AdjustmentResult>("/api/stock/adjustments", { idempotencyKey, ...values } satisfies StockAdjustment)));
      setQuantity("");
      setNote("");
      props.onApplied();
    });
  }

  return (
    <form class="card form" onSubmit={submit} noValidate>
      <h2>{t("stock.adjust")}</h2>
      {result && <OkNotice>{t(result.applied ? "adjust.applied" : "adjust.duplicate", { onHand: result.level.onHand, available: result.level.available })}</OkNotice>}
      <FormErrors error={save.error} shownPaths={FIELDS} />
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
      <FormActions label={t("adjust.submit")} busy={save.busy} />
    </form>
  );
}

/** Picks the SKU to adjust through the catalog search; once picked, it shows with a way to change it. */
function SkuPicker({ picked, onPick, errors }: { picked?: PickedSku; onPick: (sku: PickedSku | undefined) => void; errors?: string[] }) {
  const t = useT();
  // Kept while a SKU is picked, so "change" comes back to the same results.
  const search = useSkuSearch(10, (products) =>
    products.flatMap((p) => p.skus.map((s) => ({ id: s.id, label: `${s.code} ${p.name}${s.specName ? ` / ${s.specName}` : ""}` }))),
  );
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
    <SkuSearch search={search} label={t("sku.code")} errors={errors} show={(sku) => sku.label} onPick={onPick} />
  );
}
