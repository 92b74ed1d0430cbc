/**
 * Staff PINs on the device. After the hub has checked a PIN once (enrolment), the device keeps
 * HMAC-SHA256(staffId, PIN) under its own HMAC key — generated here, non-extractable, stored in
 * IndexedDB as a CryptoKey — so the PIN can be checked offline and a copy of the database alone
 * does not allow guessing it (a bare hash of a 4-digit PIN would fall in milliseconds).
 * Five wrong PINs lock the clerk on this device for 15 minutes, as on the hub.
 */
import type { PinCheck } from "./contract";
import type { PosDb } from "./db";

export const MAX_PIN_FAILURES = 5;
export const PIN_LOCK_MS = 15 * 60_000;
export const PIN_FORMAT = /^\d{4,8}$/;

const encoder = new TextEncoder();
const message = (staffId: string, pin: string) => encoder.encode(`renkei-pos-pin\u0000${staffId}\u0000${pin}`);

/** The device's PIN key; made once, kept in the `device` table, never extractable. */
export async function devicePinKey(db: PosDb): Promise<CryptoKey> {
  const existing = await db.entry("pinKey");
  if (existing) return existing.cryptoKey;
  const fresh = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  // Another tab may have made one meanwhile: the first one stored wins.
  return db.transaction("rw", db.device, async () => {
    const raced = await db.entry("pinKey");
    if (raced) return raced.cryptoKey;
    await db.device.put({ key: "pinKey", cryptoKey: fresh });
    return fresh;
  });
}

export async function storePin(db: PosDb, staffId: string, pin: string, version: string | null = null): Promise<void> {
  const key = await devicePinKey(db);
  const mac = await crypto.subtle.sign("HMAC", key, message(staffId, pin));
  await db.pins.put({ staffId, mac, failures: 0, lockedUntil: null, enrolledAt: new Date().toISOString(), version });
}

export async function checkPin(db: PosDb, staffId: string, pin: string, now: number): Promise<PinCheck> {
  const row = await db.pins.get(staffId);
  if (!row) return "not-enrolled";
  if (row.lockedUntil !== null && now < row.lockedUntil) return "locked";
  const key = await devicePinKey(db);
  // verify() compares in constant time
  const ok = PIN_FORMAT.test(pin) && (await crypto.subtle.verify("HMAC", key, row.mac, message(staffId, pin)));
  return db.transaction("rw", db.pins, async () => {
    const current = await db.pins.get(staffId);
    if (!current) return "not-enrolled" as const;
    if (ok) {
      await db.pins.update(staffId, { failures: 0, lockedUntil: null });
      return "ok" as const;
    }
    const failures = (current.lockedUntil !== null && now >= current.lockedUntil ? 0 : current.failures) + 1;
    if (failures >= MAX_PIN_FAILURES) {
      await db.pins.update(staffId, { failures: 0, lockedUntil: now + PIN_LOCK_MS });
      return "locked" as const;
    }
    await db.pins.update(staffId, { failures, lockedUntil: null });
    return "wrong" as const;
  });
}
