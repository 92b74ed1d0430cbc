/**
 * One order: header, tags (system tags set apart), lines with their unit value (「長さ:85cm」),
 * allocation and shipping per line, totals, shipments, and the order's mail and documents rendered
 * with the merchant's templates. Read-only here; changes go through the list's bulk actions, which
 * apply the same rules to one order or many. `?created=1` after 受注登録 says it was entered.
 */
import { DataTable } from "../components/data-table";
import { LoadError } from "../components/field";
import { OkNotice } from "../components/ok-notice";
import { TagChips } from "../components/tags";
import { useApiGet, useLookup } from "../data";
import { formatInstant, formatMoney, statusName } from "../format";
import { useLang, useT } from "../locale";
import { Link } from "../navigation";
import { pathFor, queryOf } from "../router";
import { useSession } from "../session";
import type { Channel, Items, Location, Order, OrderStatus } from "../types";
import { OrderDocuments } from "./order-documents";
import type { ScreenProps } from "./props";

export default function OrderDetailScreen({ params, search }: ScreenProps) {
  const t = useT();
  const { lang } = useLang();
  const { me } = useSession();
  const order = useApiGet<Order>(`/api/orders/${encodeURIComponent(params.id!)}`);
  const statuses = useLookup<Items<OrderStatus>>("/api/order-statuses");
  const locations = useLookup<Items<Location>>("/api/locations");
  const channels = useLookup<Items<Channel>>("/api/channels");
  const when = (iso: string | null) => formatInstant(iso, lang, me.merchant.timeZone);
  const locationName = (id: string) => locations.data?.items.find((l) => l.id === id)?.name ?? id;
  const channelName = (id: string) => channels.data?.items.find((c) => c.id === id)?.name ?? id;

  const back = (
    <Link href={pathFor("orders")} class="back">
      ← {t("orders.title")}
    </Link>
  );
  if (order.error) {
    return (
      <section>
        {back}
        <LoadError error={order.error} onRetry={order.reload} />
      </section>
    );
  }
  const o = order.data;
  if (!o) return <p class="loading">{t("state.loading")}</p>;
  const money = (minor: number) => formatMoney(minor, o.currency);

  return (
    <section>
      {back}
      {queryOf(search).created && <OkNotice>{t("entry.created")}</OkNotice>}
      <div class="page__head">
        <h1>
          {t("order.title")} {o.externalId || o.id}
        </h1>
        <span class={`status status--${o.status}`}>{statusName(statuses.data?.items, o.status, lang)}</span>
        <TagChips tags={o.tags} />
      </div>

      <dl class="facts">
        <dt>{t("order.id")}</dt>
        <dd>
          <code>{o.id}</code>
        </dd>
        <dt>{t("order.channel")}</dt>
        <dd>{channelName(o.channelId)}</dd>
        <dt>{t("order.location")}</dt>
        <dd>{locationName(o.locationId)}</dd>
        <dt>{t("orders.orderedAt")}</dt>
        <dd>{when(o.orderedAt)}</dd>
        <dt>{t("orders.customer")}</dt>
        <dd>{o.customerName}</dd>
        <dt>{t("order.address")}</dt>
        <dd class="pre">{o.shippingAddress}</dd>
        <dt>{t("order.paymentMethod")}</dt>
        <dd>{o.paymentMethod ? o.paymentMethod.name : t("filter.none")}</dd>
        {o.note && (
          <>
            <dt>{t("order.note")}</dt>
            <dd class="pre">{o.note}</dd>
          </>
        )}
        {o.cancelledAt && (
          <>
            <dt>{t("orders.cancelled")}</dt>
            <dd>{when(o.cancelledAt)}</dd>
          </>
        )}
      </dl>

      <h2>{t("order.lines")}</h2>
      <DataTable
        rows={o.lines}
        columns={[
          { head: "#", class: "num", cell: (line) => line.lineNo },
          {
            head: t("order.code"),
            cell: (line) => (
              <>
                {line.externalCode}
                {!line.skuId && <span class="tag tag--system">{t("order.unmapped")}</span>}
              </>
            ),
          },
          {
            head: t("order.item"),
            cell: (line) => (
              <>
                {line.name}
                {line.unitValueText && <span class="unit-value">{line.unitValueText}</span>}
              </>
            ),
          },
          { head: t("order.quantity"), class: "num", cell: (line) => line.quantity },
          { head: t("order.unitPrice"), class: "num", cell: (line) => money(line.unitPrice) },
          { head: t("order.taxRate"), class: "num", cell: (line) => `${line.taxRate}%` },
          { head: t("order.amount"), class: "num", cell: (line) => money(line.amount) },
          {
            head: t("order.allocated"),
            class: "num",
            cell: (line) => `${line.allocated} / ${line.stockQuantity}`,
            attrs: (line) => (line.allocated < line.stockQuantity ? { class: "short" } : undefined),
          },
          { head: t("order.shipped"), class: "num", cell: (line) => line.shipped },
        ]}
      />

      <dl class="totals">
        <dt>{t("order.subtotal")}</dt>
        <dd>{money(o.subtotal)}</dd>
        <dt>{t("order.tax")}</dt>
        <dd>{money(o.tax)}</dd>
        <dt>{t("order.shippingFee")}</dt>
        <dd>{money(o.shippingFee)}</dd>
        {o.adjustment !== 0 && (
          <>
            <dt>{t("order.adjustment")}</dt>
            <dd>{money(o.adjustment)}</dd>
          </>
        )}
        <dt class="totals__grand">{t("orders.total")}</dt>
        <dd class="totals__grand">{money(o.total)}</dd>
      </dl>

      <h2>{t("order.shipments")}</h2>
      {o.shipments.length === 0 ? (
        <p class="empty">{t("order.noShipments")}</p>
      ) : (
        <DataTable
          rows={o.shipments}
          columns={[
            { head: t("order.shipment"), cell: (s) => <code>{s.id}</code> },
            { head: t("order.location"), cell: (s) => locationName(s.locationId) },
            { head: t("order.carrier"), cell: (s) => s.carrier },
            { head: t("order.tracking"), cell: (s) => s.trackingNumber },
            { head: t("orders.status"), cell: (s) => t(s.status === "shipped" ? "shipment.shipped" : "shipment.pending") },
            { head: t("order.shippedAt"), cell: (s) => when(s.shippedAt) },
            {
              head: t("order.lines"),
              cell: (s) =>
                s.lines
                  .map((l) => `#${o.lines.find((line) => line.id === l.orderLineId)?.lineNo ?? "?"} × ${l.quantity}`)
                  .join(", "),
            },
          ]}
        />
      )}

      <OrderDocuments order={o} />
    </section>
  );
}
