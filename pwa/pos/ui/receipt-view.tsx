/**
 * The receipt, laid out for 80 mm thermal paper (72 mm of print; pos.css @media print hides the rest):
 * store, title, number, date-time in the merchant's zone, lines with unit text (長さ:85cm) and ※ for
 * 軽減税率, the per-rate tax breakdown (内消費税 / 外税), tenders and change, and the document ID as a
 * Code 128 barcode a return can scan.
 */
import { formatMoney } from "../../../shared/money";
import type { StoreInfo } from "../data/contract";
import { code128Bars, documentBarcodeText } from "./code128";
import { receiptTime, taxLineText, tenderName, type ReceiptModel } from "./documents";
import { useT } from "./locale";

export function Barcode({ text, label }: { text: string; label: string }) {
  const { bars, modules } = code128Bars(text);
  return (
    <svg class="barcode" viewBox={`0 0 ${modules} 50`} preserveAspectRatio="none" shape-rendering="crispEdges" role="img" aria-label={label}>
      <rect x="0" y="0" width={modules} height="50" fill="#fff" />
      {bars.map(([x, w]) => (
        <rect key={x} x={x} y="0" width={w} height="50" fill="#000" />
      ))}
    </svg>
  );
}

export function ReceiptView({ model, info, staffName }: { model: ReceiptModel; info: StoreInfo; staffName: string }) {
  const t = useT();
  const currency = info.merchant.currency;
  const money = (n: number) => formatMoney(n, currency);
  const reduced = model.sections.some((s) => s.lines.some((l) => l.reduced));
  return (
    <article class="receipt" aria-label={t("receipt.label")}>
      <header class="receipt__head">
        <p class="receipt__merchant">{info.merchant.name}</p>
        <h2 class="receipt__store">{info.store.name}</h2>
        <p class="receipt__title">{t(`receipt.title.${model.kind}`)}</p>
        <p>
          {t("receipt.number")} <span data-testid="receipt-number">{model.number}</span>
        </p>
        <p>{receiptTime(model.occurredAt, info.merchant.timeZone)}</p>
        <p>
          {t("receipt.staff")} {staffName} · {info.device.name}
        </p>
      </header>
      {model.sections.map((section) => (
        <section key={section.role} class="receipt__section">
          {model.kind !== "sale" && <h3>{t(section.role === "given" ? "receipt.given" : "receipt.returned")}</h3>}
          <ul class="receipt__lines">
            {section.lines.map((l, i) => (
              <li key={i}>
                <div class="receipt__line-name">
                  {l.reduced && "※"}
                  {l.name}
                  {l.defective && <span class="receipt__defective"> [{t("returns.defective")}]</span>}
                </div>
                {l.unitText && <div class="receipt__unit">{l.unitText}</div>}
                <div class="receipt__row">
                  <span>
                    {money(l.unitPrice)} × {l.quantity}
                  </span>
                  <span>{money(l.unitPrice * l.quantity)}</span>
                </div>
                {l.discount > 0 && (
                  <div class="receipt__row">
                    <span>{t("receipt.discount")}</span>
                    <span>-{money(l.discount)}</span>
                  </div>
                )}
              </li>
            ))}
          </ul>
          <div class="receipt__sums">
            {section.priced.subtotalDiscount > 0 && (
              <>
                <div class="receipt__row">
                  <span>{t("cart.subtotal")}</span>
                  <span>{money(section.priced.subtotal)}</span>
                </div>
                <div class="receipt__row">
                  <span>{t("receipt.subtotalDiscount")}</span>
                  <span>-{money(section.priced.subtotalDiscount)}</span>
                </div>
              </>
            )}
            <div class="receipt__row receipt__total">
              <span>{t(section.role === "returned" ? "receipt.refundTotal" : "receipt.total")}</span>
              <span data-testid={`receipt-total-${section.role}`}>{money(section.priced.total)}</span>
            </div>
            {section.priced.tax.byRate.map((r) => (
              <div key={r.rate} class="receipt__tax">
                {taxLineText(t, r, model.taxDisplay, currency)}
              </div>
            ))}
          </div>
        </section>
      ))}
      {reduced && <p class="receipt__note">{t("receipt.reducedNote")}</p>}
      <section class="receipt__pay">
        {model.kind === "exchange" && (
          <div class="receipt__row receipt__total">
            <span>{t(model.total >= 0 ? "exchange.toPay" : "exchange.toRefund")}</span>
            <span>{money(Math.abs(model.total))}</span>
          </div>
        )}
        {model.tenders.map((x) => (
          <div key={x.method} class="receipt__row">
            <span>{tenderName(info, x.method)}</span>
            <span>{money(x.amount)}</span>
          </div>
        ))}
        {model.refunds.map((x) => (
          <div key={x.method} class="receipt__row">
            <span>
              {t("receipt.refund")} {tenderName(info, x.method)}
            </span>
            <span>{money(x.amount)}</span>
          </div>
        ))}
        {(model.kind === "sale" || model.change > 0) && (
          <div class="receipt__row">
            <span>{t("receipt.change")}</span>
            <span data-testid="receipt-change">{money(model.change)}</span>
          </div>
        )}
      </section>
      <footer class="receipt__foot">
        <Barcode text={documentBarcodeText(model.id)} label={t("receipt.barcode")} />
        <p class="receipt__id">{model.id}</p>
      </footer>
    </article>
  );
}

