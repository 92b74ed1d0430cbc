/**
 * The signed-in user and merchant, for every screen below the sign-in gate (role checks, the
 * merchant's currency and time zone). App owns the state; screens read it here.
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Me } from "./types";

export interface Session {
  me: Me;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside the signed-in shell");
  return session;
}

const ROLE_RANK = { staff: 0, manager: 1, owner: 2 } as const;
/** Mirrors the worker's role check, only to hide buttons the worker would refuse anyway. */
export const hasRole = (me: Me, role: keyof typeof ROLE_RANK) => ROLE_RANK[me.user.role] >= ROLE_RANK[role];
