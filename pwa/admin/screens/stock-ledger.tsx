/**
 * One SKU's stock: its levels at every location, the ledger (stock_movements, newest first) at
 * the chosen location, and an adjustment form. The ledger is the only thing that changes stock,
 * so this history explains every number on the stock list.
 */
import { AdjustmentForm } from "./stock-adjustment";
import { DataTable, PagedTable } from "../components/data-table";
import { LoadError } from "../components/field";
import { negative, stockLevelColumns } from "../components/stock-columns";
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
      <DataTable
        rows={levels.data?.items}
        clickable
        row={(level) => ({
          class: level.locationId === locationId ? "row--selected" : "",
          onClick: () => navigate(pathFor("ledger", { skuId }, { locationId: level.locationId === locationId ? "" : level.locationId }), { replace: true }),
        })}
        columns={[{ head: t("stock.location"), cell: (level) => locationName(level.locationId) }, ...stockLevelColumns(t)]}
      />

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
      <PagedTable
        list={movements}
        columns={[
          { head: t("ledger.at"), cell: (m) => formatInstant(m.createdAt, lang, me.merchant.timeZone) },
          !locationId && { head: t("stock.location"), cell: (m) => locationName(m.locationId) },
          { head: t("adjust.bucket"), cell: (m) => label("bucket", m.bucket) },
          { head: t("adjust.quantity"), class: "num", cell: (m) => (m.quantity > 0 ? `+${m.quantity}` : m.quantity), attrs: (m) => negative(m.quantity) },
          { head: t("adjust.reason"), cell: (m) => label("reason", m.reason) },
          {
            head: t("ledger.source"),
            cell: (m) =>
              m.sourceType === "order" ? (
                <Link href={pathFor("order", { id: m.sourceId })}>{m.sourceId}</Link>
              ) : (
                <span>
                  {label("source", m.sourceType)} <code>{m.sourceId}</code>
                </span>
              ),
          },
          { head: t("ledger.actor"), cell: (m) => m.actor ?? "", attrs: () => ({ class: "muted" }) },
        ]}
      />
    </section>
  );
}
