/**
 * Products with their SKUs and unit: search by code, name or barcode (the worker's own matching),
 * paged by cursor. The search lives in the URL so a reload keeps it.
 */
import { useEffect, useState } from "preact/hooks";
import { PagedTable } from "../components/data-table";
import { OkNotice } from "../components/ok-notice";
import { SearchBar, SearchText } from "../components/search-bar";
import { usePaged } from "../data";
import { asCurrency, formatMoney } from "../format";
import { useT } from "../locale";
import { Link, navigate } from "../navigation";
import { pathFor, queryOf } from "../router";
import { hasRole, useSession } from "../session";
import type { Product } from "../types";
import type { ScreenProps } from "./props";

export default function ProductsScreen({ search }: ScreenProps) {
  const t = useT();
  const { me } = useSession();
  const { q = "", created } = queryOf(search);
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const list = usePaged<Product>("/api/products", { q: q || undefined, limit: 50 });
  const currency = asCurrency(me.merchant.currency);

  const priceText = (product: Product) => {
    const prices = product.skus.map((s) => s.price);
    if (prices.length === 0) return "";
    const low = Math.min(...prices);
    const high = Math.max(...prices);
    const range = low === high ? formatMoney(low, currency) : `${formatMoney(low, currency)} – ${formatMoney(high, currency)}`;
    // A unit product's price is per conversion × sales unit (100cmあたり¥999).
    return product.unit ? `${range} / ${t("unit.per", { amount: product.unit.conversion, unit: product.unit.salesUnit })}` : range;
  };

  return (
    <section>
      <div class="page__head">
        <h1>{t("products.title")}</h1>
        <Link href={pathFor("units")}>{t("nav.units")}</Link>
        {hasRole(me, "manager") && (
          <Link href={pathFor("productNew")} class="button button--primary">
            {t("products.new")}
          </Link>
        )}
      </div>
      {created && <OkNotice>{t("products.created", { code: created })}</OkNotice>}
      <SearchBar onSearch={() => navigate(pathFor("products", {}, { q: draft.trim() }))}>
        <SearchText label={t("products.search")} hint={t("products.searchHint")} value={draft} onInput={setDraft} />
      </SearchBar>
      <PagedTable
        list={list}
        columns={[
          // lazy, and the box is fixed before it loads, so the rows never jump
          { head: t("product.image"), cell: (product) => <Thumbnail url={product.imageUrl ?? null} /> },
          { head: t("product.code"), cell: (product) => <code>{product.code}</code> },
          { head: t("product.name"), cell: (product) => product.name },
          {
            head: t("product.skus"),
            cell: (product) => (
              <ul class="plain">
                {product.skus.map((sku) => (
                  <li>
                    <code>{sku.code}</code> {sku.specName} {sku.barcode && <span class="muted">{sku.barcode}</span>}
                    {sku.attributes && Object.keys(sku.attributes).length > 0 && (
                      <span class="muted" data-testid="sku-attributes">
                        {" "}
                        {attributesText(sku.attributes)}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            ),
          },
          { head: t("sku.price"), class: "num", cell: priceText },
          { head: t("product.unit"), cell: (product) => (product.unit ? `${product.unit.displayName} (${product.unit.managementUnit} → ${product.unit.salesUnit})` : "") },
          { head: t("product.baseUnit"), cell: (product) => product.baseUnit ?? "" },
          { head: t("product.kind"), cell: (product) => t(`kind.${product.kind}`) },
          { head: t("product.listing"), cell: (product) => t(`listing.${product.listingStatus}`) },
        ]}
      />
    </section>
  );
}

/** The product file's attribute columns, under the merchant's own headers: "材质: 棉 · 产地: 上海". */
export const attributesText = (attributes: Record<string, string>) =>
  Object.entries(attributes)
    .map(([name, value]) => `${name}: ${value}`)
    .join(" · ");

function Thumbnail({ url }: { url: string | null }) {
  return url ? <img class="thumb" src={url} alt="" width={40} height={40} loading="lazy" decoding="async" /> : <span class="thumb thumb--none" aria-hidden="true" />;
}
