/**
 * The history side of the router: the current location as a hook, navigate(), and <Link>, which
 * keeps plain <a href> semantics (open in new tab, copy link) while moving in-app without a reload.
 */
import type { AnchorHTMLAttributes } from "preact";
import { useEffect, useState } from "preact/hooks";

const NAVIGATE = "renkei:navigate";

export interface Where {
  path: string;
  search: string;
}
const current = (): Where => ({ path: location.pathname, search: location.search });

export function useLocation(): Where {
  const [where, setWhere] = useState(current);
  useEffect(() => {
    const update = () => setWhere(current());
    addEventListener("popstate", update);
    addEventListener(NAVIGATE, update);
    return () => {
      removeEventListener("popstate", update);
      removeEventListener(NAVIGATE, update);
    };
  }, []);
  return where;
}

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (to === `${location.pathname}${location.search}`) return;
  if (options.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  dispatchEvent(new Event(NAVIGATE));
  if (!options.replace) scrollTo(0, 0);
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

export function Link(props: LinkProps) {
  const { href, onClick } = props;
  return (
    <a
      {...props}
      onClick={(event) => {
        if (typeof onClick === "function") onClick(event);
        // Let the browser handle new-tab / download gestures and anything already handled.
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(href);
      }}
    />
  );
}
