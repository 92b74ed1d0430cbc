/**
 * The receiving desk (入荷予定 → 入荷確定) by location: each delivery waiting there with its lines,
 * the counted quantity per line (filled with the expected one, changed where the count differs),
 * confirmed once. A confirmation sent again after a lost answer is answered, not counted twice;
 * ④ then adds the counted stock in NextEngine when the location is ticked in 拠点設定.
 */
import { useState } from "preact/hooks";
import { ApiError, apiPost } from "../api";
import { DataTable } from "../components/data-table";
import { FormErrors, LoadError } from "../components/field";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { useApiGet, useLookup } from "../data";
import type { Items, Location } from "../types";
import type { NeT } from "./nextengine-parts";

interface Delivery {
  id: string;
  locationName: string;
  reference: string;
  kind: string;
  lines: { skuId: string; code: string; name: string; expected: number }[];
}

export function NextEngineReceiving({ t, connectionId }: { t: NeT; connectionId: string }) {
  const [locationId, setLocationId] = useState("");
  const locations = useLookup<Items<Location>>("/api/locations");
  const base = `/api/nextengine/${encodeURIComponent(connectionId)}`;
  const list = useApiGet<Items<Delivery>>(`${base}/to-receive${locationId ? `?locationId=${encodeURIComponent(locationId)}` : ""}`);
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const receiving = useAction<string>();
  const countOf = (d: Delivery, skuId: string) => counts[`${d.id}:${skuId}`] ?? String(d.lines.find((l) => l.skuId === skuId)?.expected ?? 0);
  const confirm = (d: Delivery) =>
    void receiving.run(async () => {
      setDone(null);
      const lines = d.lines.map((l) => ({ skuId: l.skuId, received: Number(countOf(d, l.skuId)) }));
      const bad = lines.findIndex((l) => !Number.isInteger(l.received) || l.received < 0);
      // refused here, like the worker would, with the line named; nothing is sent
      if (bad >= 0) throw new ApiError(0, "LOCAL", t("ne.countInvalid"), [{ path: ["lines", bad, "received"], message: `${d.lines[bad]!.code}: ${t("ne.countInvalid")}` }]);
      await apiPost(`${base}/receipts/${encodeURIComponent(d.id)}`, { lines });
      setDone(d.reference || d.id);
      list.reload();
    }, d.id);

  return (
    <section class="card" aria-labelledby="ne-receiving">
      <h2 id="ne-receiving">{t("ne.receiving")}</h2>
      <p class="muted">{t("ne.receivingNote")}</p>
      <div class="toolbar">
        <label class="toolbar__item">
          {t("ne.location")}
          <select name="receiveLocation" value={locationId} onChange={(e) => setLocationId(e.currentTarget.value)}>
            <option value="">—</option>
            {(locations.data?.items ?? []).map((l) => (
              <option value={l.id}>{`${l.name} (${l.code})`}</option>
            ))}
          </select>
        </label>
      </div>
      {done && <OkNotice>{t("ne.received", { reference: done })}</OkNotice>}
      <FormErrors error={receiving.error} />
      <LoadError error={list.error} onRetry={list.reload} />
      {list.data && !list.data.items.length && <p class="muted">{t("ne.noDeliveries")}</p>}
      {list.data?.items.map((d) => (
        <div class="ne-delivery" data-delivery={d.reference}>
          <h3>
            {d.reference || d.id} <span class="muted">{d.locationName}</span>{" "}
            <span class="muted" data-kind={d.kind}>
              {d.kind === "purchase" || d.kind === "transfer" || d.kind === "other_in" ? t(`neKind.${d.kind}`) : d.kind}
            </span>
          </h3>
          <DataTable
            rows={d.lines}
            columns={[
              { head: t("sku.code"), cell: (l) => <code>{l.code}</code> },
              { head: t("product.name"), cell: (l) => l.name },
              { head: t("ne.expected"), cell: (l) => l.expected },
              {
                head: t("ne.counted"),
                cell: (l) => (
                  <input
                    type="number"
                    min={0}
                    inputMode="numeric"
                    aria-label={`${t("ne.counted")}: ${l.code}`}
                    value={countOf(d, l.skuId)}
                    onInput={(e) => setCounts({ ...counts, [`${d.id}:${l.skuId}`]: e.currentTarget.value })}
                  />
                ),
              },
            ]}
          />
          <div class="form__actions">
            <button type="button" class="button--primary" disabled={receiving.busy} onClick={() => confirm(d)}>
              {receiving.doing === d.id ? t("state.working") : t("ne.confirmReceipt")}
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}
