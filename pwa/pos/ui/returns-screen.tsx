/**
 * 返品・交換 (seed 003 门店前端 退换货). Find the original sale by scanning its receipt barcode or
 * from this device's history — or take goods back without a receipt once a manager or owner has
 * entered their PIN (approvedBy). Pick lines and quantities, mark each defective (残次品: it will not
 * go back to sellable stock), and either refund, or add goods going out to make it an exchange: one
 * document, the customer paying or getting back the difference.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { formatMoney } from "../../../shared/money";
import { priceReceipt } from "../../../shared/receipt";
import { unitValueText } from "../../../shared/units";
import type { CartLine, LocalDocument, Sku, Tender } from "../data/contract";
import { addToCart, cartLines, EMPTY_CART, stepQuantity, type Cart } from "./cart";
import { CartLines } from "./cart-view";
import { documentIdFromScan } from "./code128";
import { receiptTime, saleBody, tenderName } from "./documents";
import { Finder, type PickResult } from "./finder";
import { useT } from "./locale";
import { Payment } from "./payment";
import { refundLine, returnableLines, type ReturnableLine } from "./returns";
import { usePos, type Staff } from "./session";
import { checkPin, PinPad, pinMessage } from "./sign-in";
import { UnitEntry } from "./unit-entry";
import { Dialog, errorText, useFlash, useScanFocus } from "./widgets";

type Source = { kind: "receipt"; original: LocalDocument; lines: ReturnableLine[] } | { kind: "none"; approvedBy: Staff };
type Pick = { quantity: number; defective: boolean };

export default function ReturnsScreen({ original }: { original?: string }) {
  const t = useT();
  const { data, setBusy } = usePos();
  const [source, setSource] = useState<Source | null>(null);
  const [problem, setProblem] = useState("");

  const open = async (idOrNumber: string): Promise<boolean> => {
    const doc = await data.getDocument(documentIdFromScan(idOrNumber) ?? idOrNumber);
    if (!doc) return false;
    if (doc.kind !== "sale") {
      setProblem(t("returns.notSale", { number: doc.number }));
      return true;
    }
    // every earlier return / exchange on this device (history() answers 50 unless asked for more)
    const earlier = [...(await data.history({ kind: "return", limit: 100_000 })), ...(await data.history({ kind: "exchange", limit: 100_000 }))];
    setSource({ kind: "receipt", original: doc, lines: returnableLines(saleBody(doc), earlier) });
    setProblem("");
    return true;
  };

  useEffect(() => {
    if (original) void open(original);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [original]);
  useEffect(() => {
    setBusy("returns", source !== null);
    return () => setBusy("returns", false);
  }, [source, setBusy]);

  if (!source) return <FindOriginal onOpen={open} onNoReceipt={(approvedBy) => setSource({ kind: "none", approvedBy })} problem={problem} />;
  return <ReturnForm source={source} onCancel={() => setSource(null)} />;
}

function FindOriginal({ onOpen, onNoReceipt, problem }: { onOpen: (id: string) => Promise<boolean>; onNoReceipt: (approvedBy: Staff) => void; problem: string }) {
  const t = useT();
  const { data, info } = usePos();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [sales, setSales] = useState<LocalDocument[]>([]);
  const [approving, setApproving] = useState(false);
  const [flash, show] = useFlash();
  useScanFocus(input, !approving);

  useEffect(() => {
    let live = true;
    const query = text.trim();
    const timer = window.setTimeout(() => {
      data.history({ kind: "sale", text: query || undefined, limit: 30 }).then((docs) => live && setSales(docs));
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [data, text]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const query = (input.current?.value ?? "").trim();
    if (!query) return;
    if (await onOpen(query)) return;
    const found = await data.history({ kind: "sale", text: query, limit: 30 });
    if (found.length === 1) await onOpen(found[0]!.id);
    else if (found.length === 0) show("error", t("returns.noSuchReceipt", { query }));
  };

  const money = (n: number) => formatMoney(n, info.merchant.currency);
  return (
    <div class="screen returns-find">
      <h2>{t("returns.title")}</h2>
      <form class="finder__form" role="search" onSubmit={submit}>
        <input
          ref={input}
          class="finder__input"
          type="search"
          inputMode="none"
          autoComplete="off"
          aria-label={t("returns.scanReceipt")}
          placeholder={t("returns.scanPlaceholder")}
          value={text}
          onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" class="button">
          {t("action.search")}
        </button>
      </form>
      <p class={`flash${flash || problem ? " flash--error" : ""}`} role="alert">
        {flash?.text || problem || "\u00a0"}
      </p>
      <h3>{t("returns.recentSales")}</h3>
      {sales.length === 0 && <p class="empty">{t("state.empty")}</p>}
      <ul class="doc-list">
        {sales.map((d) => (
          <li key={d.id}>
            <button type="button" class="doc-row" onClick={() => void onOpen(d.id)}>
              <span class="doc-row__number">{d.number}</span>
              <span class="doc-row__time">{receiptTime(d.createdAt, info.merchant.timeZone)}</span>
              <span class="doc-row__amount">{money(Number(d.body.total ?? 0))}</span>
            </button>
          </li>
        ))}
      </ul>
      <div class="actions actions--start">
        <button type="button" class="button button--big" onClick={() => setApproving(true)}>
          {t("returns.noReceipt")}
        </button>
      </div>
      {approving && (
        <ManagerApproval
          onClose={() => setApproving(false)}
          onApproved={(manager) => {
            setApproving(false);
            onNoReceipt(manager);
          }}
        />
      )}
    </div>
  );
}

/** A manager or owner enters their PIN on this tablet to approve a return without a receipt. */
function ManagerApproval({ onApproved, onClose }: { onApproved: (manager: Staff) => void; onClose: () => void }) {
  const t = useT();
  const { data, info } = usePos();
  const managers = info.staff.filter((s) => s.role !== "staff" && s.hasPin);
  const [who, setWho] = useState<Staff | null>(managers.length === 1 ? managers[0]! : null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  return (
    <Dialog title={t("returns.approvalTitle")} onClose={onClose}>
      <p class="muted">{t("returns.approvalNote")}</p>
      {managers.length === 0 && <p class="notice notice--warn">{t("returns.noManager")}</p>}
      <div class="segmented" role="radiogroup" aria-label={t("returns.manager")}>
        {managers.map((m) => (
          <button key={m.id} type="button" role="radio" aria-checked={who?.id === m.id} class={who?.id === m.id ? "is-on" : ""} onClick={() => (setWho(m), setMessage(""))}>
            {m.name}
          </button>
        ))}
      </div>
      {who && (
        <>
          <p class={`flash${message ? " flash--error" : ""}`} role="alert">
            {message || "\u00a0"}
          </p>
          <PinPad
            label={t("pin.label")}
            busy={busy}
            onSubmit={async (pin) => {
              setBusy(true);
              const result = await checkPin(data, who.id, pin);
              setBusy(false);
              if (result.outcome === "ok") onApproved(who);
              else setMessage(pinMessage(t, result));
            }}
          />
        </>
      )}
    </Dialog>
  );
}

type ReturnedEntry = CartLine & { key: string; defective: boolean };

function ReturnForm({ source, onCancel }: { source: Source; onCancel: () => void }) {
  const t = useT();
  const { data, info, clerk, go } = usePos();
  const currency = info.merchant.currency;
  const display = info.store.taxDisplay;
  const money = (n: number) => formatMoney(n, currency);
  // from a receipt: what to take back of each original line
  const [picks, setPicks] = useState<Record<number, Pick>>({});
  // without a receipt: goods keyed in, as a cart, with a defective flag per line
  const [loose, setLoose] = useState<Cart>(EMPTY_CART);
  const [looseDefective, setLooseDefective] = useState<Record<string, boolean>>({});
  const [given, setGiven] = useState<Cart>(EMPTY_CART);
  const [exchange, setExchange] = useState(false);
  const [target, setTarget] = useState<"returned" | "given">(source.kind === "none" ? "returned" : "given");
  const [unitFor, setUnitFor] = useState<{ sku: Sku; target: "returned" | "given" } | null>(null);
  const [refundMethod, setRefundMethod] = useState(info.tenders.find((x) => x.kind === "cash")?.code ?? info.tenders[0]?.code ?? "");
  const [paying, setPaying] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [problem, setProblem] = useState("");

  const returned: ReturnedEntry[] = useMemo(() => {
    if (source.kind === "receipt") {
      return source.lines.flatMap((r) => {
        const p = picks[r.index];
        return p && p.quantity > 0 ? [{ ...refundLine(r, p.quantity), key: `o${r.index}`, defective: p.defective }] : [];
      });
    }
    return loose.lines.map((l) => ({ ...l, defective: looseDefective[l.key] ?? false }));
  }, [source, picks, loose, looseDefective]);

  const back = priceReceipt(returned, 0, display, currency);
  const out = given.lines.length ? priceReceipt(given.lines, 0, display, currency) : null;
  const due = (out?.total ?? 0) - back.total;
  const isExchange = given.lines.length > 0;

  const pick = (sku: Sku): PickResult => {
    const into = source.kind === "receipt" || exchange ? target : "returned";
    if (into === "given" && !sku.listed) return { error: t("sell.unlisted", { name: sku.name }) };
    if (sku.unit) {
      setUnitFor({ sku, target: into });
      return;
    }
    try {
      if (into === "given") setGiven((c) => addToCart(c, sku, info.merchant.unitRounding));
      else setLoose((c) => addToCart(c, sku, info.merchant.unitRounding));
      return { ok: t("sell.added", { name: sku.name }) };
    } catch (error) {
      return { error: errorText(error) };
    }
  };

  const plain = (l: ReturnedEntry) => ({ ...cartLines([l])[0]!, defective: l.defective });
  const finish = async (tenders: Tender[], change: number) => {
    setCommitting(true);
    setProblem("");
    const base = {
      staffId: clerk.id,
      originalId: source.kind === "receipt" ? source.original.id : null,
      approvedBy: source.kind === "none" ? source.approvedBy.id : null,
    };
    const refundTender = info.tenders.find((x) => x.code === refundMethod);
    const refund = (amount: number): Tender[] => (amount > 0 && refundTender ? [{ method: refundTender.code, kind: refundTender.kind, amount }] : []);
    try {
      // Cash handed over beyond the difference came straight back as change: the tender is what was kept.
      const kept = tenders.map((x) => (x.kind === "cash" && change > 0 ? { ...x, amount: x.amount - change } : x)).filter((x) => x.amount > 0);
      const doc = isExchange
        ? await data.commitExchange({ ...base, returned: returned.map(plain), given: cartLines(given.lines), tenders: due > 0 ? kept : [], refunds: due < 0 ? refund(-due) : [] })
        : await data.commitReturn({ ...base, lines: returned.map(plain), refunds: refund(back.total) });
      go(`/doc/${doc.id}`);
    } catch (error) {
      setProblem(t("pay.failed", { reason: errorText(error) }));
      setCommitting(false);
      throw error;
    }
  };

  const commit = () => {
    if (!returned.length || committing) return;
    if (isExchange && due > 0) setPaying(true);
    else void finish([], 0).catch(() => {});
  };

  const showFinder = source.kind === "none" || exchange;
  return (
    <div class="returns">
      <section class="returns__back" aria-label={t("returns.backSection")}>
        <header class="panel-head">
          <h2>{t("returns.backSection")}</h2>
          <button type="button" class="button button--small" onClick={onCancel} disabled={committing}>
            {t("action.cancel")}
          </button>
        </header>
        {source.kind === "receipt" ? (
          <>
            <p class="muted">
              {t("returns.original", { number: source.original.number, time: receiptTime(source.original.createdAt, info.merchant.timeZone) })}
            </p>
            <ul class="lines" aria-label={t("returns.originalLines")}>
              {source.lines.map((r) => {
                const sku = data.getSku(r.line.skuId);
                const p = picks[r.index] ?? { quantity: 0, defective: false };
                const set = (next: Pick) => setPicks({ ...picks, [r.index]: next });
                return (
                  <li key={r.index} class={`line${p.quantity ? " line--picked" : ""}`} data-sku={sku?.code}>
                    <div class="line__what">
                      <span class="line__name">{sku?.name ?? r.line.skuId}</span>
                      <span class="line__detail">
                        {sku?.unit && r.line.unitValue !== null && <span class="tag">{unitValueText(sku.unit, r.line.unitValue)}</span>}
                        {money(r.line.unitPrice)} · {t("returns.sold", { sold: r.sold, remaining: r.remaining })}
                      </span>
                    </div>
                    <div class="line__qty">
                      <button type="button" class="step" aria-label={t("cart.lessOf", { name: sku?.name ?? "" })} disabled={p.quantity <= 0} onClick={() => set({ ...p, quantity: p.quantity - 1 })}>
                        −
                      </button>
                      <output class="qty" aria-label={t("returns.quantityOf", { name: sku?.name ?? "" })}>
                        {p.quantity}
                      </output>
                      <button type="button" class="step" aria-label={t("cart.moreOf", { name: sku?.name ?? "" })} disabled={p.quantity >= r.remaining} onClick={() => set({ ...p, quantity: p.quantity + 1 })}>
                        +
                      </button>
                    </div>
                    <strong class="line__amount">{p.quantity ? money(priceReceipt([refundLine(r, p.quantity)], 0, display, currency).total) : ""}</strong>
                    <div class="line__tools">
                      <DefectiveToggle on={p.defective} disabled={!p.quantity} name={sku?.name ?? ""} onChange={(defective) => set({ ...p, defective })} />
                    </div>
                  </li>
                );
              })}
            </ul>
          </>
        ) : (
          <>
            <p class="notice notice--warn">{t("returns.approvedBy", { name: source.approvedBy.name })}</p>
            {loose.lines.length === 0 && <p class="empty">{t("returns.scanToReturn")}</p>}
            <ul class="lines" aria-label={t("returns.backSection")}>
              {loose.lines.map((l) => {
                const sku = data.getSku(l.skuId);
                return (
                  <li key={l.key} class="line line--picked" data-sku={sku?.code}>
                    <div class="line__what">
                      <span class="line__name">{sku?.name ?? l.skuId}</span>
                      <span class="line__detail">
                        {sku?.unit && l.unitValue !== null && <span class="tag">{unitValueText(sku.unit, l.unitValue)}</span>}
                        {money(l.unitPrice)}
                      </span>
                    </div>
                    <div class="line__qty">
                      <button type="button" class="step" aria-label={t("cart.lessOf", { name: sku?.name ?? "" })} onClick={() => setLoose(stepQuantity(loose, l.key, -1))}>
                        −
                      </button>
                      <output class="qty">{l.quantity}</output>
                      <button type="button" class="step" aria-label={t("cart.moreOf", { name: sku?.name ?? "" })} onClick={() => setLoose(stepQuantity(loose, l.key, 1))}>
                        +
                      </button>
                    </div>
                    <strong class="line__amount">{money(l.unitPrice * l.quantity)}</strong>
                    <div class="line__tools">
                      <DefectiveToggle on={looseDefective[l.key] ?? false} name={sku?.name ?? ""} onChange={(d) => setLooseDefective({ ...looseDefective, [l.key]: d })} />
                    </div>
                  </li>
                );
              })}
            </ul>
          </>
        )}
        <p class="sum-line">
          {t("returns.backTotal")} <strong data-testid="return-total">{money(back.total)}</strong>
        </p>
      </section>

      <section class="returns__out" aria-label={t("returns.outSection")}>
        <header class="panel-head">
          <h2>{t(exchange ? "returns.outSection" : "returns.settle")}</h2>
          {!exchange && (
            <button type="button" class="button" onClick={() => (setExchange(true), setTarget("given"))}>
              {t("returns.addExchange")}
            </button>
          )}
        </header>
        {source.kind === "none" && exchange && (
          <div class="segmented" role="radiogroup" aria-label={t("returns.scanInto")}>
            {(["returned", "given"] as const).map((x) => (
              <button key={x} type="button" role="radio" aria-checked={target === x} class={target === x ? "is-on" : ""} onClick={() => setTarget(x)}>
                {t(x === "returned" ? "returns.scanIntoBack" : "returns.scanIntoOut")}
              </button>
            ))}
          </div>
        )}
        {showFinder && <Finder label={t(target === "given" && exchange ? "returns.scanOut" : "returns.scanBack")} onPick={pick} active={!unitFor && !paying} />}
        {exchange && given.lines.length > 0 && <CartLines cart={given} onChange={setGiven} label={t("returns.outSection")} />}
        <dl class="totals">
          <dt>{t("returns.backTotal")}</dt>
          <dd>{money(back.total)}</dd>
          {out && (
            <>
              <dt>{t("returns.outTotal")}</dt>
              <dd>{money(out.total)}</dd>
            </>
          )}
          <dt class="totals__grand">{t(due > 0 ? "exchange.toPay" : "exchange.toRefund")}</dt>
          <dd class="totals__grand" data-testid="return-due">
            {money(Math.abs(due))}
          </dd>
        </dl>
        {due < 0 && (
          <div class="segmented" role="radiogroup" aria-label={t("returns.refundMethod")}>
            {info.tenders.map((x) => (
              <button key={x.code} type="button" role="radio" aria-checked={x.code === refundMethod} class={x.code === refundMethod ? "is-on" : ""} onClick={() => setRefundMethod(x.code)}>
                {x.name}
              </button>
            ))}
          </div>
        )}
        {problem && (
          <p class="error-text" role="alert">
            {problem}
          </p>
        )}
        <button type="button" class="button button--primary button--huge" disabled={!returned.length || committing} onClick={commit}>
          {committing
            ? t("state.saving")
            : isExchange
              ? due > 0
                ? t("returns.commitExchangePay", { amount: money(due) })
                : t("returns.commitExchange")
              : t("returns.commitReturn", { amount: money(back.total), method: tenderName(info, refundMethod) })}
        </button>
      </section>

      {unitFor && (
        <UnitEntry
          sku={unitFor.sku}
          onClose={() => setUnitFor(null)}
          onAdd={(value, quantity) => {
            if (unitFor.target === "given") setGiven((c) => addToCart(c, unitFor.sku, info.merchant.unitRounding, value, quantity));
            else setLoose((c) => addToCart(c, unitFor.sku, info.merchant.unitRounding, value, quantity));
            setUnitFor(null);
          }}
        />
      )}
      {paying && (
        <Payment
          title={t("returns.payDifference")}
          total={due}
          commitLabel={t("returns.commitExchange")}
          onClose={() => setPaying(false)}
          onCommit={async (tenders, change) => {
            await finish(tenders, change);
          }}
        />
      )}
    </div>
  );
}

function DefectiveToggle({ on, onChange, disabled, name }: { on: boolean; onChange: (on: boolean) => void; disabled?: boolean; name: string }) {
  const t = useT();
  return (
    <button
      type="button"
      class={`toggle${on ? " is-on" : ""}`}
      aria-pressed={on}
      aria-label={t("returns.defectiveOf", { name })}
      disabled={disabled}
      onClick={() => onChange(!on)}
    >
      {t("returns.defective")}
    </button>
  );
}
