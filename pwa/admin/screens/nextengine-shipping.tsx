/**
 * The shipping desk for NextEngine orders: the orders waiting to ship at a location, a carrier and
 * tracking number per order (typed, or scanned — a scanner types and presses Enter, which moves to
 * the next row), confirmed one or many at once, or from a CSV with each bad row named. One
 * confirmation is one idempotency key, so pressing again after a lost answer ships nothing twice;
 * the worker refuses the whole batch when one row is wrong, so nothing is half-shipped.
 */
import { useState } from "preact/hooks";
import { apiGet, apiPost, type ApiError } from "../api";
import { LoadedTable } from "../components/data-table";
import { FormErrors } from "../components/field";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { useApiGet, useLookup } from "../data";
import { issuesByPath } from "../form-issues";
import { SubmissionKey } from "../idempotency";
import { issuesToRows, shipmentsFromCsv, type CsvIssue, type ShipItem } from "../nextengine-logic";
import type { Items, Location } from "../types";
import type { NeT } from "./nextengine-parts";

interface ToShip {
  orderId: string;
  receiveOrderId: string;
  locationId: string;
  locationName: string;
  customerName: string;
  orderedAt: string;
  status: string;
  quantity: number;
}

const IMPORT_ORDERS_JOB = "nextengine.import-orders";

type Entry = { picked: boolean; carrier: string; trackingNumber: string };

const confirmKey = new SubmissionKey();
const csvKey = new SubmissionKey();

