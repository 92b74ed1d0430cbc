/**
 * Products with their SKUs and unit: search by code, name or barcode (the worker's own matching),
 * paged by cursor. The search lives in the URL so a reload keeps it.
 */
import { useEffect, useState } from "preact/hooks";
import { LoadError } from "../components/field";
import { LoadMore } from "../components/more";
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
      {created && (
        <p class="notice notice--ok" role="status">
          {t("products.created", { code: created })}
        </p>
      )}
      <form
        class="toolbar"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(pathFor("products", {}, { q: draft.trim() }));
        }}
      >
        <label class="toolbar__item toolbar__item--grow">
          <span>{t("products.search")}</span>
          <input type="search" placeholder={t("products.searchHint")} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
        </label>
        <button type="submit" class="button--primary">
          {t("action.search")}
        </button>
      </form>
      <LoadError error={list.error} onRetry={list.reload} />
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th>{t("product.code")}</th>
              <th>{t("product.name")}</th>
              <th>{t("product.skus")}</th>
              <th class="num">{t("sku.price")}</th>
              <th>{t("product.unit")}</th>
              <th>{t("product.kind")}</th>
              <th>{t("product.listing")}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((product) => (
              <tr>
                <td>
                  <code>{product.code}</code>
                </td>
                <td>{product.name}</td>
                <td>
                  <ul class="plain">
                    {product.skus.map((sku) => (
                      <li>
                        <code>{sku.code}</code> {sku.specName} {sku.barcode && <span class="muted">{sku.barcode}</span>}
                      </li>
                    ))}
                  </ul>
                </td>
                <td class="num">{priceText(product)}</td>
                <td>{product.unit ? `${product.unit.displayName} (${product.unit.managementUnit} → ${product.unit.salesUnit})` : ""}</td>
                <td>{t(`kind.${product.kind}`)}</td>
                <td>{t(`listing.${product.listingStatus}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore hasMore={list.hasMore} loading={list.loading} onMore={list.loadMore} empty={!list.error && list.items.length === 0} />
    </section>
  );
}
