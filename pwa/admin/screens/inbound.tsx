/**
 * Inbound deliveries (入荷予定): a manager announces goods coming to a store — a purchase, a
 * transfer or another receipt — with the SKUs and quantities expected; the store's POS lists them
 * and the clerk confirms what arrived. The list shows each delivery pending or received; a received
 * one opens to its receipt, expected against received (screens/store-document.tsx).
 */
import { useState } from "preact/hooks";
import { apiPost } from "../api";
import { PagedTable } from "../components/data-table";
import { Field, FormErrors } from "../components/field";
import { FormActions } from "../components/form-actions";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { usePaged } from "../data";
import { formatInstant } from "../format";
import { issuesByPath } from "../form-issues";
import { useLang } from "../locale";
import { navigate } from "../navigation";
import { pathFor, queryOf } from "../router";
import { hasRole, useSession } from "../session";
import {
  emptyInbound,
  inboundInfo,
  INBOUND_KINDS,
  isInboundKind,
  toInboundInput,
  type InboundDraft,
  type InboundKind,
  type StoreDocument,
} from "../store-logic";
import type { ScreenProps } from "./props";
import { InboundFileForm } from "./inbound-file-form";
import { StoreLines } from "./store-lines";
import { DocLink, documentPath, LocationSelect, StateBadge, StorePage, useLocations, useStoreT, type StoreT } from "./store-parts";

export default function InboundScreen({ route, search }: ScreenProps) {
  const t = useStoreT();
  const { lang } = useLang();
  const { me } = useSession();
  const query = queryOf(search);
  const filter = { locationId: query.locationId ?? "", status: query.status ?? "" };
  const locations = useLocations();
  const list = usePaged<StoreDocument>("/api/documents", { kind: "inbound", locationId: filter.locationId || undefined, status: filter.status || undefined });
  const [creating, setCreating] = useState<false | "form" | "file">(false);
  const [created, setCreated] = useState<string | null>(null);
  const when = (iso: string | null) => formatInstant(iso, lang, me.merchant.timeZone);
  const setFilter = (next: Partial<typeof filter>) => navigate(pathFor("inbound", {}, { ...filter, ...next }), { replace: true });
  const kindText = (kind: string) => (isInboundKind(kind) ? t(`inbKind.${kind}`) : kind);
  const quantity = (doc: StoreDocument) =>
    Array.isArray(doc.body.lines) ? (doc.body.lines as { quantity?: unknown }[]).reduce((sum, l) => sum + (typeof l.quantity === "number" ? l.quantity : 0), 0) : 0;

  return (
    <StorePage route={route}>
      <div class="page__head">
        <h2>{t("tab.inbound")}</h2>
        {hasRole(me, "manager") && (
          <div class="page__actions">
            <button type="button" class="button--primary" onClick={() => setCreating(creating === "form" ? false : "form")}>
              {t("inb.new")}
            </button>
            <button type="button" onClick={() => setCreating(creating === "file" ? false : "file")}>
              {t("inb.import")}
            </button>
          </div>
        )}
      </div>
      {created && (
        <OkNotice>
          <DocLink id={created}>{t("inb.created", { id: created })}</DocLink>
        </OkNotice>
      )}
      {creating === "file" && (
        <InboundFileForm
          t={t}
          defaultLocationId={filter.locationId}
          onCreated={(id) => {
            setCreated(id);
            setCreating(false);
            list.reload();
          }}
        />
      )}
      {creating === "form" && (
        <InboundForm
          t={t}
          defaultLocationId={filter.locationId}
          onCreated={(id) => {
            setCreated(id);
            setCreating(false);
            list.reload();
          }}
        />
      )}
      <div class="toolbar">
        <label class="toolbar__item">
          <span>{t("store.store")}</span>
          <LocationSelect locations={locations.all} value={filter.locationId} onChange={(locationId) => setFilter({ locationId })} empty={t("filter.allLocations")} />
        </label>
        <label class="toolbar__item">
          <span>{t("doc.state")}</span>
          <select value={filter.status} onChange={(e) => setFilter({ status: e.currentTarget.value })}>
            <option value="">{t("filter.any")}</option>
            <option value="pending">{t("docState.pending")}</option>
            <option value="received">{t("docState.received")}</option>
          </select>
        </label>
      </div>
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
          { head: t("inb.kind"), cell: (doc) => kindText(inboundInfo(doc).kind) },
          { head: t("inb.reference"), cell: (doc) => inboundInfo(doc).reference },
          { head: t("store.store"), cell: (doc) => locations.name(doc.locationId) },
          { head: t("stk.lines"), class: "num", cell: (doc) => (Array.isArray(doc.body.lines) ? doc.body.lines.length : 0) },
          { head: t("doc.expected"), class: "num", cell: quantity },
          { head: t("doc.state"), cell: (doc) => <StateBadge state={doc.status} t={t} /> },
          { head: t("store.createdAt"), cell: (doc) => when(doc.occurredAt) },
          // The hub moves receivedAt to the moment the store's receipt arrived.
          { head: t("doc.received"), cell: (doc) => (doc.status === "received" ? when(doc.receivedAt) : "") },
        ]}
      />
    </StorePage>
  );
}

const FIELDS = ["locationId", "kind", "reference", "lines"];

function InboundForm({ t, defaultLocationId, onCreated }: { t: StoreT; defaultLocationId: string; onCreated: (id: string) => void }) {
  const locations = useLocations();
  const [draft, setDraft] = useState<InboundDraft>(() => emptyInbound(defaultLocationId));
  const save = useAction();
  const issues = issuesByPath(save.error);
  // Deliveries are for stores: a filter on a warehouse does not carry over.
  const locationId = locations.stores.some((l) => l.id === draft.locationId) ? draft.locationId : (locations.stores[0]?.id ?? "");

  async function submit(event: Event) {
    event.preventDefault();
    const { input, issues: local } = toInboundInput({ ...draft, locationId });
    if (local.length) return save.refuse(local);
    await save.run(async () => {
      const made = await apiPost<{ id: string }>("/api/inbound", input);
      onCreated(made.id);
    });
  }

  return (
    <form class="card form" onSubmit={submit} noValidate>
      <h2>{t("inb.new")}</h2>
      <FormErrors error={save.error} shownPaths={[...FIELDS, ...draft.lines.flatMap((_, i) => [`lines.${i}.quantity`, `lines.${i}.skuId`])]} />
      <div class="form__grid">
        <Field label={t("store.store")} errors={issues.get("locationId")}>
          <LocationSelect locations={locations.stores} value={locationId} onChange={(id) => setDraft((d) => ({ ...d, locationId: id }))} />
        </Field>
        <Field label={t("inb.kind")} errors={issues.get("kind")}>
          <select value={draft.kind} onChange={(e) => setDraft((d) => ({ ...d, kind: e.currentTarget.value as InboundKind }))}>
            {INBOUND_KINDS.map((kind) => (
              <option value={kind}>{t(`inbKind.${kind}`)}</option>
            ))}
          </select>
        </Field>
        <Field label={t("inb.reference")} errors={issues.get("reference")} hint={t("inb.referenceHint")}>
          <input maxLength={64} value={draft.reference} onInput={(e) => setDraft((d) => ({ ...d, reference: e.currentTarget.value }))} />
        </Field>
        <StoreLines<InboundDraft> t={t} setDraft={setDraft} lines={draft.lines} issues={issues} />
      </div>
      <FormActions label={t("inb.new")} busy={save.busy} />
    </form>
  );
}
