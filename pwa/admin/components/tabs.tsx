/**
 * Tabs between sibling screens (sync runs / dead letters / connections; statuses / templates;
 * the store screens).
 * Each tab is a link to its own route, so a tab survives a reload and can be shared.
 */
import type { MessageKey } from "../i18n";
import { useT } from "../locale";
import { Link } from "../navigation";
import { pathFor, type RouteName } from "../router";

export interface Tab<K extends string = MessageKey> {
  to: RouteName;
  label: K;
}

export const SYNC_TABS: readonly Tab[] = [
  { to: "syncRuns", label: "sync.runs" },
  { to: "deadLetters", label: "sync.deadLetters" },
  { to: "connections", label: "sync.connections" },
];

export const SETTINGS_TABS: readonly Tab[] = [
  { to: "statuses", label: "statuses.title" },
  { to: "templates", label: "templates.title" },
];

/** `t`: the translator of the tabs' keys when they are not the shared dictionary's (the store screens'). */
export function RouteTabs<K extends string = MessageKey>({ tabs, current, t: translate }: { tabs: readonly Tab<K>[]; current: RouteName | "notFound"; t?: (key: K) => string }) {
  const shared = useT();
  const t = translate ?? (shared as unknown as (key: K) => string);
  return (
    <nav class="tabs">
      {tabs.map((tab) => (
        <Link href={pathFor(tab.to)} class={`tabs__tab${tab.to === current ? " tabs__tab--on" : ""}`} aria-current={tab.to === current ? "page" : undefined}>
          {t(tab.label)}
        </Link>
      ))}
    </nav>
  );
}
