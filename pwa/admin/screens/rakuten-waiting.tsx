/**
 * The 確認待 work of seed 002, beside another order system: orders with 「全商品未マッピング」 are the
 * other system's — 注文削除 / 注文キャンセル take them off Renkei's hands; orders with
 * 「一部商品未マッピング」 are split (出荷分割: the mapped lines to RSL) or cancelled. Every one of these
 * acts in Renkei only — Rakuten RMS is not touched, and the screen says so — and the mall order numbers
 * of what is left to the other system are listed and downloadable, so the merchant can move them there.
 * An order already at RSL is taken back from RSL first, or refused with the reason (the worker does it).
 * Every list pages (500 at a time unless 1ページの表示件数 says fewer, もっと見る); a bulk action on more than 500 orders goes in chunks.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { SYSTEM_TAGS } from "../../../shared/orders";
import { apiPost, type ApiError } from "../api";
import { DataTable } from "../components/data-table";
import { FormErrors, LoadError } from "../components/field";
import { LoadMore } from "../components/more";
import { OkNotice } from "../components/ok-notice";
import { TagChips } from "../components/tags";
import { useAction } from "../components/use-action";
import { useConfirm } from "../components/use-confirm";
import { usePaged } from "../data";
import { downloadCsv } from "../download";
import { formatInstant } from "../format";
import { useLang } from "../locale";
import { Link } from "../navigation";
import type { OtherSystemOrder } from "../rakuten-logic";
import type { RakutenKey } from "../rakuten-messages";
import { pathFor } from "../router";
import { hasRole, useSession } from "../session";
import type { BulkResult, Connection, OrderSummary } from "../types";
import { useRakutenT } from "./rakuten-parts";

/** Reloads when `version` moves on (not on the first render: the list has just been read). */
function useReloadOn(version: number, reload: () => void) {
  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    reload();
  }, [version]);
}

type Verb = "delete" | "cancel" | "split";
/** What one bulk request takes (the worker's limit); more picked orders go in several requests. */
const BULK_CHUNK = 500;
/** "500+" while more pages are there to load. */
const countOf = (list: { items: unknown[]; hasMore: boolean; loading: boolean }) =>
  list.loading && !list.items.length ? "…" : `${list.items.length}${list.hasMore ? "+" : ""}`;
const VERB_LABEL: Record<Verb, RakutenKey> = { delete: "rk.wait.delete", cancel: "rk.wait.cancel", split: "rk.wait.split" };

/** 1ページの表示件数: 500 (the API's most) by default; fewer keeps a long 確認待 list light to scroll. */
const PAGE_SIZES = [50, 100, 500] as const;

export function WaitingSection({ connection }: { connection: Connection }) {
  const t = useRakutenT();
  const [version, setVersion] = useState(0);
  const [perPage, setPerPage] = useState<number>(500);
  const changed = () => setVersion((v) => v + 1);
  return (
    <>
      <p class="notice">{t("rk.wait.intro")}</p>
      <p class="toolbar">
        <label>
          {t("rk.wait.perPage")}{" "}
          <select value={String(perPage)} onChange={(e) => setPerPage(Number(e.currentTarget.value))}>
            {PAGE_SIZES.map((n) => (
              <option value={String(n)}>{n}</option>
            ))}
          </select>
        </label>
      </p>
      <WaitingGroup version={version} perPage={perPage} connection={connection} tag={SYSTEM_TAGS.allUnmapped} verbs={["delete", "cancel"]} title="rk.wait.all.title" note="rk.wait.all.note" onChanged={changed} />
      <WaitingGroup version={version} perPage={perPage} connection={connection} tag={SYSTEM_TAGS.someUnmapped} verbs={["split", "cancel"]} title="rk.wait.some.title" note="rk.wait.some.note" onChanged={changed} />
      <OtherSystem version={version} id={connection.id} />
    </>
  );
}

