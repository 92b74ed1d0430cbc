/**
 * Dead letters — jobs that gave up after their retries — with Replay, which sends the same job again
 * as a new run (once per dead letter: the worker claims it, so two clicks replay once). One table for
 * the sync log (every dead letter of the merchant) and for a link's page (its own: `connectionId`).
 */
import { useState } from "preact/hooks";
import { apiPost } from "../api";
import { useApiGet } from "../data";
import { formatInstant } from "../format";
import { useLang, useT } from "../locale";
import { Link } from "../navigation";
import { pathFor } from "../router";
import { hasRole, useSession } from "../session";
import type { DeadLetter, Items } from "../types";
import { LoadedTable } from "./data-table";
import { FormErrors } from "./field";
import { OkNotice } from "./ok-notice";
import { useAction } from "./use-action";
import { useConfirm } from "./use-confirm";

export function DeadLetters({ connectionId, onReplayed }: { connectionId?: string; onReplayed?: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { me } = useSession();
  const letters = useApiGet<Items<DeadLetter>>(connectionId ? `/api/sync/dead-letters?connectionId=${encodeURIComponent(connectionId)}` : "/api/sync/dead-letters");
  const replaying = useAction<string>();
  const [replayed, setReplayed] = useState<string | null>(null);
  const when = (iso: string | null) => formatInstant(iso, lang, me.merchant.timeZone);
  const canReplay = hasRole(me, "manager");

  const replay = (letter: DeadLetter) => {
    setReplayed(null);
    return replaying.run(async () => {
      const { runId } = await apiPost<{ runId: string }>(`/api/sync/dead-letters/${encodeURIComponent(letter.id)}/replay`);
      setReplayed(runId);
      letters.reload();
      onReplayed?.();
    }, letter.id);
  };
  const confirm = useConfirm((letter: DeadLetter) => ({
    title: t("sync.replayTitle", { job: letter.job }),
    confirmLabel: t("sync.replay"),
    onConfirm: () => void replay(letter),
    children: <p>{t("sync.replayNote")}</p>,
  }));

  return (
    <>
      <div class="toolbar">
        <button type="button" onClick={letters.reload}>
          {t("action.refresh")}
        </button>
      </div>
      {replayed && (
        <OkNotice>
          {t("sync.replayed", { runId: replayed })} <Link href={pathFor("syncRuns")}>{t("sync.runs")}</Link>
        </OkNotice>
      )}
      <FormErrors error={replaying.error} />
      <LoadedTable
        list={letters}
        empty={t("sync.noDeadLetters")}
        columns={[
          { head: t("sync.failedAt"), cell: (letter) => when(letter.createdAt), attrs: (letter) => ({ title: letter.id }) },
          { head: t("sync.job"), cell: (letter) => <code>{letter.job}</code> },
          { head: t("sync.attempts"), class: "num", cell: (letter) => letter.attempts },
          { head: t("sync.error"), cell: (letter) => letter.error, attrs: () => ({ class: "error-text" }) },
          {
            head: t("sync.payload"),
            cell: (letter) => (
              <details>
                <summary>{t("sync.showPayload")}</summary>
                <pre class="payload">{JSON.stringify(letter.payload, null, 2)}</pre>
              </details>
            ),
          },
          {
            cell: (letter) =>
              letter.replayedAt ? (
                <span class="muted">{t("sync.replayedAt", { at: when(letter.replayedAt), runId: letter.replayRunId ?? "" })}</span>
              ) : (
                canReplay && (
                  <button type="button" disabled={replaying.busy} onClick={() => confirm.ask(letter)}>
                    {replaying.doing === letter.id ? t("state.working") : t("sync.replay")}
                  </button>
                )
              ),
          },
        ]}
      />
      {confirm.dialog}
    </>
  );
}
