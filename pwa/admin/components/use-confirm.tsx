import { useState } from "preact/hooks";
import { ConfirmDialog, type Confirmation } from "./confirm-dialog";

/**
 * Asking first: `ask(thing)` opens the dialog `describe(thing)` says (what is about to happen to
 * that row, and what to do once confirmed); `dialog` goes where the screen shows it.
 */
export function useConfirm<T>(describe: (thing: T) => Confirmation) {
  const [asked, setAsked] = useState<{ thing: T } | null>(null);
  return {
    ask: (thing: T) => setAsked({ thing }),
    // Described where it is shown, so `describe` may use anything the screen defines after the hook.
    get dialog() {
      return asked && <ConfirmDialog {...describe(asked.thing)} onClose={() => setAsked(null)} />;
    },
  };
}