/** `version`: bumped when any group changed orders, so every list reads again (its own outcome stays shown). */
function WaitingGroup(props: { version: number; perPage: number; connection: Connection; tag: string; verbs: Verb[]; title: RakutenKey; note: RakutenKey; onChanged: () => void }) {
  const t = useRakutenT();
  const { lang } = useLang();
  const { me } = useSession();
  const query = { status: "awaiting_confirmation", tag: props.tag, channelId: String(props.connection.settings.channelId ?? "") };
  const orders = usePaged<OrderSummary>("/api/orders", { ...query, limit: props.perPage });
  const [picked, setPicked] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<{ verb: Verb; result: BulkResult } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const act = useAction();
  const search = useAction();
  useReloadOn(props.version, orders.reload);
  const items = orders.items;
  const numberOf = (id: string) => items.find((o) => o.id === id)?.externalId ?? id;
  const canCancel = hasRole(me, "manager");

  async function run(verb: Verb) {
    const path = verb === "split" ? `/api/rakuten/links/${encodeURIComponent(props.connection.id)}/split` : `/api/orders/bulk/${verb}`;
    const result = await act.run(async () => {
      const all: BulkResult = { changed: 0, results: [] };
      for (let i = 0; i < picked.length; i += BULK_CHUNK) {
        const part = await apiPost<BulkResult>(path, { orderIds: picked.slice(i, i + BULK_CHUNK) });
        all.changed += part.changed;
        all.results.push(...part.results);
      }
      return all;
    });
    if (result) {
      setOutcome({ verb, result });
      setPicked([]);
      props.onChanged();
    }
  }
  const confirm = useConfirm((verb: Verb) => ({
    title: t("rk.wait.confirmTitle", { count: picked.length, action: t(VERB_LABEL[verb]) }),
    confirmLabel: t(VERB_LABEL[verb]),
    danger: verb !== "split",
    onConfirm: () => void run(verb),
    children: <p>{verb === "split" ? t("rk.wait.splitNote") : t("rk.wait.renkeiOnly")}</p>,
  }));

  async function saveSearch() {
    const name = t("rk.wait.savedSearchName", { tag: props.tag });
    setSaved(null);
    await search.run(async () => {
      try {
        await apiPost("/api/saved-searches", { name, query });
        setSaved(t("rk.wait.savedSearchDone", { name }));
      } catch (error) {
        if ((error as ApiError).code !== "CONFLICT") throw error;
        setSaved(t("rk.wait.savedSearchExists", { name }));
      }
    });
  }

  const toggle = (id: string, on: boolean) => setPicked((p) => (on ? [...p, id] : p.filter((x) => x !== id)));
  return (
    <div class="card" role="region" aria-label={t(props.title)}>
      <h2>
        {t(props.title)} <span class="muted">({countOf(orders)})</span>
      </h2>
      <p class="notice notice--warn">{t(props.note)}</p>
      {outcome && (
        <>
          <OkNotice>{t("rk.wait.done", { action: t(VERB_LABEL[outcome.verb]), changed: outcome.result.changed })}</OkNotice>
          {outcome.result.results.some((r) => !r.ok) && (
            <div class="notice notice--error" role="alert">
              <p>{t("rk.wait.failed")}</p>
              <ul>
                {outcome.result.results
                  .filter((r) => !r.ok)
                  .map((r) => (
                    <li>
                      <code>{numberOf(r.orderId)}</code> {r.message}
                    </li>
                  ))}
              </ul>
            </div>
          )}
        </>
      )}
      {saved && <OkNotice>{saved}</OkNotice>}
      <FormErrors error={act.error} />
      <FormErrors error={search.error} />
      <LoadError error={orders.error} onRetry={orders.reload} />
      <div class="toolbar">
        <span>{t("rk.wait.selected", { count: picked.length })}</span>
        {props.verbs.map((verb) => (
          <button type="button" class={verb === "split" ? "button--primary" : "button--danger"} disabled={!picked.length || act.busy || (verb !== "split" && !canCancel)} onClick={() => confirm.ask(verb)}>
            {t(VERB_LABEL[verb])}
          </button>
        ))}
        <button type="button" class="button--quiet" disabled={search.busy} onClick={() => void saveSearch()}>
          {t("rk.wait.savedSearch")}
        </button>
      </div>
      {!orders.loading && !orders.error && !items.length ? (
        <p class="empty">{t("rk.wait.none", { tag: props.tag })}</p>
      ) : (
        <DataTable
          rows={items}
          columns={[
            {
              class: "col-check",
              head: (
                <input
                  type="checkbox"
                  aria-label={t("orders.selectAll")}
                  checked={items.length > 0 && picked.length === items.length}
                  onChange={(e) => setPicked(e.currentTarget.checked ? items.map((o) => o.id) : [])}
                />
              ),
              cell: (o) => <input type="checkbox" aria-label={t("rk.wait.select", { number: o.externalId })} checked={picked.includes(o.id)} onChange={(e) => toggle(o.id, e.currentTarget.checked)} />,
            },
            { head: t("rk.wait.orderNumber"), cell: (o) => <Link href={pathFor("order", { id: o.id })}>{o.externalId}</Link> },
            { head: t("rk.wait.orderedAt"), cell: (o) => formatInstant(o.orderedAt, lang, me.merchant.timeZone) },
            { head: t("rk.wait.customer"), cell: (o) => o.customerName },
            { head: t("rk.wait.tags"), cell: (o) => <TagChips tags={o.tags} /> },
          ]}
        />
      )}
      <LoadMore hasMore={orders.hasMore} loading={orders.loading} onMore={orders.loadMore} empty={false} />
      {confirm.dialog}
    </div>
  );
}

function OtherSystem({ id, version }: { id: string; version: number }) {
  const t = useRakutenT();
  const { lang } = useLang();
  const { me } = useSession();
  const path = `/api/rakuten/links/${encodeURIComponent(id)}/other-system`;
  const list = usePaged<OtherSystemOrder>(path, {});
  useReloadOn(version, list.reload);
  const download = useAction();
  return (
    <div class="card" role="region" aria-label={t("rk.other.title")}>
      <h2>
        {t("rk.other.title")} <span class="muted">({t("rk.other.count", { count: countOf(list) })})</span>
      </h2>
      <p class="muted">{t("rk.other.note")}</p>
      <FormErrors error={download.error} />
      <LoadError error={list.error} onRetry={list.reload} />
      <div class="toolbar">
        <button
          type="button"
          disabled={download.busy}
          onClick={() =>
            void download.run(() => downloadCsv(`${path}.csv`, "rakuten-other-system.csv"))
          }
        >
          {t("rk.other.download")}
        </button>
      </div>
      <DataTable
        rows={list.items}
        columns={[
          { head: t("rk.wait.orderNumber"), cell: (o) => <code>{o.orderNumber}</code> },
          { head: t("rk.wait.orderedAt"), cell: (o) => formatInstant(o.orderedAt, lang, me.merchant.timeZone) },
          { head: t("rk.other.scope"), cell: (o) => t(`rk.other.scope.${o.scope}`) },
          { head: t("rk.other.lines"), cell: (o) => o.lines.map((l) => `${l.code}×${l.quantity}`).join(" / ") },
          { head: t("rk.other.handling"), cell: (o) => t(`rk.other.handling.${o.handling}`) },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onMore={list.loadMore} empty={false} />
    </div>
  );
}
