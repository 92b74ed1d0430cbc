/**
 * Linked external systems (connections) with their state and settings, started and stopped by
 * managers, and the sync schedules beside them (schedules.tsx). Settings and credentials are
 * edited where a connection is set up; here they are read. Stopping asks first: a stopped
 * connection pushes no stock and pulls no orders.
 */
import { useState } from "preact/hooks";
import { apiPost } from "../api";
import { ConfirmDialog } from "../components/confirm-dialog";
import { FormErrors, LoadError } from "../components/field";
import { RouteTabs, SYNC_TABS } from "../components/tabs";
import { useApiGet } from "../data";
import { useT } from "../locale";
import { hasRole, useSession } from "../session";
import type { Connection, Items } from "../types";
import type { ScreenProps } from "./props";
import { Schedules } from "./schedules";

/** A settings value as text: strings and numbers as they are, anything else as JSON. */
const settingText = (value: unknown) => (typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value));

export default function ConnectionsScreen({ route }: ScreenProps) {
  const t = useT();
  const { me } = useSession();
  const canEdit = hasRole(me, "manager");
  const connections = useApiGet<Items<Connection>>("/api/connections");
  const [stopping, setStopping] = useState<Connection | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function setState(connection: Connection, to: "start" | "stop") {
    setBusy(connection.id);
    setError(null);
    try {
      await apiPost<Connection>(`/api/connections/${encodeURIComponent(connection.id)}/${to}`);
      connections.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section>
      <h1>{t("sync.title")}</h1>
      <RouteTabs tabs={SYNC_TABS} current={route} />
      <h2>{t("conn.title")}</h2>
      <FormErrors error={error} />
      <LoadError error={connections.error} onRetry={connections.reload} />
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th>{t("conn.name")}</th>
              <th>{t("conn.kind")}</th>
              <th>{t("conn.status")}</th>
              <th>{t("conn.settings")}</th>
              {canEdit && <th />}
            </tr>
          </thead>
          <tbody>
            {connections.data?.items.map((c) => (
              <tr>
                <td title={c.id}>
                  {c.name}
                  {c.baseUrl && <div class="muted">{c.baseUrl}</div>}
                </td>
                <td>
                  <code>{c.kind}</code>
                </td>
                <td>
                  <span class={`run run--${c.status === "started" ? "succeeded" : c.status === "stopped" ? "failed" : "queued"}`}>{t(`connStatus.${c.status}`)}</span>
                </td>
                <td>
                  <ul class="plain">
                    {Object.entries(c.settings).map(([key, value]) => (
                      <li>
                        <code>{key}</code>: {settingText(value)}
                      </li>
                    ))}
                  </ul>
                </td>
                {canEdit && (
                  <td>
                    {c.status === "started" ? (
                      <button type="button" disabled={busy !== null} onClick={() => setStopping(c)}>
                        {busy === c.id ? t("state.working") : t("conn.stop")}
                      </button>
                    ) : (
                      c.status !== "pending" && (
                        <button type="button" disabled={busy !== null} onClick={() => void setState(c, "start")}>
                          {busy === c.id ? t("state.working") : t("conn.start")}
                        </button>
                      )
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {connections.loading && <p class="loading">{t("state.loading")}</p>}
      {connections.data?.items.length === 0 && <p class="empty">{t("conn.none")}</p>}

      <Schedules connections={connections.data?.items ?? []} canEdit={canEdit} />

      {stopping && (
        <ConfirmDialog
          title={t("conn.stopTitle", { name: stopping.name })}
          confirmLabel={t("conn.stop")}
          danger
          onClose={() => setStopping(null)}
          onConfirm={() => void setState(stopping, "stop")}
        >
          <p>{t("conn.stopNote")}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
