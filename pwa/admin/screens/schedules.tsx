/**
 * Sync schedules — daily at HH:MM, every N minutes, hourly at :MM, each in its own time zone (the
 * merchant's unless set) — with the next run shown in the merchant's time zone; managers add,
 * delete and run a job now (a manual run, listed with the others under 実行履歴).
 */
import { useState } from "preact/hooks";
import { ApiError, apiDelete, apiPost } from "../api";
import { ConfirmDialog } from "../components/confirm-dialog";
import { Field, FormErrors, LoadError } from "../components/field";
import { useApiGet } from "../data";
import { formatInstant } from "../format";
import { issuesByPath } from "../form-issues";
import { useLang, useT } from "../locale";
import { Link } from "../navigation";
import { pathFor } from "../router";
import { emptySchedule, SCHEDULE_KINDS, scheduleRule, toScheduleInput, type ScheduleDraft, type ScheduleKind } from "../schedule-draft";
import { useSession } from "../session";
import type { Connection, Enqueued, Items, RunJob, Schedule } from "../types";

export function Schedules({ connections, canEdit }: { connections: Connection[]; canEdit: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const { me } = useSession();
  const zone = me.merchant.timeZone;
  const schedules = useApiGet<Items<Schedule>>("/api/sync/schedules");
  const jobs = useApiGet<Items<string>>("/api/sync/jobs");
  const [deleting, setDeleting] = useState<Schedule | null>(null);
  const [queued, setQueued] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const when = (iso: string | null) => formatInstant(iso, lang, zone);
  const connectionName = (id: string | null) => (id ? (connections.find((c) => c.id === id)?.name ?? id) : "—");

  async function act(id: string, send: () => Promise<unknown>) {
    setBusy(id);
    setError(null);
    setQueued(null);
    try {
      await send();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  }
  const runNow = (run: RunJob, id: string) =>
    act(id, async () => setQueued((await apiPost<Enqueued>("/api/sync/run", run)).runId));

  return (
    <>
      <h2>{t("schedules.title")}</h2>
      <p class="muted">{t("schedules.shownIn", { zone })}</p>
      {queued && (
        <p class="notice notice--ok" role="status">
          {t("schedules.queued", { runId: queued })} <Link href={pathFor("syncRuns")}>{t("sync.runs")}</Link>
        </p>
      )}
      <FormErrors error={error} />
      <LoadError error={schedules.error} onRetry={schedules.reload} />
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th>{t("sync.job")}</th>
              <th>{t("schedules.connection")}</th>
              <th>{t("schedules.rule")}</th>
              <th>{t("schedules.timeZone")}</th>
              <th>{t("schedules.enabled")}</th>
              <th>{t("schedules.next")}</th>
              <th>{t("schedules.last")}</th>
              {canEdit && <th />}
            </tr>
          </thead>
          <tbody>
            {schedules.data?.items.map((s) => {
              const rule = scheduleRule(s);
              return (
                <tr>
                  <td title={s.id}>
                    <code>{s.job}</code>
                  </td>
                  <td>{connectionName(s.connectionId)}</td>
                  <td>{t(rule.key, rule.vars)}</td>
                  <td>{s.timeZone}</td>
                  <td>{t(s.enabled ? "state.on" : "state.off")}</td>
                  <td>{when(s.nextDueAt)}</td>
                  <td>{when(s.lastEnqueuedAt)}</td>
                  {canEdit && (
                    <td class="row-actions">
                      <button type="button" disabled={busy !== null} onClick={() => void runNow({ job: s.job, connectionId: s.connectionId }, s.id)}>
                        {busy === s.id ? t("state.working") : t("schedules.runNow")}
                      </button>
                      <button type="button" class="button--quiet" disabled={busy !== null} onClick={() => setDeleting(s)}>
                        {t("action.delete")}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {schedules.loading && <p class="loading">{t("state.loading")}</p>}
      {schedules.data?.items.length === 0 && <p class="empty">{t("schedules.none")}</p>}

      {canEdit && (
        <div class="split">
          <ScheduleForm jobs={jobs.data?.items ?? []} connections={connections} zone={zone} onSaved={schedules.reload} />
          <RunForm jobs={jobs.data?.items ?? []} connections={connections} busy={busy === "run"} onRun={(run) => void runNow(run, "run")} />
        </div>
      )}

      {deleting && (
        <ConfirmDialog
          title={t("schedules.deleteTitle", { job: deleting.job })}
          confirmLabel={t("action.delete")}
          danger
          onClose={() => setDeleting(null)}
          onConfirm={() =>
            void act(deleting.id, async () => {
              await apiDelete(`/api/sync/schedules/${encodeURIComponent(deleting.id)}`);
              schedules.reload();
            })
          }
        >
          <p>
            {t(scheduleRule(deleting).key, scheduleRule(deleting).vars)} ({deleting.timeZone})
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

/** What <Field> gives its control: the id its label points at, and the notes that describe it. */
type FieldControl = { id?: string; "aria-invalid"?: boolean; "aria-describedby"?: string };

function JobSelect({ jobs, value, onChange, ...control }: { jobs: string[]; value: string; onChange: (job: string) => void } & FieldControl) {
  const t = useT();
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      <option value="">{t("filter.choose")}</option>
      {jobs.map((job) => (
        <option value={job}>{job}</option>
      ))}
    </select>
  );
}

function ConnectionSelect({ connections, value, onChange, ...control }: { connections: Connection[]; value: string; onChange: (id: string) => void } & FieldControl) {
  const t = useT();
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      <option value="">{t("filter.none")}</option>
      {connections.map((c) => (
        <option value={c.id}>{c.name}</option>
      ))}
    </select>
  );
}

const SCHEDULE_FIELDS = ["job", "connectionId", "kind", "timeOfDay", "intervalMinutes", "minute", "timeZone"];

function ScheduleForm(props: { jobs: string[]; connections: Connection[]; zone: string; onSaved: () => void }) {
  const t = useT();
  const [draft, setDraft] = useState<ScheduleDraft>(emptySchedule);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const issues = issuesByPath(error);
  const set = <K extends keyof ScheduleDraft>(key: K, value: ScheduleDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(event: Event) {
    event.preventDefault();
    const { input, issues: local } = toScheduleInput(draft);
    if (local.length) {
      setError(new ApiError(0, "LOCAL", t("form.fix"), local.map((i) => ({ path: i.path, message: t(i.message) }))));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await apiPost<Schedule>("/api/sync/schedules", input);
      setDraft(emptySchedule());
      props.onSaved();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card form" onSubmit={submit} noValidate>
      <h2>{t("schedules.new")}</h2>
      <FormErrors error={error} shownPaths={SCHEDULE_FIELDS} />
      <Field label={t("sync.job")} errors={issues.get("job")}>
        <JobSelect jobs={props.jobs} value={draft.job} onChange={(job) => set("job", job)} />
      </Field>
      <Field label={t("schedules.connection")} errors={issues.get("connectionId")}>
        <ConnectionSelect connections={props.connections} value={draft.connectionId} onChange={(id) => set("connectionId", id)} />
      </Field>
      <Field label={t("schedules.kind")} errors={issues.get("kind")}>
        <select value={draft.kind} onChange={(e) => set("kind", e.currentTarget.value as ScheduleKind)}>
          {SCHEDULE_KINDS.map((k) => (
            <option value={k}>{t(`scheduleKind.${k}`)}</option>
          ))}
        </select>
      </Field>
      {draft.kind === "daily" && (
        <Field label={t("schedules.timeOfDay")} errors={[...(issues.get("timeOfDay") ?? []), ...(issues.get("timeZone") ?? [])]} hint={t("schedules.zoneHint", { zone: props.zone })}>
          <input type="time" value={draft.timeOfDay} onInput={(e) => set("timeOfDay", e.currentTarget.value)} />
        </Field>
      )}
      {draft.kind === "interval" && (
        <Field label={t("schedules.intervalMinutes")} errors={issues.get("intervalMinutes")}>
          <input inputMode="numeric" value={draft.intervalMinutes} onInput={(e) => set("intervalMinutes", e.currentTarget.value)} />
        </Field>
      )}
      {draft.kind === "hourly" && (
        <Field label={t("schedules.minute")} errors={issues.get("minute")}>
          <input inputMode="numeric" value={draft.minute} onInput={(e) => set("minute", e.currentTarget.value)} />
        </Field>
      )}
      <div class="form__actions">
        <button type="submit" class="button--primary" disabled={busy}>
          {busy ? t("state.working") : t("action.add")}
        </button>
      </div>
    </form>
  );
}

function RunForm(props: { jobs: string[]; connections: Connection[]; busy: boolean; onRun: (run: RunJob) => void }) {
  const t = useT();
  const [job, setJob] = useState("");
  const [connectionId, setConnectionId] = useState("");
  return (
    <form
      class="card form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (job) props.onRun({ job, connectionId: connectionId || null });
      }}
    >
      <h2>{t("schedules.runTitle")}</h2>
      <Field label={t("sync.job")}>
        <JobSelect jobs={props.jobs} value={job} onChange={setJob} />
      </Field>
      <Field label={t("schedules.connection")}>
        <ConnectionSelect connections={props.connections} value={connectionId} onChange={setConnectionId} />
      </Field>
      <div class="form__actions">
        <button type="submit" class="button--primary" disabled={props.busy || !job}>
          {props.busy ? t("state.working") : t("schedules.runNow")}
        </button>
      </div>
    </form>
  );
}
