/**
 * The Smaregi screen's actions that run something: 「商品情報・在庫情報の取得」 (the import
 * 「スマレジから新規商品情報一括取得」 run from the seed's 「モール在庫連携・スマレジ商品在庫連携パネル」
 * with [API連携する], as a queued job, its outcome, and the products with their
 * スマレジ商品ID under Renkei's ID), 受注連携 (orders sent to Smaregi) and 受注一括出荷連携 run now with
 * their last outcome (skipped orders with the reason), and the preview of what 「連携を開始する」 will do.
 */
import { useState } from "preact/hooks";
import { apiGet, apiPost } from "../api";
import { DataTable } from "../components/data-table";
import { FormErrors, LoadError } from "../components/field";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { useApiGet, useLookup } from "../data";
import { saveText } from "../download";
import { useLang } from "../locale";
import type { Connection, Enqueued, Items, OrderStatus, SyncRun } from "../types";
import { SETTING_LABELS } from "../../../shared/smaregi-settings";
import { useSettingLabel, useSmaregiT, type LinkedProducts, type Preview, type SentOrders, type ShipmentOutcome, type ShippingCsv } from "./smaregi-parts";

const linkPath = (id: string, what: string) => `/api/smaregi/connections/${encodeURIComponent(id)}/${what}`;

/** Queue a job on this link and wait for its run to finish (the run's counts are its outcome). */
async function runAndWait(job: string, connectionId: string): Promise<SyncRun> {
  const { runId } = await apiPost<Enqueued>("/api/sync/run", { job, connectionId });
  for (let i = 0; i < 120; i++) {
    const run = await apiGet<SyncRun>(`/api/sync/runs/${encodeURIComponent(runId)}`);
    if (run.status === "succeeded" || run.status === "failed") return run;
    await new Promise((resolve) => setTimeout(resolve, i < 10 ? 300 : 1000));
  }
  return apiGet<SyncRun>(`/api/sync/runs/${encodeURIComponent(runId)}`);
}

export function SmaregiProducts({ connection, canEdit }: { connection: Connection; canEdit: boolean }) {
  const t = useSmaregiT();
  const products = useApiGet<LinkedProducts>(linkPath(connection.id, "products"));
  const importing = useAction();
  const [run, setRun] = useState<SyncRun | null>(null);
  const [linking, setLinking] = useState(false);
  const productSync = connection.settings.productSync === true;
  const authorized = connection.status !== "pending";

  const start = async () => {
    const done = await importing.run(() => runAndWait("smaregi.import-products", connection.id));
    if (done) {
      setRun(done);
      products.reload();
    }
  };

  return (
    <section class="card" aria-label={t("sm.productsTitle")}>
      <h2>{t("sm.productsTitle")}</h2>
      <p class="muted">{t("sm.productsNote")}</p>
      {canEdit && !productSync && <p class="muted">{t("sm.importNeedsSync")}</p>}
      {canEdit && productSync && (
        // The seed's panel on 出品一覧: check 「スマレジ商品連携」, choose the operation, [API連携する].
        <details class="smaregi-panel" open>
          <summary>{t("sm.panel")}</summary>
          <fieldset aria-label={t("sm.panel")}>
            <label class="toolbar__check">
              <input type="checkbox" checked={linking} onChange={(e) => setLinking(e.currentTarget.checked)} /> {t("sm.productLink")}
            </label>
            <label>
              {t("sm.operation")}{" "}
              <select value="import" disabled={!linking}>
                <option value="import">{t("sm.import")}</option>
              </select>
            </label>
            <p class="muted">{t("sm.noSelection")}</p>
            <button type="button" class="button--primary" disabled={importing.busy || !linking || !authorized} onClick={() => void start()}>
              {importing.busy ? t("sm.importRunning") : t("sm.apiLink")}
            </button>
          </fieldset>
        </details>
      )}
      <FormErrors error={importing.error} />
      {run?.status === "succeeded" && (
        <OkNotice>
          {t("sm.importDone", {
            created: run.counts.created ?? 0,
            linked: run.counts.linked ?? 0,
            skipped: run.counts.skipped ?? 0,
            conflicts: run.counts.conflicts ?? 0,
            stockRows: run.counts.stockRows ?? 0,
          })}
        </OkNotice>
      )}
      {run?.status === "failed" && (
        <p class="notice notice--error" role="alert">
          {t("sm.importFailed", { error: run.error ?? "" })}
        </p>
      )}
      <LoadError error={products.error} onRetry={products.reload} />
      {products.data && products.data.pendingBulk > 0 && <p class="muted">{t("sm.pendingBulk", { count: products.data.pendingBulk })}</p>}
      {products.data &&
        (products.data.items.length ? (
          <DataTable
            rows={products.data.items}
            columns={[
              {
                head: (
                  <>
                    {t("sm.productId")}
                    <div class="muted">（{t("sm.smaregiProductId")}）</div>
                  </>
                ),
                cell: (p) => (
                  <>
                    <code>{p.productId}</code>
                    <div class="muted" data-smaregi-product-id={p.smaregiProductId}>
                      （{p.smaregiProductId}）
                    </div>
                  </>
                ),
              },
              { head: t("sm.code"), cell: (p) => <code>{p.skuCode}</code> },
              { head: t("sm.productName"), cell: (p) => p.name },
            ]}
          />
        ) : (
          <p class="muted">{t("sm.noProducts")}</p>
        ))}
    </section>
  );
}

