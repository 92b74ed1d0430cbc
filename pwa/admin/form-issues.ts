/**
 * Placing the worker's validation issues next to the form fields they name. An issue's path is
 * the body path zod reported (["skus", 0, "price"]); a form knows which paths it shows, and any
 * issue it does not show goes to the form's banner, so no message is ever lost.
 * Messages are shown exactly as the worker wrote them (Japanese, English in parentheses).
 */
import type { ApiIssue } from "./api";

/** "skus.0.price" for ["skus", 0, "price"]; "" for the body itself. */
export const pathKey = (path: readonly (string | number)[]) => path.join(".");

/** Issues of `error` (if it has any) grouped by path key. */
export function issuesByPath(error: unknown): Map<string, string[]> {
  const byPath = new Map<string, string[]>();
  const issues = (error as { issues?: ApiIssue[] } | null)?.issues;
  if (!Array.isArray(issues)) return byPath;
  for (const issue of issues) {
    const key = pathKey(issue.path);
    byPath.set(key, [...(byPath.get(key) ?? []), issue.message]);
  }
  return byPath;
}

/** Issues whose path is not one of the fields the form shows. */
export function unplacedIssues(error: unknown, shownPaths: readonly string[]): ApiIssue[] {
  const issues = (error as { issues?: ApiIssue[] } | null)?.issues;
  if (!Array.isArray(issues)) return [];
  const shown = new Set(shownPaths);
  return issues.filter((issue) => !shown.has(pathKey(issue.path)));
}
