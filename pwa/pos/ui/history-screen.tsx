/**
 * 履歴: today's documents from this device (the merchant's day), newest first, each with where it
 * stands (waiting / sent / rejected); a receipt number (or a scanned receipt barcode) searches all
 * of them. A tap opens the document.
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { formatMoney } from "../../../shared/money";
import type { LocalDocument } from "../data/contract";
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
  const [docs, setDocs] = useState<LocalDocument[] | null>(null);
  useScanFocus(input, true);
  const zone = info.merchant.timeZone;

  // Typing waits for a pause; an outbox change re-reads at once. Answers apply in the order asked,
  // and none is dropped for a newer question still on its way (the outbox can move fast).
  const asked = useRef(0);
  const shown = useRef(0);
  const load = useCallback(
    async (query: string) => {
      const n = ++asked.current;
      const found = query ? await data.history({ text: documentIdFromScan(query) ?? query, limit: 200 }) : await data.history({ limit: 5000 });
      if (n < shown.current) return;
      shown.current = n;
      const today = dayOf(new Date().toISOString(), zone);
      setDocs(query ? found : found.filter((d) => dayOf(d.createdAt, zone) === today));
    },
    [data, zone],
  );
  useEffect(() => {
    const timer = window.setTimeout(() => void load(text.trim()), 150);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, load]);
  useEffect(() => {
    void load(text.trim());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status.waiting, status.rejected]);

  const money = (n: number) => formatMoney(n, info.merchant.currency);
  return (
    <div class="screen history">
      <h2>{t(text.trim() ? "history.results" : "history.today")}</h2>
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
