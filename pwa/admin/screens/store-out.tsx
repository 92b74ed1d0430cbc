/**
 * Goods out of a store outside a sale (出库开单: damaged goods, samples, …) and transfers between
 * stores (调拨), from the store back office. The form picks SKUs by search and shows each one's
 * on-hand at the store; the worker takes the goods out at once and refuses a line beyond stock,
 * naming it. Each submission carries one idempotency key (SubmissionKey): a double click or a
 * retry after a lost answer makes one document. Below, the documents of the chosen kind.
 */
import { useRef, useState } from "preact/hooks";
import { apiPost } from "../api";
import { PagedTable } from "../components/data-table";
import { Field, FormErrors } from "../components/field";
import { FormActions } from "../components/form-actions";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { usePaged } from "../data";
import { formatInstant } from "../format";
import { issuesByPath } from "../form-issues";
import { SubmissionKey } from "../idempotency";
import { useLang } from "../locale";
import { navigate } from "../navigation";
import { pathFor, queryOf } from "../router";
import { hasRole, useSession } from "../session";
import { emptyOut, OUT_MODES, toOutRequest, type OutDraft, type OutMode, type StoreDocument } from "../store-logic";
import type { ScreenProps } from "./props";
import { StoreLines } from "./store-lines";
import { DocLink, documentPath, LocationSelect, StateBadge, StorePage, useLocations, useSkuStock, useStoreT, type StoreT } from "./store-parts";

const isMode = (value: string | undefined): value is OutMode => (OUT_MODES as readonly string[]).includes(value ?? "");

export default function StoreOutScreen({ route, search }: ScreenProps) {
  const t = useStoreT();
  const { lang } = useLang();
  const { me } = useSession();
  const query = queryOf(search);
  const mode: OutMode = isMode(query.kind) ? query.kind : "other_out";
  const locations = useLocations();
  const list = usePaged<StoreDocument>("/api/documents", { kind: mode });
  const [created, setCreated] = useState<StoreDocument | null>(null);
  const when = (iso: string | null) => formatInstant(iso, lang, me.merchant.timeZone);
  const setMode = (kind: OutMode) => navigate(pathFor("storeOut", {}, { kind }), { replace: true });
  const detail = (doc: StoreDocument) => (doc.kind === "transfer" ? locations.name(String(doc.body.toLocationId ?? "")) : String(doc.body.reason ?? ""));

  return (
    <StorePage route={route}>
      <div class="page__head">
        <h2>{t("tab.out")}</h2>
      </div>
      <p class="hint">{t("out.note")}</p>
      {created && (
        <OkNotice>
          <DocLink id={created.id}>{t("out.created", { number: created.number })}</DocLink>
        </OkNotice>
      )}
      {hasRole(me, "manager") && (
        <OutForm
          t={t}
          mode={mode}
          onMode={setMode}
          onCreated={(doc) => {
            setCreated(doc);
            list.reload();
          }}
        />
      )}
      <PagedTable
        list={list}
        clickable
        row={(doc) => ({ onClick: (event) => !(event.target as HTMLElement).closest("a") && navigate(documentPath(doc.id)) })}
        columns={[
          {
            head: t("doc.number"),
            cell: (doc) => (
              <DocLink id={doc.id}>
                <code>{doc.number}</code>
              </DocLink>
            ),
          },
          { head: t("out.fromStore"), cell: (doc) => locations.name(doc.locationId) },
          { head: t("out.reasonCol"), cell: detail },
          { head: t("stk.lines"), class: "num", cell: (doc) => (Array.isArray(doc.body.lines) ? doc.body.lines.length : 0) },
          { head: t("doc.state"), cell: (doc) => <StateBadge state={doc.status} t={t} /> },
          { head: t("doc.posted"), cell: (doc) => when(doc.postedAt) },
        ]}
      />
    </StorePage>
  );
}

const FIELDS = ["locationId", "fromLocationId", "toLocationId", "reason", "lines"];

function OutForm({ t, mode, onMode, onCreated }: { t: StoreT; mode: OutMode; onMode: (mode: OutMode) => void; onCreated: (doc: StoreDocument) => void }) {
  const locations = useLocations();
  const [draft, setDraft] = useState<OutDraft>(() => emptyOut(mode));
  // one key per submission: the same values sent again (double click, lost answer) reuse it
  const submission = useRef(new SubmissionKey());
  const save = useAction();
  const issues = issuesByPath(save.error);
  const locationId = locations.stores.some((l) => l.id === draft.locationId) ? draft.locationId : (locations.stores[0]?.id ?? "");
  const others = locations.stores.filter((l) => l.id !== locationId);
  const current = { ...draft, mode, locationId };
  const stock = useSkuStock(locationId, draft.lines.map((l) => l.skuId));
  const from = mode === "transfer" ? "fromLocationId" : "locationId";

  async function submit(event: Event) {
    event.preventDefault();
    const request = toOutRequest(current);
    if (request.issues.length) return save.refuse(request.issues);
    await save.run(async () => {
      const made = await submission.current.send({ path: request.path, ...request.values }, (idempotencyKey) =>
        apiPost<StoreDocument>(request.path, { idempotencyKey, ...request.values }),
      );
      setDraft(emptyOut(mode, locationId));
      stock.reload();
      onCreated(made);
    });
  }

  return (
    <form class="card form" onSubmit={submit} noValidate>
      <h2>{t("out.new")}</h2>
      <FormErrors error={save.error} shownPaths={[...FIELDS, ...draft.lines.flatMap((_, i) => [`lines.${i}.quantity`, `lines.${i}.skuId`])]} />
      <div class="form__grid">
        <Field label={t("out.mode")}>
          <select value={mode} onChange={(e) => onMode(e.currentTarget.value as OutMode)}>
            {OUT_MODES.map((kind) => (
              <option value={kind}>{t(`docKind.${kind}`)}</option>
            ))}
          </select>
        </Field>
        <Field label={t("out.fromStore")} errors={issues.get(from)}>
          <LocationSelect locations={locations.stores} value={locationId} onChange={(id) => setDraft((d) => ({ ...d, locationId: id }))} />
        </Field>
        {mode === "transfer" ? (
          <Field label={t("out.toStore")} errors={issues.get("toLocationId")}>
            <LocationSelect locations={others} value={draft.toLocationId} onChange={(id) => setDraft((d) => ({ ...d, toLocationId: id }))} empty={t("filter.choose")} />
          </Field>
        ) : (
          <Field label={t("out.reason")} errors={issues.get("reason")} hint={t("out.reasonHint")}>
            <input maxLength={100} value={draft.reason} onInput={(e) => setDraft((d) => ({ ...d, reason: e.currentTarget.value }))} />
          </Field>
        )}
        <StoreLines<OutDraft>
          t={t}
          setDraft={setDraft}
          lines={draft.lines}
          issues={issues}
          note={(line) => stock.data?.has(line.skuId) && <span class="hint"> {t("out.onHand", { count: stock.data.get(line.skuId)!.onHand })}</span>}
        />
      </div>
      <FormActions label={t("out.new")} busy={save.busy} />
    </form>
  );
}
