/**
 * Linked external systems (connections) with their state and settings, started and stopped by
 * managers, and the sync schedules beside them (schedules.tsx). Settings and credentials are
 * edited where a connection is set up; here they are read. Stopping asks first: a stopped
 * connection pushes no stock and pulls no orders.
 */
import { apiPost } from "../api";
import { LoadedTable } from "../components/data-table";
import { FormErrors } from "../components/field";
import { RouteTabs, SYNC_TABS } from "../components/tabs";
import { useAction } from "../components/use-action";
import { useConfirm } from "../components/use-confirm";
import { useApiGet } from "../data";
import { useT } from "../locale";
import { Link } from "../navigation";
import { pathFor } from "../router";
import { hasRole, useSession } from "../session";
import type { Connection, Items } from "../types";
import { NextEngineCard } from "./nextengine-parts";
import type { ScreenProps } from "./props";
import { Schedules } from "./schedules";

/** A settings value as text: strings and numbers as they are, anything else as JSON. */
const settingText = (value: unknown) => (typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value));

export default function ConnectionsScreen({ route }: ScreenProps) {
  const t = useT();
  const { me } = useSession();
  const canEdit = hasRole(me, "manager");
  const connections = useApiGet<Items<Connection>>("/api/connections");
  const acting = useAction<string>();
  const setState = (connection: Connection, to: "start" | "stop") =>
    acting.run(async () => {
      await apiPost<Connection>(`/api/connections/${encodeURIComponent(connection.id)}/${to}`);
      connections.reload();
    }, connection.id);
  const confirmStop = useConfirm((connection: Connection) => ({
    title: t("conn.stopTitle", { name: connection.name }),
    confirmLabel: t("conn.stop"),
    danger: true,
    onConfirm: () => void setState(connection, "stop"),
    children: <p>{t("conn.stopNote")}</p>,
  }));
  const stateButton = (c: Connection, to: "start" | "stop", onClick: () => void) => (
    <button type="button" disabled={acting.busy} onClick={onClick}>
      {acting.doing === c.id ? t("state.working") : t(to === "stop" ? "conn.stop" : "conn.start")}
    </button>
  );

  return (
    <section>
      <h1>{t("sync.title")}</h1>
      <RouteTabs tabs={SYNC_TABS} current={route} />
      <NextEngineCard connections={connections.data?.items ?? []} />
      <h2>{t("conn.title")}</h2>
      {hasRole(me, "owner") && (
        <p>
          <Link href={pathFor("wangdianNew")}>＋ {t("conn.addWangdian")}</Link>
          {" "}
          <Link href={pathFor("rakutenNew")}>＋ {t("conn.addRakuten")}</Link>{" "}
          <Link href={pathFor("smaregiNew")}>＋ {t("conn.addSmaregi")}</Link>
        </p>
      )}
      <FormErrors error={acting.error} />
      <LoadedTable
        list={connections}
        empty={t("conn.none")}
        columns={[
          {
            head: t("conn.name"),
            cell: (c) => (
              <>
                {c.kind === "wangdian" ? <Link href={pathFor("wangdian", { id: c.id })}>{c.name}</Link> : c.kind === "rakuten" ? <Link href={pathFor("rakuten", { id: c.id })}>{c.name}</Link> : c.kind === "smaregi" ? <Link href={pathFor("smaregi", { id: c.id })}>{c.name}</Link> : c.name}
                {c.baseUrl && <div class="muted">{c.baseUrl}</div>}
              </>
            ),
            attrs: (c) => ({ title: c.id }),
          },
          { head: t("conn.kind"), cell: (c) => <code>{c.kind}</code> },
          {
            head: t("conn.status"),
            cell: (c) => <span class={`run run--${c.status === "started" ? "succeeded" : c.status === "stopped" ? "failed" : "queued"}`}>{t(`connStatus.${c.status}`)}</span>,
          },
          {
            head: t("conn.settings"),
            cell: (c) => (
              <ul class="plain">
                {Object.entries(c.settings).map(([key, value]) => (
                  <li>
                    <code>{key}</code>: {settingText(value)}
                  </li>
                ))}
              </ul>
            ),
          },
          canEdit && {
            cell: (c) =>
              c.status === "started"
                ? stateButton(c, "stop", () => confirmStop.ask(c))
                : c.status !== "pending" && stateButton(c, "start", () => void setState(c, "start")),
          },
        ]}
      />

      <Schedules connections={connections.data?.items ?? []} canEdit={canEdit} />

      {confirmStop.dialog}
    </section>
  );
}
