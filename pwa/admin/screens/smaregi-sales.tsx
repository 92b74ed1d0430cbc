/**
 * スマレジPOSの売上 on the link's page: the sales Smaregi's terminals made (pos:transactions, re-read
 * by ID and recorded by the worker), newest first — date, store, total and lines — so a merchant
 * sees which sales moved Renkei's stock. Read only.
 */
import { DataTable } from "../components/data-table";
import { LoadError } from "../components/field";
import { useApiGet } from "../data";
import { asCurrency, formatInstant, formatMoney } from "../format";
import { useLang } from "../locale";
import { useSession } from "../session";
import type { Connection } from "../types";
import { useSmaregiT } from "./smaregi-parts";

export interface SmaregiSale {
  transactionHeadId: string;
  smaregiStoreId: string;
  locationId: string | null;
  transactedAt: string;
  total: number;
  cancelled: boolean;
  lines: { detailId: string; productCode: string | null; productName: string | null; quantity: number; salesPrice: number; skuId: string | null }[];
}

export function SmaregiSales({ connection }: { connection: Connection }) {
  const t = useSmaregiT();
  const { lang } = useLang();
  const { me } = useSession();
  const currency = asCurrency(me.merchant.currency);
  const sales = useApiGet<{ items: SmaregiSale[] }>(`/api/smaregi/connections/${encodeURIComponent(connection.id)}/sales`);
  return (
    <section class="card" aria-label={t("sm.salesTitle")}>
      <h2>{t("sm.salesTitle")}</h2>
      <p class="muted">{t("sm.salesNote")}</p>
      <LoadError error={sales.error} onRetry={sales.reload} />
      {sales.data &&
        (sales.data.items.length ? (
          <DataTable
            rows={sales.data.items}
            columns={[
              { head: t("sm.saleAt"), cell: (s) => formatInstant(s.transactedAt, lang, me.merchant.timeZone) },
              { head: t("sm.saleId"), cell: (s) => <code>{s.transactionHeadId}</code> },
              { head: t("sm.saleStore"), cell: (s) => <code>{s.smaregiStoreId}</code> },
              {
                head: t("sm.saleLines"),
                cell: (s) => (
                  <ul class="plain">
                    {s.lines.map((l) => (
                      <li key={l.detailId}>
                        <code>{l.productCode ?? "—"}</code> {l.productName ?? ""} × {l.quantity}
                        {!l.skuId && <span class="muted"> {t("sm.saleUnmapped")}</span>}
                      </li>
                    ))}
                  </ul>
                ),
              },
              { head: t("sm.saleTotal"), cell: (s) => (s.cancelled ? <s>{formatMoney(s.total, currency)}</s> : formatMoney(s.total, currency)) },
            ]}
          />
        ) : (
          <p class="muted">{t("sm.noSales")}</p>
        ))}
    </section>
  );
}
