/** The foot of a paged list: "load more" while the API has a next cursor, a spinner while loading. */
import { useT } from "../locale";

export function LoadMore({ hasMore, loading, onMore, empty }: { hasMore: boolean; loading: boolean; onMore: () => void; empty: boolean }) {
  const t = useT();
  if (loading) return <p class="loading">{t("state.loading")}</p>;
  if (empty) return <p class="empty">{t("state.empty")}</p>;
  if (!hasMore) return null;
  return (
    <p class="more">
      <button type="button" onClick={onMore}>
        {t("action.loadMore")}
      </button>
    </p>
  );
}
