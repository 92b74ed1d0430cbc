/** What every screen gets from the shell: which route matched, its path params and the URL's query string. */
import type { RouteName } from "../router";

export interface ScreenProps {
  route: RouteName | "notFound";
  params: Record<string, string>;
  search: string;
}
