/**
 * A Rakuten RMS link (seed 002), reached from the connections screen: API接続設定 (the license key's
 * expiry, warned ahead, re-checked and updated here; the RSL link), 受注取込設定, 商品マッピング, the
 * 確認待 work beside another order system, the あす楽 cut-off, and the system errors to check beside
 * the link's jobs (last runs, dead letters with replay).
 */
import { useApiGet } from "../data";
import { Link } from "../navigation";
import { pathFor } from "../router";
import type { Connection } from "../types";
import { LoadError } from "../components/field";
import { LinkActivity } from "../components/link-activity";
import type { ScreenProps } from "./props";
import { AsurakuSection, ReviewSection } from "./rakuten-checks";
import { LinkSection, SettingsSection } from "./rakuten-link";
import { MappingsSection } from "./rakuten-mappings";
import { sectionOf, SectionTabs, useRakutenT } from "./rakuten-parts";
import { WaitingSection } from "./rakuten-waiting";

export default function RakutenScreen({ params, search }: ScreenProps) {
  const t = useRakutenT();
  const id = params.id!;
  const connection = useApiGet<Connection>(`/api/connections/${encodeURIComponent(id)}`);
  const section = sectionOf(search);
  const link = connection.data;
  return (
    <section>
      <p class="back">
        <Link href={pathFor("connections")}>← {t("rk.back")}</Link>
      </p>
      <h1>
        {t("rk.title")}
        {link && <span class="muted"> — {link.name}</span>}
      </h1>
      <LoadError error={connection.error} onRetry={connection.reload} />
      <SectionTabs id={id} current={section} t={t} />
      {link && section === "link" && <LinkSection connection={link} onChanged={connection.reload} />}
      {link && section === "settings" && <SettingsSection connection={link} onSaved={connection.reload} />}
      {section === "mappings" && <MappingsSection id={id} />}
      {link && section === "waiting" && <WaitingSection connection={link} />}
      {section === "asuraku" && <AsurakuSection id={id} />}
      {section === "review" && (
        <>
          <ReviewSection id={id} />
          <LinkActivity connectionId={id} />
        </>
      )}
    </section>
  );
}
