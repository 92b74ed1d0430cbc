/**
 * What the merchant keeps an eye on (seed 002): the あす楽 same-day cut-off (15:29 JST unless the link
 * says otherwise) as a countdown that ticks on the page, with the あす楽 orders not yet with RSL that
 * would miss it; and the orders with a system error that need checking.
 */
import { useEffect, useState } from "preact/hooks";
import { DataTable } from "../components/data-table";
import { LoadError } from "../components/field";
import { useApiGet, useLookup } from "../data";
import { formatInstant, statusName } from "../format";
import { useLang } from "../locale";
import { Link } from "../navigation";
import { countdownText, secondsLeftAt, type Asuraku, type Review } from "../rakuten-logic";
import type { RakutenKey } from "../rakuten-messages";
import { pathFor } from "../router";
import { useSession } from "../session";
import type { Items, OrderStatus } from "../types";
import { useRakutenT } from "./rakuten-parts";

const base = (id: string) => `/api/rakuten/links/${encodeURIComponent(id)}`;

export function AsurakuSection({ id }: { id: string }) {
  const t = useRakutenT();
  const { lang } = useLang();
  const statuses = useLookup<Items<OrderStatus>>("/api/order-statuses").data?.items;
  const asuraku = useApiGet<Asuraku>(`${base(id)}/asuraku`);
  const [readAt, setReadAt] = useState(Date.now());
  const [now, setNow] = useState(Date.now());
  useEffect(() => setReadAt(Date.now()), [asuraku.data]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const data = asuraku.data;
  const left = data ? secondsLeftAt(data, readAt, now) : 0;
  // the cut-off passed while the page was open: read again (today's list and tomorrow's countdown)
  useEffect(() => {
    if (data && left <= 0) asuraku.reload();
  }, [data && left <= 0]);
  return (
    <div class="card">
      <h2>{t("rk.tab.asuraku")}</h2>
      <p class="muted">{t("rk.asu.intro")}</p>
      <LoadError error={asuraku.error} onRetry={asuraku.reload} />
      {data && (
        <>
          <p class={`countdown${data.passed ? "" : " countdown--running"}`} role="timer" aria-live="off" data-testid="asuraku-countdown">
            {t(data.passed ? "rk.asu.passed" : "rk.asu.left", { cutoff: data.cutoff, time: countdownText(left) })}
          </p>
          <h3>{t("rk.asu.atRisk")}</h3>
          {data.atRisk.length === 0 ? (
            <p class="empty">{t("rk.asu.none")}</p>
          ) : (
            <DataTable
              rows={data.atRisk}
              columns={[
                { head: t("rk.wait.orderNumber"), cell: (o) => <Link href={pathFor("order", { id: o.orderId })}>{o.orderNumber}</Link> },
                { head: t("rk.asu.orderedAt"), cell: (o) => formatInstant(o.orderedAt, lang, "Asia/Tokyo") },
                { head: t("rk.asu.shipDay"), cell: (o) => <span data-ship-day={o.shipDay}>{t(`rk.asu.day.${o.shipDay}`, { date: o.shipDate })}</span> },
                { head: t("rk.status"), cell: (o) => statusName(statuses, o.status, lang) },
              ]}
            />
          )}
        </>
      )}
    </div>
  );
}

export function ReviewSection({ id }: { id: string }) {
  const t = useRakutenT();
  const { lang } = useLang();
  const { me } = useSession();
  const review = useApiGet<Review>(`${base(id)}/review`);
  const when = (iso: string) => formatInstant(iso, lang, me.merchant.timeZone);
  const data = review.data;
  return (
    <div class="card">
      <h2>{t("rk.tab.review")}</h2>
      <p class="muted">{t("rk.rev.intro")}</p>
      <LoadError error={review.error} onRetry={review.reload} />
      {data && data.items.length === 0 && data.unmatchedResults.length === 0 && <p class="empty">{t("rk.rev.none")}</p>}
      {data && data.items.length > 0 && (
        <DataTable
          rows={data.items}
          columns={[
            { head: t("rk.rev.kind"), cell: (i) => t(`rk.rev.kind.${i.kind}` as RakutenKey) },
            { head: t("rk.wait.orderNumber"), cell: (i) => (i.orderId ? <Link href={pathFor("order", { id: i.orderId })}>{i.orderNumber}</Link> : i.orderNumber) },
            { head: t("rk.rev.error"), cell: (i) => i.error },
            { head: t("rk.rev.at"), cell: (i) => when(i.at) },
          ]}
        />
      )}
      {data && data.unmatchedResults.length > 0 && (
        <>
          <h3>{t("rk.rev.unmatched")}</h3>
          <DataTable
            rows={data.unmatchedResults}
            columns={[
              { head: t("rk.wait.orderNumber"), cell: (r) => r.shopOrderNumber },
              { head: "requestKey", cell: (r) => <code>{r.requestKey}</code> },
              { head: t("rk.rev.at"), cell: (r) => when(r.receivedAt) },
            ]}
          />
        </>
      )}
    </div>
  );
}
