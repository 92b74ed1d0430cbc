/**
 * Taking the money: cash with change, the store's other tenders (card, QR, …) recorded, split over
 * several. Cash may exceed what is left (change is given); a card or QR tender may not. The commit
 * button is one tap, disabled while the document is being written, so a sale is never made twice.
 */
import { useState } from "preact/hooks";
import { formatMoney, MoneyError, parseMajor } from "../../../shared/money";
import type { Tender } from "../data/contract";
import { addTender, paymentState, quickCash, tenderAllowed } from "./cart";
import { tenderName } from "./documents";
import { useT } from "./locale";
import { usePos } from "./session";
import { Dialog, errorText, NumberEntry } from "./widgets";

export function Payment({
  title,
  total,
  commitLabel,
  onCommit,
  onClose,
}: {
  title: string;
  total: number;
  commitLabel: string;
  /** writes the document; the dialog shows an error and stays if it throws */
  onCommit: (tenders: Tender[], change: number) => Promise<void>;
  onClose: () => void;
}) {
  const t = useT();
  const { info } = usePos();
  const currency = info.merchant.currency;
  const money = (n: number) => formatMoney(n, currency);
  const [tenders, setTenders] = useState<Tender[]>([]);
  const [method, setMethod] = useState(info.tenders.find((x) => x.kind === "cash")?.code ?? info.tenders[0]?.code ?? "");
  const [amount, setAmount] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [committing, setCommitting] = useState(false);
  const state = paymentState(total, tenders);
  const tender = info.tenders.find((x) => x.code === method);

  const add = (minor?: number) => {
    if (!tender) return;
    let value = minor;
    if (value === undefined) {
      try {
        value = amount === "" ? state.remaining : parseMajor(amount, currency);
      } catch (error) {
        setProblem(error instanceof MoneyError ? t("pay.badAmount") : errorText(error));
        return;
      }
    }
    const next: Tender = { method: tender.code, kind: tender.kind, amount: value };
    if (!tenderAllowed(total, tenders, next)) {
      setProblem(tender.kind === "cash" ? t("pay.badAmount") : t("pay.overpaid", { method: tender.name }));
      return;
    }
    setProblem(null);
    setTenders(addTender(tenders, next));
    setAmount("");
  };

  const commit = async () => {
    if (!state.complete || committing) return;
    setCommitting(true);
    setProblem(null);
    try {
      await onCommit(tenders, state.change ?? 0);
    } catch (error) {
      setProblem(t("pay.failed", { reason: errorText(error) }));
      setCommitting(false);
    }
  };

  return (
    <Dialog title={title} onClose={committing ? undefined : onClose} wide>
      <div class="payment">
        <div class="payment__summary">
          <dl class="sums">
            <dt>{t("pay.total")}</dt>
            <dd class="sums__big" data-testid="pay-total">
              {money(total)}
            </dd>
            <dt>{t("pay.paid")}</dt>
            <dd>{money(state.paid)}</dd>
            <dt>{t("pay.remaining")}</dt>
            <dd class={state.remaining ? "is-due" : ""}>{money(state.remaining)}</dd>
            {state.change !== null && (
              <>
                <dt>{t("pay.change")}</dt>
                <dd class="sums__big" data-testid="pay-change">
                  {money(state.change)}
                </dd>
              </>
            )}
          </dl>
          {tenders.length > 0 && (
            <ul class="tenders" aria-label={t("pay.tenders")}>
              {tenders.map((x, i) => (
                <li key={x.method}>
                  <span>{tenderName(info, x.method)}</span>
                  <strong>{money(x.amount)}</strong>
                  <button
                    type="button"
                    class="icon-button"
                    disabled={committing}
                    aria-label={t("pay.removeTender", { method: tenderName(info, x.method) })}
                    onClick={() => setTenders(tenders.filter((_, j) => j !== i))}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          {problem && (
            <p class="error-text" role="alert">
              {problem}
            </p>
          )}
          <button type="button" class="button button--primary button--huge" disabled={!state.complete || committing} onClick={commit}>
            {committing ? t("state.saving") : commitLabel}
          </button>
        </div>
        <div class="payment__entry">
          <div class="segmented" role="radiogroup" aria-label={t("pay.method")}>
            {info.tenders.map((x) => (
              <button key={x.code} type="button" role="radio" aria-checked={x.code === method} class={x.code === method ? "is-on" : ""} onClick={() => setMethod(x.code)}>
                {x.name}
              </button>
            ))}
          </div>
          {state.remaining > 0 && (
            <>
              {tender?.kind === "cash" && (
                <div class="quick" role="group" aria-label={t("pay.quick")}>
                  {quickCash(state.remaining, currency).map((n) => (
                    <button key={n} type="button" class="button" onClick={() => add(n)}>
                      {n === state.remaining ? t("pay.exact") : money(n)}
                    </button>
                  ))}
                </div>
              )}
              <NumberEntry
                label={t("pay.amount", { method: tender?.name ?? "" })}
                value={amount}
                onChange={setAmount}
                onEnter={() => add()}
                decimal={currency === "CNY"}
                hint={<span class="muted">{t("pay.amountHint", { amount: money(state.remaining) })}</span>}
              />
              <button type="button" class="button button--big" onClick={() => add()}>
                {t("pay.addTender", { method: tender?.name ?? "" })}
              </button>
            </>
          )}
        </div>
      </div>
    </Dialog>
  );
}
