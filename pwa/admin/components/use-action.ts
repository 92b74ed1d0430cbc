/**
 * A write started from a screen — a form's submit, or an action on one row — with what the
 * screen shows about it: what is being done (buttons wait, the row's says 処理中), and the last
 * failure for FormErrors. Problems the browser finds before sending are refused the same way,
 * as a local error with issues by field path, so the form places them where it places the
 * worker's own.
 */
import { useState } from "preact/hooks";
import { ApiError } from "../api";
import { useT } from "../locale";
import type { DraftIssue } from "../product-draft";

export interface Action<K> {
  /** What is being done: the row's key, or `true` for a form; null while nothing is. */
  doing: K | null;
  busy: boolean;
  /** The last failure; null once a new try starts. */
  error: unknown;
  /** Runs `send` for `key` (a form leaves it out); its answer, or undefined when it failed. */
  run: <R>(send: () => Promise<R>, key?: K) => Promise<R | undefined>;
  /** Problems found before sending (messages are dictionary keys); nothing is sent. */
  refuse: (issues: readonly DraftIssue[]) => void;
  /** Forgets the last failure (the form was cleared, or filled from another row). */
  clear: () => void;
}

export function useAction<K = true>(): Action<K> {
  const t = useT();
  const [doing, setDoing] = useState<K | null>(null);
  const [error, setError] = useState<unknown>(null);
  return {
    doing,
    busy: doing !== null,
    error,
    async run(send, key = true as K) {
      setDoing(key);
      setError(null);
      try {
        return await send();
      } catch (failure) {
        setError(failure);
        return undefined;
      } finally {
        setDoing(null);
      }
    },
    refuse: (issues) => setError(new ApiError(0, "LOCAL", t("form.fix"), issues.map((i) => ({ path: [...i.path], message: t(i.message) })))),
    clear: () => setError(null),
  };
}
