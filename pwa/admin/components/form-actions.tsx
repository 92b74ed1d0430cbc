/** The foot of a form: its submit button, which says 処理中 and waits while the form is sent, and any other buttons. */
import type { ComponentChildren } from "preact";
import { useT } from "../locale";

export function FormActions({ label, busy, disabled, children }: { label: string; busy: boolean; disabled?: boolean; children?: ComponentChildren }) {
  const t = useT();
  return (
    <div class="form__actions">
      <button type="submit" class="button--primary" disabled={busy || disabled}>
        {busy ? t("state.working") : label}
      </button>
      {children}
    </div>
  );
}
