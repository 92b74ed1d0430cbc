/**
 * 入荷: deliveries the hub has for this store (purchase, transfer, other in; cached for offline).
 * The clerk confirms what arrived, line by line — the count starts at what was sent, a line that
 * differs is highlighted with its difference — and the receiving is saved as one document.
 */
import { useEffect, useState } from "preact/hooks";
import type { Inbound } from "../data/contract";
import type { ReceivingBody } from "./documents";
import { useT } from "./locale";
import { usePos } from "./session";
import { Dialog, errorText, NumberEntry } from "./widgets";

export default function ReceivingScreen() {
  const t = useT();
  const { data } = usePos();
  const [list, setList] = useState<Inbound[] | null>(null);
  const [error, setError] = useState("");
  const [open, setOpen] = useState<Inbound | null>(null);
  const [done, setDone] = useState(0);

  useEffect(() => {
    let live = true;
    setError("");
    Promise.all([data.pendingInbound(), data.history({ kind: "receipt", limit: 100_000 })]).then(
      ([pending, received]) => {
        // a receiving saved here but not yet sent: that delivery is done on this device
        const here = new Set(received.map((d) => (d.body as unknown as ReceivingBody).inboundId));
        if (live) setList(pending.filter((i) => !here.has(i.id)));
      },
      (e) => live && (setError(errorText(e)), setList([])),
    );
    return () => {
      live = false;
    };
  }, [data, done]);

  if (open) return <ReceiveForm inbound={open} onClose={() => (setOpen(null), setDone(done + 1))} />;
  return (
    <div class="screen">
      <h2>{t("receiving.title")}</h2>
      {error && <p class="notice notice--error">{t("receiving.loadFailed", { reason: error })}</p>}
      {list === null && <p class="loading">{t("state.loading")}</p>}
      {list?.length === 0 && !error && <p class="empty">{t("receiving.none")}</p>}
      <ul class="doc-list">
        {list?.map((i) => (
          <li key={i.id}>
            <button type="button" class="doc-row" onClick={() => setOpen(i)}>
              <span class="tag">{t(`inbound.${i.kind}`)}</span>
              <span class="doc-row__number">{i.reference || i.id}</span>
              <span class="doc-row__time">{t("receiving.summary", { lines: i.lines.length, quantity: i.lines.reduce((n, l) => n + l.quantity, 0) })}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ReceiveForm({ inbound, onClose }: { inbound: Inbound; onClose: () => void }) {
  const t = useT();
  const { data, clerk, go, setBusy } = usePos();
  const [counts, setCounts] = useState<number[]>(() => inbound.lines.map((l) => l.quantity));
  const [keying, setKeying] = useState<number | null>(null);
  const [committing, setCommitting] = useState(false);
  const [problem, setProblem] = useState("");
  const differing = counts.filter((n, i) => n !== inbound.lines[i]!.quantity).length;

  useEffect(() => {
    setBusy("receiving", true);
    return () => setBusy("receiving", false);
  }, [setBusy]);

  const set = (i: number, n: number) => setCounts(counts.map((c, j) => (j === i ? Math.max(0, n) : c)));
  const commit = async () => {
    setCommitting(true);
    setProblem("");
    try {
      const doc = await data.commitReceipt({ staffId: clerk.id, inboundId: inbound.id, lines: inbound.lines.map((l, i) => ({ skuId: l.skuId, received: counts[i]! })) });
      go(`/doc/${doc.id}`);
    } catch (error) {
      setProblem(t("pay.failed", { reason: errorText(error) }));
      setCommitting(false);
    }
  };

  return (
    <div class="screen receiving">
      <header class="panel-head">
        <h2>
          <span class="tag">{t(`inbound.${inbound.kind}`)}</span> {inbound.reference || inbound.id}
        </h2>
        <button type="button" class="button button--small" onClick={onClose} disabled={committing}>
          {t("action.back")}
        </button>
      </header>
      <table class="table table--big">
        <thead>
          <tr>
            <th>{t("table.item")}</th>
            <th class="num">{t("receiving.expected")}</th>
            <th class="num">{t("receiving.received")}</th>
            <th class="num">{t("stocktake.difference")}</th>
          </tr>
        </thead>
        <tbody>
          {inbound.lines.map((l, i) => {
            const sku = data.getSku(l.skuId);
            const diff = counts[i]! - l.quantity;
            return (
              <tr key={i} class={diff ? "is-diff" : ""} data-sku={sku?.code}>
                <td>
                  {sku?.name ?? l.skuId} <span class="muted">{sku?.code}</span>
                </td>
                <td class="num">
                  {l.quantity}
                  {sku?.unit ? ` ${sku.unit.salesUnit}` : ""}
                </td>
                <td class="num">
                  <div class="line__qty">
                    <button type="button" class="step" aria-label={t("cart.lessOf", { name: sku?.name ?? "" })} disabled={counts[i]! <= 0} onClick={() => set(i, counts[i]! - 1)}>
                      −
                    </button>
                    <button type="button" class="qty" aria-label={t("receiving.receivedOf", { name: sku?.name ?? "" })} onClick={() => setKeying(i)}>
                      {counts[i]}
                    </button>
                    <button type="button" class="step" aria-label={t("cart.moreOf", { name: sku?.name ?? "" })} onClick={() => set(i, counts[i]! + 1)}>
                      +
                    </button>
                  </div>
                </td>
                <td class="num">{diff === 0 ? "" : diff > 0 ? `+${diff}` : diff}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {differing > 0 && <p class="notice notice--warn">{t("receiving.differences", { count: differing })}</p>}
      {problem && (
        <p class="error-text" role="alert">
          {problem}
        </p>
      )}
      <div class="actions">
        <button type="button" class="button button--primary button--huge" disabled={committing} onClick={commit}>
          {committing ? t("state.saving") : t("receiving.commit")}
        </button>
      </div>
      {keying !== null && (
        <KeyCount
          title={data.getSku(inbound.lines[keying]!.skuId)?.name ?? ""}
          initial={counts[keying]!}
          onClose={() => setKeying(null)}
          onSet={(n) => {
            set(keying, n);
            setKeying(null);
          }}
        />
      )}
    </div>
  );
}

function KeyCount({ title, initial, onSet, onClose }: { title: string; initial: number; onSet: (n: number) => void; onClose: () => void }) {
  const t = useT();
  const [value, setValue] = useState(String(initial));
  const ok = value !== "" && Number.isSafeInteger(Number(value));
  return (
    <Dialog title={title} onClose={onClose}>
      <NumberEntry label={t("receiving.received")} value={value} onChange={setValue} onEnter={() => ok && onSet(Number(value))} max={10} />
      <div class="actions">
        <button type="button" class="button button--primary button--big" disabled={!ok} onClick={() => onSet(Number(value))}>
          {t("action.apply")}
        </button>
      </div>
    </Dialog>
  );
}
