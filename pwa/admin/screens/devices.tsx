/**
 * Devices (端末): the POS tablets of each store. A manager adds one for a store and reads its
 * one-time 8-digit pairing code off the screen (valid until the time shown, in the merchant's zone;
 * it works once and is never shown again), and revokes a device — its token stops at once, and
 * the documents it has not sent stay on the tablet (issue 3: a revoked device keeps them, visible).
 */
import { useState } from "preact/hooks";
import { apiPost } from "../api";
import { LoadedTable } from "../components/data-table";
import { Field, FormErrors } from "../components/field";
import { FormActions } from "../components/form-actions";
import { useAction } from "../components/use-action";
import { useConfirm } from "../components/use-confirm";
import { useApiGet } from "../data";
import { formatInstant } from "../format";
import { issuesByPath } from "../form-issues";
import { useLang } from "../locale";
import { hasRole, useSession } from "../session";
import { deviceState } from "../store-logic";
import type { Device, DevicePairingCode, Items } from "../types";
import type { ScreenProps } from "./props";
import { LocationSelect, StorePage, useLocations, useStoreT } from "./store-parts";

const STATE_LOOK = { waiting: "queued", paired: "succeeded", revoked: "failed" } as const;

export default function DevicesScreen({ route }: ScreenProps) {
  const t = useStoreT();
  const { lang } = useLang();
  const { me } = useSession();
  const zone = me.merchant.timeZone;
  const when = (iso: string | null) => formatInstant(iso, lang, zone);
  const locations = useLocations();
  const devices = useApiGet<Items<Device>>("/api/devices");
  const [locationId, setLocationId] = useState("");
  const [name, setName] = useState("");
  const [pairing, setPairing] = useState<(DevicePairingCode & { name: string }) | null>(null);
  const create = useAction();
  const revoking = useAction<string>();
  const issues = issuesByPath(create.error);
  const storeId = locationId || locations.stores[0]?.id || "";
  // Only managers reach this screen (the tabs); anyone else gets the list's 403.
  const canEdit = hasRole(me, "manager");

  async function submit(event: Event) {
    event.preventDefault();
    setPairing(null);
    if (!name.trim()) return create.refuse([{ path: ["name"], message: "form.required" }]);
    await create.run(async () => {
      const made = await apiPost<DevicePairingCode>("/api/devices", { locationId: storeId, name: name.trim() });
      setPairing({ ...made, name: name.trim() });
      setName("");
      devices.reload();
    });
  }

  const confirmRevoke = useConfirm((device: Device) => ({
    title: t("dev.revokeTitle", { name: device.name }),
    confirmLabel: t("dev.revoke"),
    danger: true,
    onConfirm: () =>
      void revoking.run(async () => {
        await apiPost(`/api/devices/${encodeURIComponent(device.id)}/revoke`);
        if (pairing?.id === device.id) setPairing(null);
        devices.reload();
      }, device.id),
    children: <p>{t("dev.revokeNote")}</p>,
  }));

  return (
    <StorePage route={route}>
      {pairing && (
        <div class="card" role="status">
          <h2>{t("dev.code", { name: pairing.name })}</h2>
          <output class="pairing-code">{pairing.pairingCode}</output>
          <p>{t("dev.expires", { at: when(pairing.expiresAt), zone })}</p>
          <p class="muted">{t("dev.once")}</p>
        </div>
      )}
      <FormErrors error={revoking.error} />
      <LoadedTable
        list={devices}
        empty={t("dev.none")}
        columns={[
          { head: t("dev.name"), cell: (d) => d.name, attrs: (d) => ({ title: d.id }) },
          { head: t("store.store"), cell: (d) => locations.name(d.locationId) },
          {
            head: t("doc.state"),
            cell: (d) => {
              const state = deviceState(d);
              return <span class={`run run--${STATE_LOOK[state]}`}>{t(`devState.${state}`)}</span>;
            },
          },
          { head: t("store.createdAt"), cell: (d) => when(d.createdAt) },
          { head: t("dev.paired"), cell: (d) => when(d.pairedAt) },
          { head: t("dev.revoked"), cell: (d) => when(d.revokedAt) },
          canEdit && {
            cell: (d) =>
              !d.revokedAt && (
                <button type="button" class="button--danger" disabled={revoking.busy} onClick={() => confirmRevoke.ask(d)}>
                  {revoking.doing === d.id ? t("state.working") : t("dev.revoke")}
                </button>
              ),
          },
        ]}
      />

      {canEdit && (
        <form class="card form" onSubmit={submit} noValidate>
          <h2>{t("dev.new")}</h2>
          <FormErrors error={create.error} shownPaths={["locationId", "name"]} />
          <div class="form__grid">
            <Field label={t("store.store")} errors={issues.get("locationId")}>
              <LocationSelect locations={locations.stores} value={storeId} onChange={setLocationId} />
            </Field>
            <Field label={t("dev.name")} errors={issues.get("name")} hint={t("dev.nameHint")}>
              <input maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
            </Field>
          </div>
          <FormActions label={t("dev.new")} busy={create.busy} disabled={!storeId} />
        </form>
      )}
      {confirmRevoke.dialog}
    </StorePage>
  );
}
