/**
 * One document from this device: a sale, return or exchange as its printable receipt; a stocktake
 * sheet or a receiving as its counted lines. Shows where it stands (waiting / sent / rejected with
 * the hub's reasons). Opened right after a sale (then "next customer" goes back to selling) and
 * from the history.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { LocalDocument } from "../data/contract";
import { receiptModel, type ReceivingBody, type StocktakeBody } from "./documents";
import { useT, type Translate } from "./locale";
import { ReceiptView } from "./receipt-view";
import { usePos, useStatus } from "./session";

export function DocumentScreen({ id, fresh }: { id: string; fresh: boolean }) {
  const t = useT();
  const { data, info, go } = usePos();
  const [doc, setDoc] = useState<LocalDocument | null | undefined>(undefined);
  const { status } = useStatus(data);
  // Re-read whenever the outbox moves (waiting → sent while the receipt is open). An answer is
  // never dropped for a newer question — the outbox can move faster than IndexedDB answers —
  // only for another document or after the screen closed.
  const current = useRef(id);
  current.current = id;
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  useEffect(() => setDoc(undefined), [id]);
  useEffect(() => {
    const asked = id;
    data.getDocument(asked).then(
      (d) => alive.current && current.current === asked && setDoc(d ?? null),
      () => alive.current && current.current === asked && setDoc((shown) => shown ?? null),
    );
  }, [data, id, status.waiting, status.rejected, status.lastSyncAt]);

  if (doc === undefined) return <p class="loading">{t("state.loading")}</p>;
  if (doc === null)
    return (
      <div class="screen">
        <p class="notice notice--error">{t("doc.notFound")}</p>
        <button type="button" class="button" onClick={() => go("/history")}>
          {t("nav.history")}
        </button>
      </div>
    );
  const model = receiptModel(doc, (id) => data.getSku(id), info.merchant.currency);
  const staffId = String(doc.body.staffId ?? "");
  const staffName = info.staff.find((s) => s.id === staffId)?.name ?? staffId;
  return (
    <div class="screen document">
      <div class="document__bar no-print">
        {fresh && doc.kind === "sale" ? (
          <button type="button" class="button button--primary button--big" onClick={() => go("/sell")} data-autofocus>
            {t("doc.nextCustomer")}
          </button>
        ) : (
          <button type="button" class="button button--big" onClick={() => go("/history")}>
            {t("action.back")}
          </button>
        )}
        {model && (
          <button type="button" class="button button--big" onClick={() => window.print()}>
            {t("doc.print")}
          </button>
        )}
        {doc.kind === "sale" && (
          <button type="button" class="button button--big" onClick={() => go(`/returns?original=${doc.id}`)}>
            {t("doc.returnThis")}
          </button>
        )}
        <StateTag doc={doc} t={t} />
      </div>
      {doc.state === "rejected" && <Issues doc={doc} t={t} />}
      {model ? (
        <ReceiptView model={model} info={info} staffName={staffName} />
      ) : (
        <SheetView doc={doc} staffName={staffName} />
      )}
    </div>
  );
}

export function StateTag({ doc, t }: { doc: LocalDocument; t: Translate }) {
  return <span class={`tag tag--${doc.state}`}>{t(`state.${doc.state}`)}</span>;
}

export function Issues({ doc, t }: { doc: LocalDocument; t: Translate }) {
  return (
    <div class="notice notice--error" role="alert">
      <p>{t("doc.rejected")}</p>
      <ul>
        {(doc.issues ?? []).map((issue, i) => (
          <li key={i}>
            {issue.path.length > 0 && <code>{issue.path.join(".")}</code>} {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function SheetView({ doc, staffName }: { doc: LocalDocument; staffName: string }) {
  const t = useT();
  const { data } = usePos();
  const lines =
    doc.kind === "stocktake"
      ? (doc.body as unknown as StocktakeBody).lines.map((l) => ({ skuId: l.skuId, n: l.counted }))
      : (doc.body as unknown as ReceivingBody).lines.map((l) => ({ skuId: l.skuId, n: l.received }));
  return (
    <article class="sheet">
      <h2>
        {t(`kind.${doc.kind}`)} <span data-testid="receipt-number">{doc.number}</span>
      </h2>
      <p class="muted">
        {doc.kind === "stocktake" ? `${t("stocktake.area")}: ${(doc.body as unknown as StocktakeBody).area}` : `${t("receiving.inbound")}: ${(doc.body as unknown as ReceivingBody).inboundId}`} · {staffName}
      </p>
      <table class="table">
        <thead>
          <tr>
            <th>{t("table.item")}</th>
            <th class="num">{t(doc.kind === "stocktake" ? "stocktake.counted" : "receiving.received")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => {
            const sku = data.getSku(l.skuId);
            return (
              <tr key={l.skuId}>
                <td>
                  {sku?.name ?? l.skuId} <span class="muted">{sku?.code}</span>
                </td>
                <td class="num">
                  {l.n}
                  {sku?.unit ? ` ${sku.unit.salesUnit}` : ""}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </article>
  );
}
