/**
 * 棚卸 (seed 003 §2.3.2): a clerk counts one area at a time, offline if need be — scan each item (the
 * same SKU again adds 1) or key a count; unit products are keyed in their sales unit (cm). Review
 * shows the difference from the stock on record; submitting saves the sheet as a document for the
 * store manager to submit (门店后台) and the merchant to approve (商家后台). The sheet in progress is
 * kept in localStorage, so a reload halfway through a long count loses nothing.
 */
import { useEffect, useState } from "preact/hooks";
import type { Sku } from "../data/contract";
import type { StocktakeBody } from "./documents";
import { Finder, type PickResult } from "./finder";
import { useT } from "./locale";
import { loadSaved, save, usePos } from "./session";
import { countOne, EMPTY_SHEET, removeCount, reviewSheet, setCount, type Sheet } from "./stocktake";
import { Dialog, errorText, NumberEntry } from "./widgets";

const SHEET_KEY = "renkei.pos.stocktake";
const isSheet = (v: unknown): v is Sheet => typeof v === "object" && v !== null && typeof (v as Sheet).area === "string" && Array.isArray((v as Sheet).lines);

export default function StocktakeScreen() {
  const t = useT();
  const { data, clerk, setBusy, go } = usePos();
  const [sheet, setSheet] = useState<Sheet>(() => loadSaved(SHEET_KEY, EMPTY_SHEET, isSheet));
  const [areas, setAreas] = useState<string[]>([]);
  const [areaText, setAreaText] = useState("");
  const [keying, setKeying] = useState<Sku | null>(null);
  const [review, setReview] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [problem, setProblem] = useState("");

  useEffect(() => save(SHEET_KEY, sheet.area || sheet.lines.length ? sheet : undefined), [sheet]);
  useEffect(() => {
    setBusy("stocktake", sheet.lines.length > 0);
    return () => setBusy("stocktake", false);
  }, [sheet.lines.length, setBusy]);
  useEffect(() => {
    data.history({ kind: "stocktake", limit: 50 }).then((docs) => {
      const seen = [...new Set(docs.map((d) => (d.body as unknown as StocktakeBody).area).filter(Boolean))];
      setAreas(seen.slice(0, 8));
    });
  }, [data]);

  if (!sheet.area) {
    return (
      <div class="screen stocktake-area">
        <h2>{t("stocktake.title")}</h2>
        <form
          class="finder__form"
          onSubmit={(e) => {
            e.preventDefault();
            if (areaText.trim()) setSheet({ ...sheet, area: areaText.trim() });
          }}
        >
          <input class="finder__input" aria-label={t("stocktake.area")} placeholder={t("stocktake.areaPlaceholder")} value={areaText} maxLength={64} onInput={(e) => setAreaText((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit" class="button button--primary" disabled={!areaText.trim()}>
            {t("stocktake.start")}
          </button>
        </form>
        {areas.length > 0 && (
          <>
            <h3>{t("stocktake.recentAreas")}</h3>
            <div class="chips">
              {areas.map((a) => (
                <button key={a} type="button" class="button" onClick={() => setSheet({ ...sheet, area: a })}>
                  {a}
                </button>
              ))}
            </div>
          </>
        )}
      </div>
    );
  }

  const pick = (sku: Sku): PickResult => {
    if (sku.unit) {
      setKeying(sku);
      return;
    }
    setSheet((s) => countOne(s, sku.id));
    const now = (sheet.lines.find((l) => l.skuId === sku.id)?.counted ?? 0) + 1;
    return { ok: t("stocktake.counted1", { name: sku.name, count: now }) };
  };

  const submit = async () => {
    setCommitting(true);
    setProblem("");
    try {
      const doc = await data.commitStocktakeSheet({ staffId: clerk.id, area: sheet.area, lines: sheet.lines.map(({ skuId, counted }) => ({ skuId, counted })) });
      setSheet(EMPTY_SHEET);
      setReview(false);
      go(`/doc/${doc.id}`);
    } catch (error) {
      setProblem(t("pay.failed", { reason: errorText(error) }));
    } finally {
      setCommitting(false);
    }
  };

  const rows = reviewSheet(sheet, (id) => data.stockOf(id)?.onHand);
  return (
    <div class="stocktake">
      <section class="stocktake__scan">
        <header class="panel-head">
          <h2>
            {t("stocktake.title")} · {sheet.area}
          </h2>
          <button type="button" class="button button--small" onClick={() => setSheet({ ...sheet, area: "" })} disabled={sheet.lines.length > 0}>
            {t("stocktake.changeArea")}
          </button>
        </header>
        <Finder label={t("stocktake.scan")} onPick={pick} active={!keying && !review} showStock={false} />
      </section>
      <section class="stocktake__lines">
        <header class="panel-head">
          <h2>{t("stocktake.lines", { count: sheet.lines.length })}</h2>
          <button
            type="button"
            class="button button--small"
            disabled={!sheet.lines.length}
            onClick={() => {
              if (window.confirm(t("stocktake.discardConfirm"))) setSheet({ ...EMPTY_SHEET, area: sheet.area });
            }}
          >
            {t("stocktake.discard")}
          </button>
        </header>
        {sheet.lines.length === 0 && <p class="empty">{t("stocktake.empty")}</p>}
        <ul class="lines">
          {sheet.lines.map((l) => {
            const sku = data.getSku(l.skuId);
            return (
              <li key={l.skuId} class="line" data-sku={sku?.code}>
                <div class="line__what">
                  <span class="line__name">{sku?.name ?? l.skuId}</span>
                  <span class="line__detail">{sku?.code}</span>
                </div>
                <div class="line__qty">
                  <button type="button" class="step" aria-label={t("cart.lessOf", { name: sku?.name ?? "" })} disabled={l.counted <= 0} onClick={() => setSheet(setCount(sheet, l.skuId, l.counted - 1))}>
                    −
                  </button>
                  <button type="button" class="qty" aria-label={t("stocktake.countOf", { name: sku?.name ?? "" })} onClick={() => sku && setKeying(sku)}>
                    {l.counted}
                    {sku?.unit ? <small> {sku.unit.salesUnit}</small> : null}
                  </button>
                  <button type="button" class="step" aria-label={t("cart.moreOf", { name: sku?.name ?? "" })} onClick={() => setSheet(setCount(sheet, l.skuId, l.counted + 1))}>
                    +
                  </button>
                </div>
                <div class="line__tools">
                  <button type="button" class="icon-button" aria-label={t("cart.removeOf", { name: sku?.name ?? "" })} onClick={() => setSheet(removeCount(sheet, l.skuId))}>
                    ×
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
        <button type="button" class="button button--primary button--huge" disabled={!sheet.lines.length} onClick={() => setReview(true)}>
          {t("stocktake.review")}
        </button>
      </section>

      {keying && (
        <CountEntry
          sku={keying}
          initial={sheet.lines.find((l) => l.skuId === keying.id)?.counted}
          onClose={() => setKeying(null)}
          onSet={(n) => {
            setSheet(setCount(sheet, keying.id, n));
            setKeying(null);
          }}
        />
      )}
      {review && (
        <Dialog title={t("stocktake.reviewTitle", { area: sheet.area })} onClose={committing ? undefined : () => setReview(false)} wide>
          <table class="table">
            <thead>
              <tr>
                <th>{t("table.item")}</th>
                <th class="num">{t("stocktake.counted")}</th>
                <th class="num">{t("stocktake.expected")}</th>
                <th class="num">{t("stocktake.difference")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const sku = data.getSku(r.skuId);
                return (
                  <tr key={r.skuId} class={r.difference ? "is-diff" : ""}>
                    <td>
                      {sku?.name ?? r.skuId} <span class="muted">{sku?.code}</span>
                    </td>
                    <td class="num">{r.counted}</td>
                    <td class="num">{r.expected ?? "—"}</td>
                    <td class="num">{r.difference === null ? "—" : r.difference > 0 ? `+${r.difference}` : r.difference}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p class="muted">{t("stocktake.reviewNote")}</p>
          {problem && (
            <p class="error-text" role="alert">
              {problem}
            </p>
          )}
          <div class="actions">
            <button type="button" class="button button--big" disabled={committing} onClick={() => setReview(false)}>
              {t("stocktake.keepCounting")}
            </button>
            <button type="button" class="button button--primary button--big" disabled={committing} onClick={submit}>
              {committing ? t("state.saving") : t("stocktake.submit")}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}

function CountEntry({ sku, initial, onSet, onClose }: { sku: Sku; initial?: number; onSet: (n: number) => void; onClose: () => void }) {
  const t = useT();
  const [value, setValue] = useState(initial === undefined ? "" : String(initial));
  const n = value === "" ? null : Number(value);
  const ok = n !== null && Number.isSafeInteger(n) && n >= 0;
  return (
    <Dialog title={sku.name} onClose={onClose}>
      <NumberEntry
        label={sku.unit ? t("stocktake.countIn", { unit: sku.unit.salesUnit }) : t("stocktake.counted")}
        value={value}
        onChange={setValue}
        onEnter={() => ok && onSet(n!)}
        max={10}
        invalid={value !== "" && !ok}
      />
      <div class="actions">
        <button type="button" class="button button--primary button--big" disabled={!ok} onClick={() => onSet(n!)}>
          {t("action.apply")}
        </button>
      </div>
    </Dialog>
  );
}
