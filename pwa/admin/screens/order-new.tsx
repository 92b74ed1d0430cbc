/**
 * 受注登録: an order entered by hand (POST /api/orders). Lines come from a SKU search; a unit
 * product's line takes its order value (注文単位) in the sales unit, labelled with the unit's
 * display name and range (「長さ (cm) 10〜1000」), and shows its price as the worker will compute it
 * (order-entry.ts). The worker prices, checks the range and allocates; a short SKU refuses the
 * whole order (409 INSUFFICIENT_STOCK, 在庫数 − 注文 < 0) and its message shows on the lines of that
 * SKU. One idempotency key per submission, so a retry after a lost answer never enters it twice.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { Currency } from "../../../shared/money";
import { apiPost } from "../api";
import { Field, FormErrors } from "../components/field";
import { FormActions } from "../components/form-actions";
import { SkuFinder } from "../components/sku-finder";
import { useAction } from "../components/use-action";
import { useLookup } from "../data";
import { asCurrency, formatMoney } from "../format";
import { issuesByPath } from "../form-issues";
import { SubmissionKey } from "../idempotency";
import { useT } from "../locale";
import { Link, navigate } from "../navigation";
import {
  addLine,
  emptyEntry,
  entryFieldPaths,
  linePreview,
  outOfRange,
  roundingOf,
  subtotalPreview,
  toManualOrder,
  type EntryDraft,
  type EntryLine,
} from "../order-entry";
import { pathFor } from "../router";
import { useSession } from "../session";
import type { Channel, Items, Location, Order, PaymentMethod } from "../types";

type TextField = "customerName" | "shippingAddress" | "shippingFee" | "note";

export default function OrderNewScreen() {
  const t = useT();
  const { me } = useSession();
  const currency = asCurrency(me.merchant.currency);
  const rounding = roundingOf(me.merchant.unitRounding);
  const channels = useLookup<Items<Channel>>("/api/channels");
  const locations = useLookup<Items<Location>>("/api/locations");
  const paymentMethods = useLookup<Items<PaymentMethod>>("/api/payment-methods");
  const submission = useRef(new SubmissionKey());
  const nextKey = useRef(1);
  const [draft, setDraft] = useState<EntryDraft>(() => emptyEntry());
  const save = useAction();
  const issues = issuesByPath(save.error);

  // The hand-entry channel is the usual one; any channel can be chosen.
  useEffect(() => {
    const items = channels.data?.items;
    if (!items?.length) return;
    setDraft((d) => (d.channelId ? d : { ...d, channelId: (items.find((c) => c.kind === "manual") ?? items[0]!).id }));
  }, [channels.data]);

  const set = <K extends keyof EntryDraft>(key: K, value: EntryDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setLine = (key: number, change: Partial<EntryLine>) =>
    setDraft((d) => ({ ...d, lines: d.lines.map((l) => (l.key === key ? { ...l, ...change } : l)) }));

  async function submit(event: Event) {
    event.preventDefault();
    const { values, issues: local } = toManualOrder(draft, currency);
    if (local.length) return save.refuse(local);
    await save.run(async () => {
      const order = await submission.current.send(values, (idempotencyKey) => apiPost<Order>("/api/orders", { idempotencyKey, ...values }));
      navigate(pathFor("order", { id: order.id }, { created: 1 }));
    });
  }

  const text = (key: TextField, label: string, multiline = false, hint?: string) => (
    <Field label={label} errors={issues.get(key)} hint={hint} wide={multiline}>
      {multiline ? (
        <textarea rows={3} value={draft[key]} onInput={(e) => set(key, e.currentTarget.value)} />
      ) : (
        <input value={draft[key]} inputMode={key === "shippingFee" ? "decimal" : undefined} onInput={(e) => set(key, e.currentTarget.value)} />
      )}
    </Field>
  );
  const subtotal = subtotalPreview(draft.lines, rounding);

  return (
    <section>
      <Link href={pathFor("orders")} class="back">
        ← {t("orders.title")}
      </Link>
      <h1>{t("entry.title")}</h1>
      <form class="form" onSubmit={submit} noValidate>
        <FormErrors error={save.error} shownPaths={entryFieldPaths(draft.lines.length)} />
        <fieldset class="form__grid">
          <legend>{t("entry.header")}</legend>
          <Field label={t("order.channel")} errors={issues.get("channelId")}>
            <select value={draft.channelId} onChange={(e) => set("channelId", e.currentTarget.value)}>
              <option value="">{t("filter.choose")}</option>
              {channels.data?.items.map((c) => (
                <option value={c.id}>{c.name}</option>
              ))}
            </select>
          </Field>
          <Field label={t("order.location")} errors={issues.get("locationId")} hint={t("entry.locationDefault")}>
            <select value={draft.locationId} onChange={(e) => set("locationId", e.currentTarget.value)}>
              <option value="">{t("filter.none")}</option>
              {locations.data?.items.map((l) => (
                <option value={l.id}>{`${l.name} (${l.code})`}</option>
              ))}
            </select>
          </Field>
          <Field label={t("order.paymentMethod")} errors={issues.get("paymentMethodId")}>
            <select value={draft.paymentMethodId} onChange={(e) => set("paymentMethodId", e.currentTarget.value)}>
              <option value="">{t("filter.none")}</option>
              {paymentMethods.data?.items.map((p) => (
                <option value={p.id}>{p.name}</option>
              ))}
            </select>
          </Field>
          {text("customerName", t("orders.customer"))}
          {text("shippingFee", t("order.shippingFee"), false, t(currency === "JPY" ? "form.amountJpy" : "form.amountCny"))}
          {text("shippingAddress", t("order.address"), true)}
          {text("note", t("order.note"), true)}
        </fieldset>

        <fieldset>
          <legend>{t("order.lines")}</legend>
          <SkuFinder currency={currency} errors={issues.get("lines")} onPick={(sku) => set("lines", addLine(draft.lines, sku, nextKey.current++))} />
          {draft.lines.map((line, i) => (
            <LineRow
              line={line}
              index={i}
              preview={linePreview(line, rounding)}
              issues={issues}
              currency={currency}
              onChange={(change) => setLine(line.key, change)}
              onRemove={() => set("lines", draft.lines.filter((l) => l.key !== line.key))}
            />
          ))}
          {draft.lines.length > 0 && (
            <dl class="totals">
              <dt>{t("entry.subtotal")}</dt>
              <dd>
                <output>{subtotal === null ? "—" : formatMoney(subtotal, currency)}</output>
              </dd>
            </dl>
          )}
          {rounding && <p class="muted">{t("entry.previewNote", { rounding: t(`rounding.${rounding}`) })}</p>}
        </fieldset>

        <FormActions label={t("entry.submit")} busy={save.busy} />
      </form>
    </section>
  );
}

function LineRow(props: {
  line: EntryLine;
  index: number;
  preview: { unitPrice: number; amount: number } | null;
  issues: Map<string, string[]>;
  currency: Currency;
  onChange: (change: Partial<EntryLine>) => void;
  onRemove: () => void;
}) {
  const t = useT();
  const { line, index, preview, currency } = props;
  const { sku } = line;
  const at = (field: string) => props.issues.get(`lines.${index}.${field}`);
  const money = (minor: number) => formatMoney(minor, currency);
  return (
    <div class="sku-row entry-line">
      <p class="entry-line__item">
        <span class="muted">#{index + 1}</span> <code>{sku.code}</code> {sku.label}{" "}
        <span class="muted">
          {sku.unit ? t("entry.listPrice", { amount: sku.unit.conversion, unit: sku.unit.salesUnit, price: money(sku.price) }) : money(sku.price)}
        </span>
      </p>
      {sku.unit && (
        <Field label={t("entry.unitValue", { name: sku.unit.displayName, unit: sku.unit.salesUnit, min: sku.unit.min, max: sku.unit.max })} errors={at("unitValue")}>
          <input inputMode="numeric" value={line.unitValue} onInput={(e) => props.onChange({ unitValue: e.currentTarget.value })} />
        </Field>
      )}
      <Field label={t("order.quantity")} errors={at("quantity")}>
        <input inputMode="numeric" value={line.quantity} onInput={(e) => props.onChange({ quantity: e.currentTarget.value })} />
      </Field>
      <Field label={t("order.unitPrice")}>
        <output>{preview ? money(preview.unitPrice) : "—"}</output>
      </Field>
      <Field label={t("entry.preview")} errors={[...(at("stock") ?? []), ...(at("skuId") ?? [])]}>
        <output aria-live="polite">{preview ? money(preview.amount) : outOfRange(line) ? t("entry.outOfRange") : "—"}</output>
      </Field>
      <button type="button" class="button--quiet sku-row__remove" onClick={props.onRemove}>
        {t("entry.removeLine", { no: index + 1 })}
      </button>
    </div>
  );
}
