import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { PosDb } from "../../../pwa/pos/data/db";
import { createPosData, type PosDataHandle } from "../../../pwa/pos/data/index";
import { PIN_LOCK_MS } from "../../../pwa/pos/data/pins";
import { BASE, dbName, FakeHub, PAIRING_CODE } from "./fake-hub";

const open: PosDataHandle[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

async function pairedDevice(clock: { now: number }) {
  const hub = new FakeHub();
  const name = dbName();
  const data = await createPosData({ baseUrl: BASE, fetch: hub.fetch, dbName: name, autoSync: false, serviceWorker: false, now: () => clock.now });
  open.push(data);
  await data.pair(PAIRING_CODE);
  return { hub, data, name };
}

describe("staff PINs", () => {
  it("enrols a PIN the hub confirms and checks it offline afterwards, as an HMAC under a non-extractable device key", async () => {
    const clock = { now: Date.now() };
    const { hub, data, name } = await pairedDevice(clock);
    expect(await data.verifyPin("usr_clerk", "1234")).toBe("not-enrolled");
    expect(await data.enrolPin("usr_clerk", "1234")).toBe("ok");
    const calls = hub.requests.length;
    hub.fail("network", "network", "network");
    expect(await data.verifyPin("usr_clerk", "1234")).toBe("ok");
    expect(await data.verifyPin("usr_clerk", "1235")).toBe("wrong");
    expect(hub.requests.length).toBe(calls); // offline check: no request

    const db = new PosDb(name);
    const row = await db.pins.get("usr_clerk");
    expect(row!.mac.byteLength).toBe(32);
    expect(new TextDecoder().decode(row!.mac)).not.toContain("1234");
    const key = (await db.entry("pinKey"))!.cryptoKey;
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: "HMAC" });
    await expect(crypto.subtle.exportKey("raw", key)).rejects.toThrow();
    db.close();
  });

  it("does not enrol a PIN the hub refuses", async () => {
    const clock = { now: Date.now() };
    const { data } = await pairedDevice(clock);
    expect(await data.enrolPin("usr_clerk", "0000")).toBe("wrong");
    expect(await data.enrolPin("usr_nobody", "1234")).toBe("not-enrolled");
    expect(await data.verifyPin("usr_clerk", "0000")).toBe("not-enrolled");
    await expect(data.enrolPin("usr_clerk", "12")).rejects.toThrow(/4–8 digits/);
  });

  it("locks the clerk on this device for 15 minutes after 5 wrong PINs, even with the right one", async () => {
    const clock = { now: Date.now() };
    const { data } = await pairedDevice(clock);
    await data.enrolPin("usr_clerk", "1234");
    await data.enrolPin("usr_manager", "9876");
    for (let i = 0; i < 4; i++) expect(await data.verifyPin("usr_clerk", "0000")).toBe("wrong");
    expect(await data.verifyPin("usr_clerk", "0000")).toBe("locked");
    expect(await data.verifyPin("usr_clerk", "1234")).toBe("locked");
    // another clerk is not affected
    expect(await data.verifyPin("usr_manager", "9876")).toBe("ok");
    clock.now += PIN_LOCK_MS - 1000;
    expect(await data.verifyPin("usr_clerk", "1234")).toBe("locked");
    clock.now += 2000;
    expect(await data.verifyPin("usr_clerk", "1234")).toBe("ok");
    // a success resets the count
    for (let i = 0; i < 4; i++) expect(await data.verifyPin("usr_clerk", "0000")).toBe("wrong");
    expect(await data.verifyPin("usr_clerk", "1234")).toBe("ok");
    expect(await data.verifyPin("usr_clerk", "0000")).toBe("wrong");
  });

  it("keeps the lock across a restart", async () => {
    const clock = { now: Date.now() };
    const { hub, data, name } = await pairedDevice(clock);
    await data.enrolPin("usr_clerk", "1234");
    for (let i = 0; i < 5; i++) await data.verifyPin("usr_clerk", "0000");
    data.close();
    open.splice(open.indexOf(data), 1);
    const again = await createPosData({ baseUrl: BASE, fetch: hub.fetch, dbName: name, autoSync: false, serviceWorker: false, now: () => clock.now });
    open.push(again);
    expect(await again.verifyPin("usr_clerk", "1234")).toBe("locked");
  });

  it("forgets a clerk's PIN when the bootstrap no longer lists it", async () => {
    const clock = { now: Date.now() };
    const { hub, data, name } = await pairedDevice(clock);
    await data.enrolPin("usr_clerk", "1234");
    hub.bootstrap.staff = hub.bootstrap.staff.map((s) => (s.id === "usr_clerk" ? { ...s, hasPin: false } : s));
    // a re-pair of the same store keeps the catalog and refreshes the bootstrap
    await data.pair(PAIRING_CODE);
    expect(await data.verifyPin("usr_clerk", "1234")).toBe("not-enrolled");
    const db = new PosDb(name);
    expect(await db.pins.count()).toBe(0);
    db.close();
  });

  it("forgets a clerk's enrolled PIN when the admin sets a new one (the PIN version changes)", async () => {
    const clock = { now: Date.now() };
    const { hub, data } = await pairedDevice(clock);
    expect(await data.enrolPin("usr_clerk", "1234")).toBe("ok");
    await data.enrolPin("usr_manager", "9876");
    hub.pins.set("usr_clerk", { pin: "5555", failures: 0, lockedUntil: 0 });
    hub.bootstrap.staff = hub.bootstrap.staff.map((s) => (s.id === "usr_clerk" ? { ...s, pinVersion: "v2" } : s));
    await data.pair(PAIRING_CODE); // refreshes the bootstrap
    expect(await data.verifyPin("usr_clerk", "1234")).toBe("not-enrolled");
    expect(await data.verifyPin("usr_manager", "9876")).toBe("ok"); // unchanged PIN stays
    expect(await data.enrolPin("usr_clerk", "5555")).toBe("ok");
  });
});