/**
 * A job of this link run now, with the last outcome the worker kept: a summary line and the orders
 * skipped with the reason (受注一括出荷連携 and 受注連携 share it).
 */
function LastRunPanel<T extends { at: string; skipped: { orderId: string; externalId: string; reason: string }[] }>(props: {
  connection: Connection;
  canEdit: boolean;
  what: string;
  job: string;
  runLabel: string;
  /** Why it cannot run yet (settings not saved), or null. */
  blocked: string | null;
  summary: (last: T) => string;
}) {
  const t = useSmaregiT();
  const answer = useApiGet<{ last: T | null }>(linkPath(props.connection.id, props.what));
  const last = answer.data?.last ?? null;
  const running = useAction();
  const run = async () => {
    if (await running.run(() => runAndWait(props.job, props.connection.id))) answer.reload();
  };
  return (
    <div aria-label={props.runLabel}>
      {props.canEdit && (
        <p>
          <button type="button" disabled={running.busy || !!props.blocked || props.connection.status !== "started"} onClick={() => void run()}>
            {running.busy ? t("state.working") : props.runLabel}
          </button>{" "}
          {props.blocked && <span class="muted">{props.blocked}</span>}
        </p>
      )}
      <FormErrors error={running.error} />
      <LoadError error={answer.error} onRetry={answer.reload} />
      {last && (
        <>
          <p>{props.summary(last)}</p>
          {last.skipped.length > 0 && (
            <DataTable
              rows={last.skipped}
              columns={[
                { head: t("sm.order"), cell: (o) => o.externalId },
                { head: t("sm.reason"), cell: (o) => o.reason },
              ]}
            />
          )}
        </>
      )}
    </div>
  );
}

export function SmaregiShipments({ connection, canEdit }: { connection: Connection; canEdit: boolean }) {
  const t = useSmaregiT();
  return (
    <LastRunPanel<ShipmentOutcome>
      connection={connection}
      canEdit={canEdit}
      what="shipments"
      job="smaregi.ship-orders"
      runLabel={t("sm.shipNow")}
      blocked={connection.settings.bulkShipmentStatus ? null : t("sm.shipSaveFirst")}
      summary={(last) => t("sm.shipLast", { at: new Date(last.at).toLocaleString(), shipped: last.shipped.length, skipped: last.skipped.length })}
    />
  );
}

/** 受注連携: Renkei's orders of the mapped order stores sent to Smaregi now (the schedule also sends them). */
export function SmaregiOrderSend({ connection, canEdit }: { connection: Connection; canEdit: boolean }) {
  const t = useSmaregiT();
  const mapped = Array.isArray(connection.settings.orderStores) && connection.settings.orderStores.length > 0;
  return (
    <LastRunPanel<SentOrders>
      connection={connection}
      canEdit={canEdit}
      what="orders-sent"
      job="smaregi.send-orders"
      runLabel={t("sm.sendNow")}
      blocked={mapped ? null : t("sm.sendMapFirst")}
      summary={(last) => t("sm.sendLast", { at: new Date(last.at).toLocaleString(), sent: last.sent.length, skipped: last.skipped.length })}
    />
  );
}

