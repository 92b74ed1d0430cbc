/**
 * A modal confirmation for actions that cannot be undone (cancel, delete, replay). A native
 * <dialog>: focus trapping, Escape and the backdrop come from the browser.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { useT } from "../locale";

export interface Confirmation {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
}

export function ConfirmDialog(props: Confirmation & { onClose: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} class="dialog" onClose={props.onClose} aria-labelledby="confirm-title">
      <h2 id="confirm-title">{props.title}</h2>
      <div class="dialog__body">{props.children}</div>
      <div class="dialog__actions">
        <button type="button" onClick={props.onClose}>
          {t("action.back")}
        </button>
        <button
          type="button"
          class={props.danger ? "button--danger" : "button--primary"}
          onClick={() => {
            props.onConfirm();
            props.onClose();
          }}
        >
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
