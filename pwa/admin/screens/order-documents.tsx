/**
 * An order's mail and documents, rendered by the worker with the merchant's templates (seed 004
 * 置換文字 included): the order confirmation mail and the delivery note shown as text, the shipping
 * CSV saved as a file.
 */
import { useState } from "preact/hooks";
import { apiGet } from "../api";
import { FormErrors } from "../components/field";
import { fileNameFor, saveText } from "../download";
import { useT } from "../locale";
import type { Order, RenderedTemplate, TemplateKind } from "../types";

const SHOWN: TemplateKind[] = ["order_confirmation", "delivery_note"];
const renderPath = (orderId: string, kind: TemplateKind) => `/api/orders/${encodeURIComponent(orderId)}/render/${kind}`;

export function OrderDocuments({ order }: { order: Pick<Order, "id" | "externalId"> }) {
  const t = useT();
  const [shown, setShown] = useState<RenderedTemplate | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<TemplateKind | null>(null);

  async function render(kind: TemplateKind): Promise<RenderedTemplate | null> {
    setBusy(kind);
    setError(null);
    try {
      return await apiGet<RenderedTemplate>(renderPath(order.id, kind));
    } catch (failure) {
      setError(failure);
      return null;
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <h2>{t("docs.title")}</h2>
      <div class="toolbar">
        {SHOWN.map((kind) => (
          <button
            type="button"
            aria-pressed={shown?.kind === kind}
            disabled={busy !== null}
            onClick={async () => {
              if (shown?.kind === kind) return setShown(null);
              const rendered = await render(kind);
              if (rendered) setShown(rendered);
            }}
          >
            {t(`template.${kind}`)}
          </button>
        ))}
        <button
          type="button"
          disabled={busy !== null}
          onClick={async () => {
            const rendered = await render("shipping_csv");
            if (rendered) saveText(fileNameFor("shipping", order.externalId || order.id, "csv"), rendered.text);
          }}
        >
          {t("docs.downloadCsv")}
        </button>
      </div>
      <FormErrors error={error} />
      {shown && (
        <figure class="card doc">
          <figcaption class="doc__head">
            <strong>{t(`template.${shown.kind}`)}</strong>
            <button type="button" class="button--quiet" onClick={() => setShown(null)}>
              {t("action.close")}
            </button>
          </figcaption>
          <pre class="doc__text">{shown.text}</pre>
        </figure>
      )}
    </>
  );
}
