/**
 * Sync schedules — daily at HH:MM, every N minutes, hourly at :MM, each in its own time zone (the
 * merchant's unless set) — with the next run shown in the merchant's time zone; managers add,
 * delete and run a job now (a manual run, listed with the others under 実行履歴).
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
  const [queued, setQueued] = useState<string | null>(null);
  const acting = useAction<string>();
  const when = (iso: string | null) => formatInstant(iso, lang, zone);
  const connectionName = (id: string | null) => (id ? (connections.find((c) => c.id === id)?.name ?? id) : "—");
  const ruleText = (schedule: Schedule) => {
    const rule = scheduleRule(schedule);
    return t(rule.key, rule.vars);
  };

  const act = (id: string, send: () => Promise<unknown>) => {
    setQueued(null);
    return acting.run(send, id);
  };
  const runNow = (run: RunJob, id: string) =>
    act(id, async () => setQueued((await apiPost<Enqueued>("/api/sync/run", run)).runId));
  const confirmDelete = useConfirm((schedule: Schedule) => ({
    title: t("schedules.deleteTitle", { job: schedule.job }),
    confirmLabel: t("action.delete"),
    danger: true,
    onConfirm: () =>
      void act(schedule.id, async () => {
        await apiDelete(`/api/sync/schedules/${encodeURIComponent(schedule.id)}`);
        schedules.reload();
      }),
    children: (
      <p>
        {ruleText(schedule)} ({schedule.timeZone})
      </p>
    ),
  }));

  return (
    <>
      <h2>{t("schedules.title")}</h2>
      <p class="muted">{t("schedules.shownIn", { zone })}</p>
      {queued && (
        <OkNotice>
          {t("schedules.queued", { runId: queued })} <Link href={pathFor("syncRuns")}>{t("sync.runs")}</Link>
        </OkNotice>
      )}
      <FormErrors error={acting.error} />
      <LoadedTable
        list={schedules}
        empty={t("schedules.none")}
        columns={[
          { head: t("sync.job"), cell: (s) => <code>{s.job}</code>, attrs: (s) => ({ title: s.id }) },
          { head: t("schedules.connection"), cell: (s) => connectionName(s.connectionId) },
          { head: t("schedules.rule"), cell: ruleText },
          { head: t("schedules.timeZone"), cell: (s) => s.timeZone },
          { head: t("schedules.enabled"), cell: (s) => t(s.enabled ? "state.on" : "state.off") },
          { head: t("schedules.next"), cell: (s) => when(s.nextDueAt) },
          { head: t("schedules.last"), cell: (s) => when(s.lastEnqueuedAt) },
          canEdit && {
            attrs: () => ({ class: "row-actions" }),
            cell: (s) => (
              <>
                <button type="button" disabled={acting.busy} onClick={() => void runNow({ job: s.job, connectionId: s.connectionId }, s.id)}>
                  {acting.doing === s.id ? t("state.working") : t("schedules.runNow")}
                </button>
                <button type="button" class="button--quiet" disabled={acting.busy} onClick={() => confirmDelete.ask(s)}>
                  {t("action.delete")}
                </button>
              </>
            ),
          },
        ]}
      />

      {canEdit && (
        <div class="split">
          <ScheduleForm jobs={jobs.data?.items ?? []} connections={connections} zone={zone} onSaved={schedules.reload} />
          <RunForm jobs={jobs.data?.items ?? []} connections={connections} busy={acting.doing === "run"} onRun={(run) => void runNow(run, "run")} />
        </div>
      )}

      {confirmDelete.dialog}
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
  const save = useAction();
  const issues = issuesByPath(save.error);
  const set = <K extends keyof ScheduleDraft>(key: K, value: ScheduleDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(event: Event) {
    event.preventDefault();
    const { input, issues: local } = toScheduleInput(draft);
    if (local.length) return save.refuse(local);
    await save.run(async () => {
      await apiPost<Schedule>("/api/sync/schedules", input);
      setDraft(emptySchedule());
      props.onSaved();
    });
  }

  return (
    <form class="card form" onSubmit={submit} noValidate>
      <h2>{t("schedules.new")}</h2>
      <FormErrors error={save.error} shownPaths={SCHEDULE_FIELDS} />
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
      <FormActions label={t("action.add")} busy={save.busy} />
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
      <FormActions label={t("schedules.runNow")} busy={props.busy} disabled={!job} />
    </form>
  );
}
