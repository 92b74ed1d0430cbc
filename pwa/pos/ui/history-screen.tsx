/**
 * 履歴: today's documents from this device (the merchant's day), newest first, each with where it
 * stands (waiting / sent / rejected); a receipt number (or a scanned receipt barcode) searches all
 * of them. Chips narrow the list to documents still waiting or rejected, of any day, so a clerk
 * sees at once what has not reached the hub. A tap opens the document.
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { formatMoney } from "../../../shared/money";
import type { LocalDocument } from "../data/contract";

type Filter = "today" | "waiting" | "rejected";
const FILTERS = [
  { filter: "today", label: "history.filter.today", title: "history.today" },
  { filter: "waiting", label: "history.filter.waiting", title: "history.waiting" },
  { filter: "rejected", label: "history.filter.rejected", title: "history.rejected" },
] as const satisfies readonly { filter: Filter; label: string; title: string }[];
/** Enough to cover the merchant's whole day in any time zone; the day itself is checked after. */
const TODAY_WINDOW_MS = 36 * 3600_000;
import { documentIdFromScan } from "./code128";
import { StateTag } from "./document-screen";
import { receiptTime } from "./documents";
import { useT } from "./locale";
import { usePos, useStatus } from "./session";
import { useScanFocus } from "./widgets";

/** The merchant-local calendar day of an instant, "2026-04-20". */
export function dayOf(iso: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));
  } catch {
    return iso.slice(0, 10);
  }
}

/** What a document moved, for the list: a sale's total, a return's refund, an exchange's difference. */
export function documentAmount(doc: LocalDocument): number | null {
  const b = doc.body as Record<string, unknown>;
  if (doc.kind === "sale") return Number(b.total ?? 0);
  if (doc.kind === "return") return -Number(b.total ?? 0);
  if (doc.kind === "exchange") return Number(b.givenTotal ?? 0) - Number(b.returnedTotal ?? 0);
  return null;
}

export default function HistoryScreen() {
  const t = useT();
  const { data, info, go } = usePos();
  const { status } = useStatus(data);
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [filter, setFilter] = useState<Filter>("today");
  const [docs, setDocs] = useState<LocalDocument[] | null>(null);
  useScanFocus(input, true);
  const zone = info.merchant.timeZone;

  // Typing waits for a pause; an outbox change re-reads at once. Answers apply in the order asked,
  // and none is dropped for a newer question still on its way (the outbox can move fast).
  const asked = useRef(0);
  const shown = useRef(0);
  const load = useCallback(
    async (query: string, which: Filter) => {
      const n = ++asked.current;
      let found: LocalDocument[];
      if (query) found = await data.history({ text: documentIdFromScan(query) ?? query, limit: 200 });
      else if (which === "today") {
        const today = dayOf(new Date().toISOString(), zone);
        const recent = await data.history({ since: new Date(Date.now() - TODAY_WINDOW_MS).toISOString(), limit: 100_000 });
        found = recent.filter((d) => dayOf(d.createdAt, zone) === today);
      } else found = await data.history({ state: which, limit: 5000 });
      if (n < shown.current) return;
      shown.current = n;
      setDocs(found);
    },
    [data, zone],
  );
  useEffect(() => {
    const timer = window.setTimeout(() => void load(text.trim(), filter), 150);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, load]);
  useEffect(() => {
    void load(text.trim(), filter);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status.waiting, status.rejected, filter]);

  const money = (n: number) => formatMoney(n, info.merchant.currency);
  return (
    <div class="screen history">
      <h2>{t(text.trim() ? "history.results" : FILTERS.find((f) => f.filter === filter)!.title)}</h2>
      <div class="segmented" role="radiogroup" aria-label={t("history.filter")}>
        {FILTERS.map(({ filter: f, label }) => (
          <button key={f} type="button" role="radio" aria-checked={f === filter} class={f === filter ? "is-on" : ""} data-filter={f} onClick={() => setFilter(f)}>
            {t(label)}
            {f === "waiting" && status.waiting > 0 && <span class="badge">{status.waiting}</span>}
            {f === "rejected" && status.rejected > 0 && <span class="badge">{status.rejected}</span>}
          </button>
        ))}
      </div>
      <form class="finder__form" role="search" onSubmit={(e) => e.preventDefault()}>
        <input
          ref={input}
          class="finder__input"
          type="search"
          inputMode="none"
          autoComplete="off"
          aria-label={t("history.search")}
          placeholder={t("history.placeholder")}
          value={text}
          onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
        />
      </form>
      {docs === null && <p class="loading">{t("state.loading")}</p>}
      {docs?.length === 0 && <p class="empty">{t("state.empty")}</p>}
      <ul class="doc-list">
        {docs?.map((d) => {
          const amount = documentAmount(d);
          return (
            <li key={d.id}>
              <button type="button" class="doc-row" onClick={() => go(`/doc/${d.id}`)}>
                <span class="doc-row__time">{receiptTime(d.createdAt, zone)}</span>
                <span class="doc-row__number">{d.number}</span>
                <span class="tag">{t(`kind.${d.kind}`)}</span>
                <span class="doc-row__amount">{amount === null ? "" : money(amount)}</span>
                <StateTag doc={d} t={t} />
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
