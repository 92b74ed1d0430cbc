/**
 * 販売: scan or search on the left, the cart on the right (stacked in portrait). A unit product asks
 * for its value first; the payment dialog commits the sale with commitSale, and the receipt shows
 * only once that promise resolved — the sale is then on the device, durably, with its outbox row.
 */
import { useMemo, useState } from "preact/hooks";
import type { Sku } from "../data/contract";
import { addToCart, cartLines, EMPTY_CART, priceCart } from "./cart";
import { CartLines, SubtotalDiscount, Totals } from "./cart-view";
import { documentIdFromScan } from "./code128";
import { Finder, type PickResult } from "./finder";
import { useT } from "./locale";
import { Payment } from "./payment";
import { usePos } from "./session";
import { UnitEntry } from "./unit-entry";
import { errorText } from "./widgets";

export function SellScreen() {
  const t = useT();
  const { data, info, clerk, cart, setCart, go } = usePos();
  const [unitSku, setUnitSku] = useState<Sku | null>(null);
  const [dialog, setDialog] = useState<"pay" | "subtotal" | "clear" | null>(null);
  const display = info.store.taxDisplay;
  const currency = info.merchant.currency;
  const priced = useMemo(() => {
    try {
      return priceCart(cart, display, currency);
    } catch {
      return null;
    }
  }, [cart, display, currency]);

  const pick = (sku: Sku): PickResult => {
    if (!sku.listed) return { error: t("sell.unlisted", { name: sku.name }) };
    if (sku.unit) {
      setUnitSku(sku);
      return;
    }
    try {
      setCart((c) => addToCart(c, sku, info.merchant.unitRounding));
      return { ok: t("sell.added", { name: sku.name }) };
    } catch (error) {
      return { error: errorText(error) };
    }
  };

  // A receipt barcode scanned at the till: the clerk wants that sale back (return / exchange).
  const other = async (text: string) => {
    const id = documentIdFromScan(text);
    const doc = id ? await data.getDocument(id) : await data.getDocument(text);
    if (!doc || doc.kind !== "sale") return false;
    go(`/returns?original=${doc.id}`);
    return true;
  };

  const count = cart.lines.reduce((n, l) => n + l.quantity, 0);
  return (
    <div class="sell">
      <section class="sell__find" aria-label={t("sell.find")}>
        <Finder label={t("sell.scan")} onPick={pick} onOther={other} active={!unitSku && !dialog} />
      </section>
      <section class="sell__cart" aria-label={t("sell.cart")}>
        <header class="panel-head">
          <h2>{t("sell.cartTitle", { count })}</h2>
          <button type="button" class="button button--small" disabled={!cart.lines.length} onClick={() => setDialog("clear")}>
            {t("sell.clear")}
          </button>
        </header>
        {cart.lines.length === 0 ? (
          <p class="empty">{t("sell.empty")}</p>
        ) : (
          <CartLines cart={cart} onChange={(next) => setCart(() => next)} label={t("sell.cart")} />
        )}
        <div class="sell__foot">
          <button type="button" class="button" disabled={!cart.lines.length} onClick={() => setDialog("subtotal")}>
            {t("cart.subtotalDiscount")}
          </button>
          {priced && <Totals priced={priced} display={display} />}
          <button type="button" class="button button--primary button--huge" disabled={!cart.lines.length || !priced} onClick={() => setDialog("pay")}>
            {t("sell.pay")}
          </button>
        </div>
      </section>

      {unitSku && (
        <UnitEntry
          sku={unitSku}
          onClose={() => setUnitSku(null)}
          onAdd={(value, quantity) => {
            setCart((c) => addToCart(c, unitSku, info.merchant.unitRounding, value, quantity));
            setUnitSku(null);
          }}
        />
      )}
      {dialog === "subtotal" && (
        <SubtotalDiscount
          cart={cart}
          onClose={() => setDialog(null)}
          onApply={(next) => {
            setCart(() => next);
            setDialog(null);
          }}
        />
      )}
      {dialog === "clear" && (
        <div class="backdrop">
          <div class="dialog" role="alertdialog" aria-modal="true" aria-label={t("sell.clearTitle")}>
            <header class="dialog__head">
              <h2>{t("sell.clearTitle")}</h2>
            </header>
            <div class="actions">
              <button type="button" class="button button--big" onClick={() => setDialog(null)}>
                {t("action.cancel")}
              </button>
              <button
                type="button"
                class="button button--danger button--big"
                onClick={() => {
                  setCart(() => EMPTY_CART);
                  setDialog(null);
                }}
              >
                {t("sell.clear")}
              </button>
            </div>
          </div>
        </div>
      )}
      {dialog === "pay" && priced && (
        <Payment
          title={t("pay.title")}
          total={priced.total}
          commitLabel={t("pay.commit")}
          onClose={() => setDialog(null)}
          onCommit={async (tenders) => {
            const doc = await data.commitSale({ staffId: clerk.id, lines: cartLines(cart.lines), subtotalDiscount: cart.subtotalDiscount, tenders });
            // The sale is on the device (one durable transaction): only now the cart goes and the receipt shows.
            setCart(() => EMPTY_CART);
            setDialog(null);
            go(`/doc/${doc.id}?new=1`);
          }}
        />
      )}
    </div>
  );
}
