/**
 * Building blocks sized for fingers on a store tablet (every target ≥ 48 px): a modal dialog, a
 * numeric keypad, a number entry made of the two, and the keyboard-wedge hook that lets a barcode
 * scanner "type" into the scan field whatever had focus.
 */
import type { ComponentChildren, RefObject } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { useT } from "./locale";

export function Dialog({ title, onClose, children, wide }: { title: string; onClose?: () => void; children: ComponentChildren; wide?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    // the field first (a scanner or keyboard types into it), never the close button (Enter would close)
    const box = ref.current;
    const first = box?.querySelector<HTMLElement>("[data-autofocus]") ?? box?.querySelector<HTMLElement>("input") ?? box?.querySelector<HTMLElement>(".dialog__body button");
    first?.focus();
    return () => previous?.focus?.();
  }, []);
  useEffect(() => {
    if (!onClose) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div class="backdrop" onClick={(e) => e.target === e.currentTarget && onClose?.()}>
      <div class={`dialog${wide ? " dialog--wide" : ""}`} role="dialog" aria-modal="true" aria-label={title} ref={ref}>
        <header class="dialog__head">
          <h2>{title}</h2>
          {onClose && <CloseButton onClick={onClose} />}
        </header>
        <div class="dialog__body">{children}</div>
      </div>
    </div>
  );
}

function CloseButton({ onClick }: { onClick: () => void }) {
  const t = useT();
  return (
    <button type="button" class="icon-button" aria-label={t("action.close")} onClick={onClick}>
      ×
    </button>
  );
}

/** 7 8 9 ⌫ / 4 5 6 C / 1 2 3 / 0 00 (.) — `onKey` gets a digit, "00", ".", "back" or "clear". */
export function Keypad({ onKey, decimal, label }: { onKey: (key: string) => void; decimal?: boolean; label?: string }) {
  const t = useT();
  const keys = ["7", "8", "9", "back", "4", "5", "6", "clear", "1", "2", "3", "", "0", "00", decimal ? "." : "", ""];
  return (
    <div class="keypad" role="group" aria-label={label ?? t("keypad.label")}>
      {keys.map((k, i) =>
        k === "" ? (
          <span key={i} />
        ) : (
          <button
            key={i}
            type="button"
            class={`keypad__key${k === "back" || k === "clear" ? " keypad__key--fn" : ""}`}
            aria-label={k === "back" ? t("keypad.back") : k === "clear" ? t("keypad.clear") : k}
            onClick={() => onKey(k)}
          >
            {k === "back" ? "⌫" : k === "clear" ? "C" : k}
          </button>
        ),
      )}
    </div>
  );
}

/**
 * Applies a keypad key to what was typed (at most `max` characters). A number drops a leading zero
 * ("0" then "5" is "5"); a code (PIN, pairing code) keeps every digit as typed.
 */
export function applyKey(value: string, key: string, max = 12, kind: "number" | "decimal" | "code" = "number"): string {
  if (key === "back") return value.slice(0, -1);
  if (key === "clear") return "";
  if (key === ".") return kind === "decimal" && !value.includes(".") ? (value === "" ? "0." : `${value}.`) : value;
  const next = kind !== "code" && value === "0" ? key.replace(/^0+/, "") || "0" : value + key;
  return next.length > max ? value : next;
}

/**
 * A labelled value with a keypad under it. The field takes a hardware keyboard too, but never
 * raises the tablet's on-screen keyboard (inputmode=none): the keypad is the keyboard.
 */
export function NumberEntry({
  label,
  value,
  onChange,
  onEnter,
  decimal,
  max = 12,
  invalid,
  hint,
  inputRef,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onEnter?: () => void;
  decimal?: boolean;
  max?: number;
  invalid?: boolean;
  hint?: ComponentChildren;
  inputRef?: RefObject<HTMLInputElement | null>;
}) {
  const t = useT();
  return (
    <div class="number-entry">
      <label class="number-entry__field">
        <span class="number-entry__label">{label}</span>
        <input
          ref={inputRef}
          class={`number-entry__input${invalid ? " is-invalid" : ""}`}
          inputMode="none"
          autoComplete="off"
          aria-invalid={invalid ? "true" : undefined}
          value={value}
          onInput={(e) => {
            const raw = (e.currentTarget as HTMLInputElement).value;
            const cleaned = raw.replace(decimal ? /[^\d.]/g : /\D/g, "").slice(0, max);
            onChange(cleaned);
            (e.currentTarget as HTMLInputElement).value = cleaned;
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              onEnter?.();
            }
          }}
        />
      </label>
      {hint && <div class="number-entry__hint">{hint}</div>}
      <Keypad label={t("keypad.for", { label })} decimal={decimal} onKey={(k) => onChange(applyKey(value, k, max, decimal ? "decimal" : "number"))} />
    </div>
  );
}

/** Whether the keyboard is busy with a field of its own (typing there is not a scan). */
function editing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable;
}

/**
 * Keyboard-wedge scanners type digits then Enter into whatever has focus. While `enabled`, keys typed
 * with no field focused (after a tap on a button) go to the scan field, and the field takes focus
 * back after every tap outside a dialog, so a scan is never lost.
 */
export function useScanFocus(input: RefObject<HTMLInputElement | null>, enabled: boolean) {
  // a layout effect: listening from the first paint, so the first scan after a screen change counts
  useLayoutEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const field = input.current;
      if (!field || editing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (document.querySelector(".backdrop")) return;
      if (e.key.length === 1) {
        e.preventDefault();
        field.focus();
        field.value += e.key;
        field.dispatchEvent(new Event("input", { bubbles: true }));
      } else if (e.key === "Enter" && field.value) {
        e.preventDefault();
        field.focus();
        field.form?.requestSubmit();
      }
    };
    const refocus = () => {
      window.setTimeout(() => {
        const field = input.current;
        if (!field || editing(document.activeElement) || document.querySelector(".backdrop")) return;
        field.focus({ preventScroll: true });
      }, 0);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", refocus);
    refocus();
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("click", refocus);
    };
  }, [input, enabled]);
}

/** A message that clears itself after a while (scan feedback). */
export function useFlash(ms = 4000): [{ kind: "ok" | "error"; text: string } | null, (kind: "ok" | "error", text: string) => void] {
  const [flash, setFlash] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const show = (kind: "ok" | "error", text: string) => {
    setFlash({ kind, text });
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setFlash(null), ms);
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return [flash, show];
}

/** The message of whatever was thrown, for people. */
export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
