/**
 * Status actions: "when an order enters status X, run action Y (for connection Z); on success move
 * it to W". Listed for everyone; added and deleted by managers. The action names are the worker's
 * registered order actions — today only 引当 (allocate); the API does not list them, so they are
 * named here and the worker refuses any it does not know.
 */
import { useState } from "preact/hooks";
import { apiDelete, apiPost } from "../api";
import { LoadedTable } from "../components/data-table";
import { Field, FormErrors } from "../components/field";
import { FormActions } from "../components/form-actions";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { useConfirm } from "../components/use-confirm";
import { useApiGet } from "../data";
import { hasMessage } from "../i18n";
import { issuesByPath } from "../form-issues";
import { useT } from "../locale";
import type { Connection, Items, OrderStatus, StatusAction, StatusActionInput } from "../types";

/** Order actions the worker registers (worker/orders/lifecycle.ts: registerOrderAction). */
export const ORDER_ACTIONS = ["allocate"] as const;
const FIELDS = ["status", "action", "connectionId", "successStatus", "enabled"];

export function StatusActions({ statuses, nameOf, canEdit }: { statuses: OrderStatus[]; nameOf: (code: string) => string; canEdit: boolean }) {
  const t = useT();
  const actions = useApiGet<Items<StatusAction>>("/api/status-actions");
  const connections = useApiGet<Items<Connection>>("/api/connections");
  const deleting = useAction();
  const actionName = (name: string) => {
    const key = `orderAction.${name}`;
    return hasMessage(key) ? t(key) : name;
  };
  const connectionName = (id: string | null) => (id ? (connections.data?.items.find((c) => c.id === id)?.name ?? id) : "—");
  const describe = (a: StatusAction) => `${nameOf(a.status)} → ${actionName(a.action)} → ${a.successStatus ? nameOf(a.successStatus) : t("actions.keep")}`;

  const confirmDelete = useConfirm((action: StatusAction) => ({
    title: t("actions.deleteTitle"),
    confirmLabel: t("action.delete"),
    danger: true,
    onConfirm: () =>
      void deleting.run(async () => {
        await apiDelete(`/api/status-actions/${encodeURIComponent(action.id)}`);
        actions.reload();
      }),
    children: <p>{describe(action)}</p>,
  }));

  return (
    <>
      <h2>{t("actions.title")}</h2>
      <p class="muted">{t("actions.explain")}</p>
      <div class="split">
        <div>
          <FormErrors error={deleting.error} />
          <LoadedTable
            list={actions}
            empty={t("actions.none")}
            columns={[
              { head: t("actions.status"), cell: (a) => nameOf(a.status) },
              { head: t("actions.action"), cell: (a) => actionName(a.action) },
              { head: t("actions.connection"), cell: (a) => connectionName(a.connectionId ?? null) },
              { head: t("actions.successStatus"), cell: (a) => (a.successStatus ? nameOf(a.successStatus) : t("actions.keep")) },
              { head: t("actions.state"), cell: (a) => t(a.enabled ? "state.on" : "state.off") },
              canEdit && {
                cell: (a) => (
                  <button type="button" class="button--quiet" onClick={() => confirmDelete.ask(a)}>
                    {t("action.delete")}
                  </button>
                ),
              },
            ]}
          />
        </div>
        {canEdit && <ActionForm statuses={statuses} nameOf={nameOf} connections={connections.data?.items ?? []} actionName={actionName} onSaved={actions.reload} />}
      </div>
      {confirmDelete.dialog}
    </>
  );
}

function ActionForm(props: {
  statuses: OrderStatus[];
  connections: Connection[];
  nameOf: (code: string) => string;
  actionName: (name: string) => string;
  onSaved: () => void;
}) {
  const t = useT();
  const [draft, setDraft] = useState({ status: "", action: ORDER_ACTIONS[0] as string, connectionId: "", successStatus: "", enabled: true });
  const [saved, setSaved] = useState(false);
  const save = useAction();
  const issues = issuesByPath(save.error);
  const set = <K extends keyof typeof draft>(key: K, value: (typeof draft)[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(event: Event) {
    event.preventDefault();
    setSaved(false);
    const body: StatusActionInput = {
      status: draft.status,
      action: draft.action,
      connectionId: draft.connectionId || null,
      successStatus: draft.successStatus || null,
      enabled: draft.enabled,
    };
    await save.run(async () => {
      await apiPost<StatusAction>("/api/status-actions", body);
      setSaved(true);
      setDraft((d) => ({ ...d, status: "", successStatus: "" }));
      props.onSaved();
    });
  }

  const statusOptions = (empty: string) => [
    <option value="">{empty}</option>,
    ...props.statuses.map((s) => <option value={s.code}>{`${props.nameOf(s.code)} (${s.code})`}</option>),
  ];
  return (
    <form class="card form" onSubmit={submit} noValidate>
      <h2>{t("actions.new")}</h2>
      {saved && <OkNotice>{t("actions.saved")}</OkNotice>}
      <FormErrors error={save.error} shownPaths={FIELDS} />
      <Field label={t("actions.status")} errors={issues.get("status")}>
        <select value={draft.status} onChange={(e) => set("status", e.currentTarget.value)}>
          {statusOptions(t("filter.choose"))}
        </select>
      </Field>
      <Field label={t("actions.action")} errors={issues.get("action")}>
        <select value={draft.action} onChange={(e) => set("action", e.currentTarget.value)}>
          {ORDER_ACTIONS.map((name) => (
            <option value={name}>{props.actionName(name)}</option>
          ))}
        </select>
      </Field>
      <Field label={t("actions.connection")} errors={issues.get("connectionId")}>
        <select value={draft.connectionId} onChange={(e) => set("connectionId", e.currentTarget.value)}>
          <option value="">{t("filter.none")}</option>
          {props.connections.map((c) => (
            <option value={c.id}>{c.name}</option>
          ))}
        </select>
      </Field>
      <Field label={t("actions.successStatus")} errors={issues.get("successStatus")}>
        <select value={draft.successStatus} onChange={(e) => set("successStatus", e.currentTarget.value)}>
          {statusOptions(t("actions.keep"))}
        </select>
      </Field>
      <Field label={t("actions.enabled")} errors={issues.get("enabled")}>
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set("enabled", e.currentTarget.checked)} />
      </Field>
      <FormActions label={t("action.add")} busy={save.busy} />
    </form>
  );
}
