/**
 * What every POS screen shares once the device is paired and a clerk is signed in: the data layer,
 * the store's rules, the clerk, the cart of the sale in progress, navigation, and a way to say
 * "work in progress here" so an app update never lands in the middle of it.
 */
import { createContext } from "preact";
import { useContext, useEffect, useReducer } from "preact/hooks";
import type { PosData, StoreInfo, SyncStatus } from "../data/contract";
import type { Cart } from "./cart";

export type Staff = StoreInfo["staff"][number];

export interface PosSession {
  data: PosData;
  info: StoreInfo;
  clerk: Staff;
  cart: Cart;
  setCart: (update: (cart: Cart) => Cart) => void;
  /** hash route, e.g. "/sell", "/doc/<id>", "/returns?original=<id>" */
  go: (route: string) => void;
  /** a screen with unsaved work (a return being entered, a stocktake sheet) holds updates back */
  setBusy: (screen: string, busy: boolean) => void;
}

export const SessionContext = createContext<PosSession | null>(null);

export function usePos(): PosSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error("usePos outside a signed-in POS");
  return session;
}

/** The data layer's sync status, re-rendering on every change it announces. */
export function useStatus(data: PosData): { status: SyncStatus; updateWaiting: boolean } {
  const [, bump] = useReducer((n: number, _: number) => n + 1, 0);
  useEffect(() => data.subscribe(() => bump(0)), [data]);
  return { status: data.status(), updateWaiting: data.updateWaiting() };
}

/** JSON in localStorage, surviving a reload or a crash; never throws (private mode, full storage). */
export function loadSaved<T>(key: string, fallback: T, valid: (value: unknown) => value is T): T {
  try {
    const raw = localStorage.getItem(key);
    if (raw === null) return fallback;
    const value: unknown = JSON.parse(raw);
    return valid(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

export function save(key: string, value: unknown): void {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // not remembered: the work stays on screen
  }
}
