/**
 * Always on screen: online / offline, documents waiting (tap: send now), rejected documents (tap:
 * each with the hub's reasons — they stay on the device), last sync, whether the browser granted
 * persistent storage (only then is the data safe from eviction), a storage warning, a revoked
 * device, and the catalog's first load as a progress bar.
 */
import { useState } from "preact/hooks";
import type { LocalDocument, PosData } from "../data/contract";
import { Issues } from "./document-screen";
import { useLang, useT } from "./locale";
import { useStatus } from "./session";
import { Dialog } from "./widgets";

const LOCALES = { ja: "ja-JP", zh: "zh-CN", en: "en-GB" } as const;

export function StatusBar({ data, timeZone, onOpen }: { data: PosData; timeZone?: string; onOpen?: (id: string) => void }) {
  const t = useT();
  const { lang } = useLang();
  const { status } = useStatus(data);
  const [rejected, setRejected] = useState<LocalDocument[] | null>(null);
  const catalog = status.catalog;
  const lastSync = status.lastSyncAt ? syncTime(status.lastSyncAt, LOCALES[lang], timeZone) : t("status.never");

  const showRejected = async () => {
    // history() answers the newest 50 by default: ask for all of them (a state filter would be cheaper)
    const all = await data.history({ limit: 100_000 });
    setRejected(all.filter((d) => d.state === "rejected"));
  };

  return (
    <>
      <div class="status" role="status" aria-label={t("status.label")}>
        <span class={`chip ${status.online ? "chip--ok" : "chip--off"}`} data-testid="status-online">
          <span class="chip__dot" />
          {t(status.online ? "status.online" : "status.offline")}
        </span>
        <button
          type="button"
          class={`chip${status.waiting ? " chip--warn" : ""}`}
          data-testid="status-waiting"
          disabled={!status.online || status.sending || !status.waiting || status.revoked}
          title={t("status.sendNow")}
          onClick={() => void data.pushNow().catch(() => {})}
        >
          {status.sending ? t("status.sending", { count: status.waiting }) : t("status.waiting", { count: status.waiting })}
        </button>
        {status.rejected > 0 && (
          <button type="button" class="chip chip--error" data-testid="status-rejected" onClick={showRejected}>
            {t("status.rejected", { count: status.rejected })}
          </button>
        )}
        <span class="chip">{t("status.lastSync", { time: lastSync })}</span>
        <span class={`chip ${status.persisted ? "" : "chip--warn"}`} title={t(status.persisted ? "status.persistedHelp" : "status.notPersistedHelp")}>
          {t(status.persisted ? "status.persisted" : "status.notPersisted")}
        </span>
        {status.storageWarning && <span class="chip chip--error">{t("status.storageWarning")}</span>}
        {!catalog.ready && (
          <span class="chip chip--progress">
            {t("status.catalog", { loaded: catalog.loaded.toLocaleString(), total: catalog.total === null ? "…" : catalog.total.toLocaleString() })}
            <progress max={catalog.total ?? undefined} value={catalog.total ? catalog.loaded : undefined} aria-label={t("status.catalogLabel")} />
          </span>
        )}
      </div>
      {status.revoked && (
        <div class="banner banner--error" role="alert">
          {t("status.revoked")}
        </div>
      )}
      {rejected && (
        <Dialog title={t("status.rejectedTitle")} onClose={() => setRejected(null)} wide>
          <p class="muted">{t("status.rejectedNote")}</p>
          {rejected.length === 0 && <p>{t("state.empty")}</p>}
          <ul class="rejected">
            {rejected.map((doc) => (
              <li key={doc.id}>
                <p>
                  <strong>{doc.number}</strong> · {t(`kind.${doc.kind}`)} · {syncTime(doc.createdAt, LOCALES[lang], timeZone)}
                  {onOpen && (
                    <button
                      type="button"
                      class="button button--small"
                      onClick={() => {
                        setRejected(null);
                        onOpen(doc.id);
                      }}
                    >
                      {t("action.open")}
                    </button>
                  )}
                </p>
                <Issues doc={doc} t={t} />
              </li>
            ))}
          </ul>
        </Dialog>
      )}
    </>
  );
}

function syncTime(iso: string, locale: string, timeZone: string | undefined): string {
  const date = new Date(iso);
  const sameDay = Date.now() - date.getTime() < 12 * 3600_000;
  try {
    return new Intl.DateTimeFormat(locale, sameDay ? { timeStyle: "short", timeZone } : { dateStyle: "short", timeStyle: "short", timeZone }).format(date);
  } catch {
    return date.toLocaleString();
  }
}