export function SmaregiPreview({ connection }: { connection: Connection }) {
  const t = useSmaregiT();
  const settingLabel = useSettingLabel();
  const [preview, setPreview] = useState<Preview | null>(null);
  const loading = useAction();
  const load = async () => {
    const answer = await loading.run(() => apiGet<Preview>(linkPath(connection.id, "preview")));
    if (answer) setPreview(answer);
  };
  const more = (total: number, shown: number) => total > shown && <p class="muted">{t("sm.more", { count: total - shown })}</p>;
  return (
    <section class="card" aria-label={t("sm.previewTitle")}>
      <h2>{t("sm.previewTitle")}</h2>
      <p class="muted">{t("sm.previewNote")}</p>
      <p>
        <button type="button" disabled={loading.busy || connection.status === "pending"} onClick={() => void load()}>
          {loading.busy ? t("state.working") : t("sm.preview")}
        </button>
      </p>
      <FormErrors error={loading.error} />
      {preview && (
        <>
          <h3>{t("sm.previewProducts", { total: preview.products.total })}</h3>
          {preview.products.items.length > 0 && (
            <DataTable
              rows={preview.products.items}
              columns={[
                { head: t("sm.smaregiProductId"), cell: (p) => p.productId },
                { head: t("sm.code"), cell: (p) => <code>{p.productCode}</code> },
                { head: t("sm.productName"), cell: (p) => p.productName },
                { cell: (p) => (p.renkeiSkuId ? t("sm.linkExisting") : t("sm.newProduct")) },
              ]}
            />
          )}
          {more(preview.products.total, preview.products.items.length)}
          <h3>{t("sm.previewStock", { total: preview.stock.total })}</h3>
          {preview.stock.total > 0 && <p class="muted">{t("sm.previewStockNote")}</p>}
          {preview.stock.items.length > 0 && (
            <DataTable
              rows={preview.stock.items}
              columns={[
                { head: t("sm.code"), cell: (r) => <code>{r.skuCode}</code> },
                { head: t("sm.smaregiStore"), cell: (r) => r.smaregiStoreId },
                { head: t("sm.renkeiQty"), class: "num", cell: (r) => r.renkei },
                { head: t("sm.smaregiQty"), class: "num", cell: (r) => r.smaregi },
                { head: t("sm.wins"), cell: (r) => t(`sm.wins.${r.master}`) },
              ]}
            />
          )}
          {more(preview.stock.total, preview.stock.items.length)}
          <h3>{t("sm.previewOrders", { total: preview.orders.total })}</h3>
          {preview.orders.items.length > 0 && (
            <DataTable
              rows={preview.orders.items}
              columns={[
                { head: t("sm.order"), cell: (o) => o.externalId },
                { head: t("sm.status"), cell: (o) => o.status },
                { head: t("sm.orderedAt"), cell: (o) => new Date(o.orderedAt).toLocaleString() },
                { head: settingLabel(SETTING_LABELS.orderStores), cell: (o) => o.smaregiStoreId },
              ]}
            />
          )}
          {more(preview.orders.total, preview.orders.items.length)}
        </>
      )}
    </section>
  );
}

/** 送り状・出荷CSV of the order stores' orders in one status; what 送り状・出荷CSV出力制御 left out is listed with the reason. */
export function SmaregiShippingCsv({ connection }: { connection: Connection }) {
  const t = useSmaregiT();
  const { lang } = useLang();
  const statuses = useLookup<Items<OrderStatus>>("/api/order-statuses");
  const [status, setStatus] = useState("allocated");
  const [last, setLast] = useState<ShippingCsv | null>(null);
  const exporting = useAction();
  const run = async () => {
    const answer = await exporting.run(() => apiPost<ShippingCsv>(linkPath(connection.id, "shipping-csv"), { status }));
    if (!answer) return;
    setLast(answer);
    if (answer.csv) saveText(`shipping-${status}.csv`, answer.csv);
  };
  return (
    <section class="card" aria-label={t("sm.csvTitle")}>
      <h2>{t("sm.csvTitle")}</h2>
      <p class="muted">{t("sm.csvHint")}</p>
      <p>
        <label>
          {t("sm.csvStatus")}{" "}
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            {statuses.data?.items.map((s) => (
              <option value={s.code}>{s[lang] || s.ja}</option>
            ))}
          </select>
        </label>{" "}
        <button type="button" disabled={exporting.busy} onClick={() => void run()}>
          {exporting.busy ? t("state.working") : t("sm.csvExport")}
        </button>
      </p>
      <FormErrors error={exporting.error} />
      {last && (last.included.length ? <OkNotice>{t("sm.csvDone", { included: last.included.length, excluded: last.excluded.length })}</OkNotice> : <p class="muted">{t("sm.csvEmpty")}</p>)}
      {last && last.excluded.length > 0 && (
        <DataTable
          rows={last.excluded}
          columns={[
            { head: t("sm.order"), cell: (o) => o.externalId },
            { head: t("sm.reason"), cell: (o) => o.reason },
          ]}
        />
      )}
    </section>
  );
}
