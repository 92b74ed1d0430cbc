/**
 * A new product with its SKUs and, optionally, a unit (seed 004: 単位設定, with the order-value
 * limits 最低注文単位 / 最高注文単位). The worker validates; its messages appear next to the
 * fields they name, and anything else in the banner above.
 */
import { useState } from "preact/hooks";
import { apiPost } from "../api";
import { Field, FormErrors } from "../components/field";
import { FormActions } from "../components/form-actions";
import { useAction } from "../components/use-action";
import { useLookup } from "../data";
import { asCurrency } from "../format";
import { issuesByPath } from "../form-issues";
import { useT } from "../locale";
import { Link, navigate } from "../navigation";
import { emptyProduct, emptySku, productFieldPaths, toProductInput, type ProductDraft, type SkuDraft } from "../product-draft";
import { pathFor } from "../router";
import { useSession } from "../session";
import type { Items, Product, ProductKind, Unit } from "../types";

const KINDS: ProductKind[] = ["normal", "set_child", "cart_option", "download", "bto_child"];
const TAX_CLASSES = ["standard", "reduced", "exempt"] as const;

export default function ProductNewScreen() {
  const t = useT();
  const { me } = useSession();
  const currency = asCurrency(me.merchant.currency);
  const units = useLookup<Items<Unit>>("/api/units");
  const categories = useLookup<Items<{ id: string; name: string; depth: number }>>("/api/categories");
  const brands = useLookup<Items<{ id: string; name: string }>>("/api/brands");
  const [draft, setDraft] = useState<ProductDraft>(emptyProduct);
  const save = useAction();
  const issues = issuesByPath(save.error);

  const set = <K extends keyof ProductDraft>(key: K, value: ProductDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setSku = (index: number, key: keyof SkuDraft, value: string) =>
    setDraft((d) => ({ ...d, skus: d.skus.map((sku, i) => (i === index ? { ...sku, [key]: value } : sku)) }));

  async function submit(event: Event) {
    event.preventDefault();
    const { input, issues: local } = toProductInput(draft, currency);
    if (local.length) return save.refuse(local);
    await save.run(async () => {
      const product = await apiPost<Product>("/api/products", input);
      navigate(pathFor("products", {}, { q: product.code, created: product.code }));
    });
  }

  const text = (key: "code" | "name" | "unitMin" | "unitMax" | "packQuantity", label: string, extra: { inputMode?: "numeric"; required?: boolean; hint?: string } = {}) => (
    <Field label={label} errors={issues.get(key)} hint={extra.hint}>
      <input value={draft[key]} required={extra.required} inputMode={extra.inputMode} onInput={(e) => set(key, e.currentTarget.value)} />
    </Field>
  );
  const unit = units.data?.items.find((u) => u.id === draft.unitId);
  const amountHint = t(currency === "JPY" ? "form.amountJpy" : "form.amountCny");

  return (
    <section>
      <Link href={pathFor("products")} class="back">
        ← {t("products.title")}
      </Link>
      <h1>{t("products.new")}</h1>
      <form class="form" onSubmit={submit} noValidate>
        <FormErrors error={save.error} shownPaths={productFieldPaths(draft)} />
        <fieldset class="form__grid">
          <legend>{t("product.basics")}</legend>
          {text("code", t("product.code"), { required: true })}
          {text("name", t("product.name"), { required: true })}
          <Field label={t("product.kind")} errors={issues.get("kind")}>
            <select value={draft.kind} onChange={(e) => set("kind", e.currentTarget.value as ProductKind)}>
              {KINDS.map((k) => (
                <option value={k}>{t(`kind.${k}`)}</option>
              ))}
            </select>
          </Field>
          <Field label={t("product.taxClass")} errors={issues.get("taxClass")}>
            <select value={draft.taxClass} onChange={(e) => set("taxClass", e.currentTarget.value as ProductDraft["taxClass"])}>
              {TAX_CLASSES.map((c) => (
                <option value={c}>{t(`tax.${c}`)}</option>
              ))}
            </select>
          </Field>
          <Field label={t("product.listing")} errors={issues.get("listingStatus")}>
            <select value={draft.listingStatus} onChange={(e) => set("listingStatus", e.currentTarget.value as ProductDraft["listingStatus"])}>
              <option value="listed">{t("listing.listed")}</option>
              <option value="unlisted">{t("listing.unlisted")}</option>
            </select>
          </Field>
          <Field label={t("product.category")} errors={issues.get("categoryId")}>
            <select value={draft.categoryId} onChange={(e) => set("categoryId", e.currentTarget.value)}>
              <option value="">{t("filter.none")}</option>
              {categories.data?.items.map((c) => (
                <option value={c.id}>{`${"　".repeat(Math.max(0, c.depth - 1))}${c.name}`}</option>
              ))}
            </select>
          </Field>
          <Field label={t("product.brand")} errors={issues.get("brandId")}>
            <select value={draft.brandId} onChange={(e) => set("brandId", e.currentTarget.value)}>
              <option value="">{t("filter.none")}</option>
              {brands.data?.items.map((b) => (
                <option value={b.id}>{b.name}</option>
              ))}
            </select>
          </Field>
        </fieldset>

        <fieldset class="form__grid">
          <legend>{t("product.unitSettings")}</legend>
          <Field label={t("product.unit")} errors={issues.get("unitId")} hint={unit ? t("unit.example", { management: unit.managementUnit, conversion: unit.conversion, sales: unit.salesUnit }) : t("product.unitNone")}>
            <select value={draft.unitId} onChange={(e) => set("unitId", e.currentTarget.value)}>
              <option value="">{t("filter.none")}</option>
              {units.data?.items.map((u) => (
                <option value={u.id}>{`${u.displayName} (${u.code})`}</option>
              ))}
            </select>
          </Field>
          {draft.unitId && text("unitMin", t("product.unitMin"), { inputMode: "numeric", hint: unit?.salesUnit })}
          {draft.unitId && text("unitMax", t("product.unitMax"), { inputMode: "numeric", hint: unit?.salesUnit })}
          {text("packQuantity", t("product.packQuantity"), { inputMode: "numeric", hint: draft.unitId ? t("product.notWithUnit") : undefined })}
          <Field label={t("product.backorder")} errors={issues.get("backorder")} hint={draft.unitId ? t("product.notWithUnit") : undefined}>
            <input type="checkbox" checked={draft.backorder} onChange={(e) => set("backorder", e.currentTarget.checked)} />
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t("product.skus")}</legend>
          {issues.get("skus")?.map((message) => (
            <p class="field__error">{message}</p>
          ))}
          {draft.skus.map((sku, i) => {
            const at = (field: keyof SkuDraft) => issues.get(`skus.${i}.${field}`);
            return (
              <div class="sku-row">
                <Field label={t("sku.code")} errors={at("code")}>
                  <input required value={sku.code} onInput={(e) => setSku(i, "code", e.currentTarget.value)} />
                </Field>
                <Field label={t("sku.specName")} errors={at("specName")}>
                  <input value={sku.specName} onInput={(e) => setSku(i, "specName", e.currentTarget.value)} />
                </Field>
                <Field label={t("sku.barcode")} errors={at("barcode")}>
                  <input inputMode="numeric" value={sku.barcode} onInput={(e) => setSku(i, "barcode", e.currentTarget.value)} />
                </Field>
                <Field label={t("sku.price")} errors={at("price")} hint={amountHint}>
                  <input inputMode="decimal" required value={sku.price} onInput={(e) => setSku(i, "price", e.currentTarget.value)} />
                </Field>
                <Field label={t("sku.costPrice")} errors={at("costPrice")}>
                  <input inputMode="decimal" value={sku.costPrice} onInput={(e) => setSku(i, "costPrice", e.currentTarget.value)} />
                </Field>
                {draft.skus.length > 1 && (
                  <button type="button" class="button--quiet sku-row__remove" onClick={() => set("skus", draft.skus.filter((_, j) => j !== i))}>
                    {t("sku.remove")}
                  </button>
                )}
              </div>
            );
          })}
          <button type="button" onClick={() => set("skus", [...draft.skus, emptySku()])}>
            {t("sku.add")}
          </button>
        </fieldset>

        <FormActions label={t("action.create")} busy={save.busy} />
      </form>
    </section>
  );
}
