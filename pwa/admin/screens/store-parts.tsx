/**
 * What the store screens (店舗: documents, stocktakes, inbound, devices, staff) share: their
 * translator (store-messages.ts, then the shared dictionary), the page with its tabs — devices and
 * staff only for managers, who alone may open them — the store picker, a document's state badge,
 * and SKU code / name / on-hand for the SKU IDs a document carries.
 */
import type { ComponentChildren } from "preact";
import { useCallback } from "preact/hooks";
import { apiGet } from "../api";
import type { Column } from "../components/data-table";
import { RouteTabs, type Tab } from "../components/tabs";
import { cachedGet, useApiGet, useLookup, type Loaded } from "../data";
import type { Vars } from "../i18n";
import { useLang } from "../locale";
import { Link } from "../navigation";
import { pathFor, type QueryValues, type RouteName } from "../router";
import { hasRole, useSession } from "../session";
import { lookupStock, stateKey, type LevelRow, type SkuStock } from "../store-logic";
import { translateStore, type AnyKey, type StoreKey } from "../store-messages";
import type { Items, Location, Page } from "../types";
import "./store.css";

export type StoreT = (key: AnyKey, vars?: Vars) => string;
export function useStoreT(): StoreT {
  const { lang } = useLang();
  return useCallback((key: AnyKey, vars?: Vars) => translateStore(lang, key, vars), [lang]);
}

const TABS: readonly (Tab<StoreKey> & { manager?: true })[] = [
  { to: "storeDocuments", label: "tab.documents" },
  { to: "stocktakes", label: "tab.stocktakes" },
  { to: "inbound", label: "tab.inbound" },
  { to: "storeOut", label: "tab.out" },
  { to: "devices", label: "tab.devices", manager: true },
  { to: "staff", label: "tab.staff", manager: true },
];

export function StorePage({ route, children }: { route: RouteName | "notFound"; children: ComponentChildren }) {
  const t = useStoreT();
  const { me } = useSession();
  const tabs = TABS.filter((tab) => !tab.manager || hasRole(me, "manager"));
  return (
    <section>
      <h1>{t("nav.store")}</h1>
      <RouteTabs tabs={tabs} current={route === "storeDocument" ? "storeDocuments" : route} t={t} />
      {children}
    </section>
  );
}

/** The merchant's locations; `stores` only those of kind store (devices, stocktakes, deliveries). */
export function useLocations() {
  const locations = useLookup<Items<Location>>("/api/locations");
  const all = locations.data?.items ?? [];
  return {
    all,
    stores: all.filter((l) => l.kind === "store"),
    name: (id: string) => all.find((l) => l.id === id)?.name ?? id,
  };
}

/** What <Field> gives its control. */
type FieldControl = { id?: string; "aria-invalid"?: boolean; "aria-describedby"?: string };

/** A store (or location) select; `empty` names the choice of none ("all", "choose"). */
export function LocationSelect({ locations, value, onChange, empty, ...control }: { locations: Location[]; value: string; onChange: (id: string) => void; empty?: string } & FieldControl) {
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      {empty !== undefined && <option value="">{empty}</option>}
      {locations.map((l) => (
        <option value={l.id}>{`${l.name} (${l.code})`}</option>
      ))}
    </select>
  );
}

const STATE_LOOK: Record<string, string> = { posted: "succeeded", approved: "succeeded", rejected: "failed", submitted: "retrying", pending: "queued" };
export function StateBadge({ state, t }: { state: string; t: StoreT }) {
  const key = stateKey(state);
  return <span class={`run run--${STATE_LOOK[state] ?? "queued"}`}>{key ? t(key) : state}</span>;
}

export const documentPath = (id: string) => pathFor("storeDocument", { id });
export function DocLink({ id, children }: { id: string; children: ComponentChildren }) {
  return <Link href={documentPath(id)}>{children}</Link>;
}

const getLevels = (query: QueryValues) => apiGet<Page<LevelRow>>("/api/stock", query);

/** Code, name and on-hand at the store of the SKUs (store-logic.ts lookupStock); reloads for fresh on-hand. */
export function useSkuStock(locationId: string, skuIds: readonly string[]): Loaded<Map<string, SkuStock>> {
  const ids = [...new Set(skuIds)].sort();
  const key = ids.length ? `${locationId}|${ids.join(",")}` : null;
  return useApiGet<Map<string, SkuStock>>(key, () => lookupStock(getLevels, locationId, ids));
}

/** The SKU columns of a line table: code and name when known, else the SKU's ID. */
export function skuColumns<T extends { skuId: string }>(t: StoreT, stock: Map<string, SkuStock> | undefined): Column<T>[] {
  return [
    { head: t("sku.code"), cell: (line) => <code>{stock?.get(line.skuId)?.code ?? line.skuId}</code> },
    { head: t("product.name"), cell: (line) => stock?.get(line.skuId)?.name ?? "" },
  ];
}

/** Names of the merchant's users for staff IDs (managers may list them; others see the ID). */
export function useUserNames() {
  const { me } = useSession();
  const users = useApiGet<Items<{ id: string; name: string }>>(hasRole(me, "manager") ? "/api/users" : null, cachedGet);
  return (id: string | null) => (id ? (users.data?.items.find((u) => u.id === id)?.name ?? id) : "");
}
