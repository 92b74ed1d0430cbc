/**
 * Store documents (店舗伝票): what the stores' POS devices pushed — sales, returns, exchanges,
 * count sheets, receipts — and what the back office made — stocktakes, inbound deliveries — with
 * their state, newest first, filtered by store, kind and state (in the URL). A row opens the
 * document (screens/store-document.tsx).
 */
import { useEffect, useState } from "preact/hooks";
import { PagedTable } from "../components/data-table";
import { SearchBar } from "../components/search-bar";
import { usePaged } from "../data";
import { formatInstant } from "../format";
import { useLang } from "../locale";
import { navigate } from "../navigation";
import { pathFor, queryOf } from "../router";
import { useSession } from "../session";
import { DOC_KINDS, DOC_STATES, kindKey, type StoreDocument } from "../store-logic";
import type { ScreenProps } from "./props";
import { DocLink, documentPath, LocationSelect, StateBadge, StorePage, useLocations, useStoreT } from "./store-parts";

export default function StoreDocumentsScreen({ route, search }: ScreenProps) {
  const t = useStoreT();
  const { lang } = useLang();
  const { me } = useSession();
  const query = queryOf(search);
  const filter = { locationId: query.locationId ?? "", kind: query.kind ?? "", status: query.status ?? "" };
  const [draft, setDraft] = useState(filter);
  useEffect(() => setDraft(filter), [search]);
  const locations = useLocations();
  const list = usePaged<StoreDocument>("/api/documents", {
    locationId: filter.locationId || undefined,
    kind: filter.kind || undefined,
    status: filter.status || undefined,
  });
  const when = (iso: string | null) => formatInstant(iso, lang, me.merchant.timeZone);
  const kindText = (kind: string) => {
    const key = kindKey(kind);
    return key ? t(key) : kind;
  };

  return (
    <StorePage route={route}>
      <SearchBar onSearch={() => navigate(pathFor("storeDocuments", {}, draft))}>
        <label class="toolbar__item">
          <span>{t("store.store")}</span>
          <LocationSelect locations={locations.all} value={draft.locationId} onChange={(locationId) => setDraft({ ...draft, locationId })} empty={t("filter.allLocations")} />
        </label>
        <label class="toolbar__item">
          <span>{t("doc.kind")}</span>
          <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.currentTarget.value })}>
            <option value="">{t("filter.any")}</option>
            {DOC_KINDS.map((kind) => (
              <option value={kind}>{t(`docKind.${kind}`)}</option>
            ))}
          </select>
        </label>
        <label class="toolbar__item">
          <span>{t("doc.state")}</span>
          <select value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.currentTarget.value })}>
            <option value="">{t("filter.any")}</option>
            {DOC_STATES.map((state) => (
              <option value={state}>{t(`docState.${state}`)}</option>
            ))}
          </select>
        </label>
      </SearchBar>
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
          { head: t("doc.kind"), cell: (doc) => kindText(doc.kind) },
          { head: t("store.store"), cell: (doc) => locations.name(doc.locationId) },
          { head: t("doc.state"), cell: (doc) => <StateBadge state={doc.status} t={t} /> },
          { head: t("doc.occurred"), cell: (doc) => when(doc.occurredAt) },
          { head: t("doc.received"), cell: (doc) => when(doc.receivedAt) },
        ]}
      />
    </StorePage>
  );
}
