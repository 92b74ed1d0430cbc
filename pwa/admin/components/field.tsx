/**
 * A labelled form field with the worker's messages for it underneath, and the form banner that
 * shows the error itself plus every issue no field claimed (nothing the worker said is dropped).
 */
import { cloneElement, isValidElement, type ComponentChildren } from "preact";
import { useId } from "preact/hooks";
import { NETWORK, type ApiError } from "../api";
import { unplacedIssues } from "../form-issues";
import { useT } from "../locale";

export function Field(props: { label: string; errors?: string[]; hint?: string; wide?: boolean; group?: boolean; children: ComponentChildren }) {
  const id = useId();
  const invalid = !!props.errors?.length;
  const className = `field${invalid ? " field--invalid" : ""}${props.wide ? " field--wide" : ""}`;
  const noteId = `${id}-note`;
  const hasNote = invalid || !!props.hint;
  // One control: tie label, hint and errors to it by id, so its accessible name is the caption
  // alone and screen readers read the worker's message with it.
  const control =
    !props.group && isValidElement(props.children)
      ? cloneElement(props.children, { id, "aria-invalid": invalid || undefined, "aria-describedby": hasNote ? noteId : undefined })
      : props.children;
  return (
    <div class={className} role={props.group ? "group" : undefined} aria-label={props.group ? props.label : undefined}>
      {props.group ? <span class="field__label">{props.label}</span> : <label class="field__label" for={id}>{props.label}</label>}
      {control}
      <span id={noteId} class="field__notes">
        {props.hint && !invalid && <span class="field__hint">{props.hint}</span>}
        {props.errors?.map((message) => (
          <span class="field__error" role="alert">
            {message}
          </span>
        ))}
      </span>
    </div>
  );
}

/** The text of an error for a person: the worker's own message, or ours when no answer came. */
export function useErrorText() {
  const t = useT();
  return (error: unknown) => {
    const apiError = error as Partial<ApiError> | null;
    if (apiError?.code === NETWORK) return t("error.network");
    if (apiError?.status === 403) return `${t("error.forbidden")} — ${apiError.message}`;
    // The worker's summary of a validation error is generic ("invalid body"); the issues say what.
    if (apiError?.code === "VALIDATION" && apiError.issues?.length) return `${t("form.fix")} (${apiError.message})`;
    return apiError?.message || t("error.unknown");
  };
}

/** Banner above a form: the error's message and the issues of fields the form does not show. */
export function FormErrors({ error, shownPaths = [] }: { error: unknown; shownPaths?: readonly string[] }) {
  const errorText = useErrorText();
  if (!error) return null;
  const rest = unplacedIssues(error, shownPaths);
  return (
    <div class="notice notice--error" role="alert">
      <p>{errorText(error)}</p>
      {rest.length > 0 && (
        <ul>
          {rest.map((issue) => (
            <li>
              {issue.path.length > 0 && <code>{issue.path.join(".")}</code>} {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A failed load, with a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  if (!error) return null;
  return (
    <div class="notice notice--error" role="alert">
      <p>{errorText(error)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t("action.retry")}
        </button>
      )}
    </div>
  );
}
