/**
 * Order tags as chips. System tags (「引当失敗」, 「一部商品未マッピング」, …) are set and cleared by
 * Renkei only, so they look different from the merchant's own tags and carry a note saying so.
 */
import { useT } from "../locale";

export function TagChips({ tags }: { tags: { tag: string; kind: "system" | "user" }[] }) {
  const t = useT();
  if (tags.length === 0) return null;
  return (
    <span class="tags">
      {tags.map(({ tag, kind }) => (
        <span class={`tag tag--${kind}`} title={kind === "system" ? t("orders.systemTag") : undefined}>
          {tag}
        </span>
      ))}
    </span>
  );
}