export function NextEngineShipping({ t, connectionId }: { t: NeT; connectionId: string }) {
  const [locationId, setLocationId] = useState("");
  const locations = useLookup<Items<Location>>("/api/locations");
  const base = `/api/nextengine/${encodeURIComponent(connectionId)}`;
  const list = useApiGet<Items<ToShip>>(`${base}/to-ship${locationId ? `?locationId=${encodeURIComponent(locationId)}` : ""}`);
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  const [done, setDone] = useState<number | null>(null);
  const [csv, setCsv] = useState("");
  const [csvIssues, setCsvIssues] = useState<CsvIssue[]>([]);
  const shipping = useAction();
  const importing = useAction();
  // NextEngine has no webhooks: the schedule polls every 10 minutes; this asks now, then shows what came
  const importNow = () =>
    void importing.run(async () => {
      const { runId } = await apiPost<{ runId: string }>("/api/sync/run", { job: IMPORT_ORDERS_JOB, connectionId });
      for (let i = 0; i < 40; i++) {
        const run = await apiGet<{ status: string }>(`/api/sync/runs/${encodeURIComponent(runId)}`);
        if (run.status !== "queued" && run.status !== "running") break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      list.reload();
    });
  const entry = (id: string): Entry => entries[id] ?? { picked: false, carrier: "", trackingNumber: "" };
  const set = (id: string, change: Partial<Entry>) => setEntries({ ...entries, [id]: { ...entry(id), ...change } });
  const rows = list.data?.items ?? [];
  const picked = rows.filter((o) => entry(o.orderId).picked);
  const errors = issuesByPath(shipping.error);

  const send = (items: ShipItem[], key: SubmissionKey) => key.send(items, (idempotencyKey) => apiPost<{ items: unknown[] }>(`${base}/shipments`, { idempotencyKey, items }));
  const confirmPicked = () =>
    void shipping.run(async () => {
      setDone(null);
      const items = picked.map((o) => ({ orderId: o.orderId, carrier: entry(o.orderId).carrier.trim(), trackingNumber: entry(o.orderId).trackingNumber.trim() }));
      const answer = await send(items, confirmKey);
      setDone(answer.items.length);
      setEntries({});
      list.reload();
    });
  const confirmCsv = () =>
    void shipping.run(async () => {
      setDone(null);
      const read = shipmentsFromCsv(csv, rows);
      setCsvIssues(read.issues);
      if (read.issues.length || !read.items.length) return;
      try {
        const answer = await send(read.items, csvKey);
        setDone(answer.items.length);
        setCsv("");
        list.reload();
      } catch (failure) {
        setCsvIssues(issuesToRows((failure as ApiError).issues ?? [], read.rows));
        throw failure;
      }
    });
  // a scanner ends with Enter: go to the next row's tracking number instead of submitting anything
  const nextOnEnter = (index: number) => (e: KeyboardEvent) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    (document.querySelector(`[data-tracking-row="${index + 1}"]`) as HTMLInputElement | null)?.focus();
  };
  // 納品書のバーコード: scanning an order number picks its row and puts the cursor in its tracking number
  const [scanned, setScanned] = useState("");
  const [unknownScan, setUnknownScan] = useState<string | null>(null);
  const onScan = (e: KeyboardEvent) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    const number = scanned.trim();
    const index = rows.findIndex((o) => o.receiveOrderId === number);
    setUnknownScan(index < 0 ? number : null);
    setScanned("");
    if (index < 0) return;
    set(rows[index]!.orderId, { picked: true });
    // after the row re-renders as picked
    setTimeout(() => (document.querySelector(`[data-tracking-row="${index}"]`) as HTMLInputElement | null)?.focus(), 0);
  };
  const rowError = (index: number, field: string) => errors.get(`items.${picked.findIndex((o) => o.orderId === rows[index]?.orderId)}.${field}`);

  return (
    <section class="card" aria-labelledby="ne-shipping">
      <h2 id="ne-shipping">{t("ne.shipping")}</h2>
      <p class="muted">{t("ne.shippingNote")}</p>
      <div class="toolbar">
        <button type="button" disabled={importing.busy} onClick={importNow}>
          {importing.busy ? t("state.working") : t("ne.importNow")}
        </button>
        <label class="toolbar__item">
          {t("ne.location")}
          <select name="shipLocation" value={locationId} onChange={(e) => setLocationId(e.currentTarget.value)}>
            <option value="">—</option>
            {(locations.data?.items ?? []).map((l) => (
              <option value={l.id}>{`${l.name} (${l.code})`}</option>
            ))}
          </select>
        </label>
        <label class="toolbar__item toolbar__item--grow">
          {t("ne.scanOrder")}
          <input name="scanOrder" value={scanned} autoComplete="off" onInput={(e) => setScanned(e.currentTarget.value)} onKeyDown={onScan} />
        </label>
      </div>
      {unknownScan !== null && (
        <p class="notice notice--error" role="alert">
          {t("ne.scanUnknown", { id: unknownScan })}
        </p>
      )}
      {done !== null && <OkNotice>{t("ne.shipped", { count: done })}</OkNotice>}
      <FormErrors error={importing.error} />
      <FormErrors error={shipping.error} shownPaths={picked.flatMap((_, i) => [`items.${i}.trackingNumber`, `items.${i}.carrier`])} />
      <LoadedTable
        list={list}
        empty={t("ne.noOrders")}
        columns={[
          {
            head: "",
            cell: (o) => (
              <input type="checkbox" aria-label={`${t("ne.order")} ${o.receiveOrderId}`} checked={entry(o.orderId).picked} onChange={(e) => set(o.orderId, { picked: e.currentTarget.checked })} />
            ),
          },
          { head: t("ne.order"), cell: (o) => <code>{o.receiveOrderId}</code> },
          { head: t("ne.customer"), cell: (o) => o.customerName },
          { head: t("ne.location"), cell: (o) => o.locationName },
          { head: t("order.quantity"), cell: (o) => o.quantity },
          {
            head: t("ne.carrier"),
            cell: (o) => (
              <input name={`carrier-${o.receiveOrderId}`} value={entry(o.orderId).carrier} maxLength={64} onInput={(e) => set(o.orderId, { carrier: e.currentTarget.value })} />
            ),
          },
          {
            head: t("ne.tracking"),
            cell: (o) => {
              const index = rows.indexOf(o);
              const problems = entry(o.orderId).picked ? rowError(index, "trackingNumber") : undefined;
              return (
                <>
                  <input
                    name={`tracking-${o.receiveOrderId}`}
                    data-tracking-row={index}
                    value={entry(o.orderId).trackingNumber}
                    maxLength={64}
                    aria-invalid={problems ? true : undefined}
                    onKeyDown={nextOnEnter(index)}
                    onInput={(e) => set(o.orderId, { trackingNumber: e.currentTarget.value, picked: true })}
                  />
                  {problems?.map((message) => (
                    <span class="field__error" role="alert">
                      {message}
                    </span>
                  ))}
                </>
              );
            },
          },
        ]}
      />
      <div class="form__actions">
        <button type="button" class="button--primary" disabled={shipping.busy || !picked.length} onClick={confirmPicked}>
          {shipping.busy ? t("state.working") : t("ne.confirmShip", { count: picked.length })}
        </button>
      </div>
      <details>
        <summary>{t("ne.csv")}</summary>
        <p class="muted">{t("ne.csvNote")}</p>
        <textarea name="shipCsv" rows={5} value={csv} onInput={(e) => setCsv(e.currentTarget.value)} />
        {csvIssues.length > 0 && (
          <ul class="notice notice--error" role="alert">
            {csvIssues.map((issue) => (
              <li>
                {issue.message.startsWith("ne.") ? t(issue.message as "ne.csvUnknown", issue.vars) : `${issue.row > 0 ? `${issue.row}: ` : ""}${issue.message}`}
              </li>
            ))}
          </ul>
        )}
        <div class="form__actions">
          <button type="button" disabled={shipping.busy || !csv.trim()} onClick={confirmCsv}>
            {t("ne.csv")}
          </button>
        </div>
      </details>
    </section>
  );
}
