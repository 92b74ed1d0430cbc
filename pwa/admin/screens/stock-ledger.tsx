/**
 * One SKU's stock: its levels at every location, the ledger (stock_movements, newest first) at
 * the chosen location, and an adjustment form. The ledger is the only thing that changes stock,
 * so this history explains every number on the stock list.
 */
import { AdjustmentForm } from "./stock-adjustment";
import { LoadError } from "../components/field";
import { LoadMore } from "../components/more";
import { useApiGet, useLookup, usePaged } from "../data";
import { formatInstant } from "../format";
import { hasMessage } from "../i18n";
import { useLang, useT } from "../locale";
import { Link, navigate } from "../navigation";
import { pathFor, queryOf, searchOf } from "../router";
import { hasRole, useSession } from "../session";
import type { Items, Location, Movement, Page, StockLevel } from "../types";
import type { ScreenProps } from "./props";

export default function StockLedgerScreen({ params, search }: ScreenProps) {
  const t = useT();
  const { lang } = useLang();
  const { me } = useSession();
  const skuId = params.skuId!;
  const locationId = queryOf(search).locationId ?? "";
  const locations = useLookup<Items<Location>>("/api/locations");
  const levels = useApiGet<Page<StockLevel>>(`/api/stock${searchOf({ skuId, limit: 500 })}`);
  const movements = usePaged<Movement>("/api/stock/movements", { skuId, locationId: locationId || undefined });
  const first = levels.data?.items[0];
  const locationName = (id: string) => locations.data?.items.find((l) => l.id === id)?.name ?? id;
  const label = (prefix: "reason" | "bucket" | "source", value: string) => {
    const key = `${prefix}.${value}`;
    return hasMessage(key) ? t(key) : value;
  };

  return (
    <section>
      <Link href={pathFor("stock", {}, { locationId })} class="back">
        ← {t("stock.title")}
      </Link>
      <div class="page__head">
        <h1>
          {t("ledger.title")} <code>{first?.skuCode ?? skuId}</code>
        </h1>
        {first && <span class="muted">{first.productName}</span>}
      </div>

      <LoadError error={levels.error} onRetry={levels.reload} />
      <div class="table-wrap">
        <table class="table table--clickable">
          <thead>
            <tr>
              <th>{t("stock.location")}</th>
              <th class="num">{t("stock.onHand")}</th>
              <th class="num">{t("stock.allocated")}</th>
              <th class="num">{t("stock.held")}</th>
              <th class="num">{t("stock.incoming")}</th>
              <th class="num">{t("stock.available")}</th>
            </tr>
          </thead>
          <tbody>
            {levels.data?.items.map((level) => (
              <tr
                class={level.locationId === locationId ? "row--selected" : ""}
                onClick={() => navigate(pathFor("ledger", { skuId }, { locationId: level.locationId === locationId ? "" : level.locationId }), { replace: true })}
              >
                <td>{locationName(level.locationId)}</td>
                <td class={`num${level.onHand < 0 ? " negative" : ""}`}>{level.onHand}</td>
                <td class="num">{level.allocated}</td>
                <td class="num">{level.held}</td>
                <td class="num">{level.incoming}</td>
                <td class={`num${level.available < 0 ? " negative" : ""}`}>{level.available}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {hasRole(me, "manager") && (
        <AdjustmentForm
          key={locationId}
          sku={{ id: skuId, label: first ? `${first.skuCode} ${first.productName}` : skuId }}
          locations={locations.data?.items ?? []}
          defaultLocationId={locationId}
          onApplied={() => {
            levels.reload();
            movements.reload();
          }}
        />
      )}

      <h2>
        {t("ledger.history")}
        {locationId && ` — ${locationName(locationId)}`}
      </h2>
      <LoadError error={movements.error} onRetry={movements.reload} />
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th>{t("ledger.at")}</th>
              {!locationId && <th>{t("stock.location")}</th>}
              <th>{t("adjust.bucket")}</th>
              <th class="num">{t("adjust.quantity")}</th>
              <th>{t("adjust.reason")}</th>
              <th>{t("ledger.source")}</th>
              <th>{t("ledger.actor")}</th>
            </tr>
          </thead>
          <tbody>
            {movements.items.map((m) => (
              <tr>
                <td>{formatInstant(m.createdAt, lang, me.merchant.timeZone)}</td>
                {!locationId && <td>{locationName(m.locationId)}</td>}
                <td>{label("bucket", m.bucket)}</td>
                <td class={`num${m.quantity < 0 ? " negative" : ""}`}>{m.quantity > 0 ? `+${m.quantity}` : m.quantity}</td>
                <td>{label("reason", m.reason)}</td>
                <td>
                  {m.sourceType === "order" ? (
                    <Link href={pathFor("order", { id: m.sourceId })}>{m.sourceId}</Link>
                  ) : (
                    <span>
                      {label("source", m.sourceType)} <code>{m.sourceId}</code>
                    </span>
                  )}
                </td>
                <td class="muted">{m.actor ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore hasMore={movements.hasMore} loading={movements.loading} onMore={movements.loadMore} empty={!movements.error && movements.items.length === 0} />
    </section>
  );
}
