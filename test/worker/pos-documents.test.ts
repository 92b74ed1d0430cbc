import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { priceReceipt } from "../../shared/receipt";
import { call, level, newMerchant, newSku } from "./helpers";
import { exchanged, lines, number, ownerId, pairedDevice, returned, sale } from "./store-documents";

describe("POS documents", () => {
  it("an offline sale beyond stock is accepted and flagged; a replay is a duplicate applied once", async () => {
    const m = await newMerchant();
    const staff = await ownerId(m);
    const { skuId } = await newSku(m, { stock: 1, locationId: m.storeId });
    const device = await pairedDevice(m);
    const document = sale(staff, [{ skuId, quantity: 3, unitPrice: 1000 }]);
    const first = await device.push([document]);
    expect(first.body.results[0]).toEqual({ id: document.id, status: "accepted", negativeStock: [skuId] });
    const replay = await device.push([document, document]);
    expect(replay.body.results.map((r: { status: string }) => r.status)).toEqual(["duplicate", "duplicate"]);
    expect(await level(m, skuId, m.storeId)).toMatchObject({ on_hand: -2 });
    expect((await m.api("GET", "/api/stock?negativeOnly=true")).body.items.map((l: { skuId: string }) => l.skuId)).toEqual([skuId]);
  });

  it("seed 004's ribbon sold by length: 85 cm × 3 at 850 yen takes 255 cm from stock", async () => {
    const m = await newMerchant();
    const staff = await ownerId(m);
    const { skuId } = await newSku(m, { price: 999, unit: { conversion: 100, min: 1, max: 1000 }, stock: 1000, locationId: m.storeId });
    const device = await pairedDevice(m);
    const document = sale(staff, [{ skuId, quantity: 3, unitValue: 85, unitPrice: 850 }]);
    expect(document.total).toBe(2550);
    expect((await device.push([document])).body.results[0].status).toBe("accepted");
    expect(await level(m, skuId, m.storeId)).toMatchObject({ on_hand: 745 });
  });

  it("a return waits for the store's 入库; a defective item then comes in held, not sellable", async () => {
    const m = await newMerchant();
    const staff = await ownerId(m);
    const { skuId } = await newSku(m, { stock: 5, locationId: m.storeId });
    const device = await pairedDevice(m);
    const original = sale(staff, [{ skuId, quantity: 2, unitPrice: 1000 }]);
    await device.push([original]);
    const back = returned(staff, [{ skuId, quantity: 1, unitPrice: 1000, defective: true }, { skuId, quantity: 1, unitPrice: 1000 }], original.id);
    expect((await device.push([back])).body.results[0].status).toBe("accepted");
    expect(await level(m, skuId, m.storeId)).toMatchObject({ on_hand: 3, held: 0 });
    const received = await m.api("POST", `/api/documents/${back.id}/receive`);
    expect(received.body.status).toBe("posted");
    await m.api("POST", `/api/documents/${back.id}/receive`); // once
    expect(await level(m, skuId, m.storeId)).toMatchObject({ on_hand: 5, held: 1 });
  });

  it("a return without a receipt needs a manager's approval", async () => {
    const m = await newMerchant();
    const staffUser = await m.api("POST", "/api/users", { email: `c-${crypto.randomUUID()}@example.test`, name: "店員", role: "staff", password: "a long password" });
    const { skuId } = await newSku(m, { stock: 5, locationId: m.storeId });
    const device = await pairedDevice(m);
    const unapproved = await device.push([returned(staffUser.body.id, [{ skuId, quantity: 1, unitPrice: 1000 }], null)]);
    expect(unapproved.body.results[0]).toMatchObject({ status: "rejected", issues: [{ path: ["approvedBy"] }] });
    const byStaff = await device.push([returned(staffUser.body.id, [{ skuId, quantity: 1, unitPrice: 1000 }], null, staffUser.body.id)]);
    expect(byStaff.body.results[0].status).toBe("rejected");
    const byManager = await device.push([returned(staffUser.body.id, [{ skuId, quantity: 1, unitPrice: 1000 }], null, await ownerId(m))]);
    expect(byManager.body.results[0].status).toBe("accepted");
  });

  it("an exchange is one document: the goods given leave at once, the goods returned come in on 入库", async () => {
    const m = await newMerchant();
    const staff = await ownerId(m);
    const a = await newSku(m, { stock: 5, locationId: m.storeId });
    const b = await newSku(m, { stock: 5, locationId: m.storeId });
    const device = await pairedDevice(m);
    const exchange = exchanged(staff, [{ skuId: a.skuId, quantity: 1, unitPrice: 1000 }], [{ skuId: b.skuId, quantity: 1, unitPrice: 1500 }], 1000);
    expect(exchange).toMatchObject({ returnedTotal: 1000, givenTotal: 1500, change: 500 });
    // the difference paid with change that does not add up is refused, not "fixed"
    const wrongChange = { ...exchange, id: crypto.randomUUID(), number: number(), change: 0 };
    expect((await device.push([wrongChange])).body.results[0]).toMatchObject({ status: "rejected", issues: [{ path: ["tenders"] }] });
    expect((await device.push([exchange])).body.results[0].status).toBe("accepted");
    expect(await level(m, b.skuId, m.storeId)).toMatchObject({ on_hand: 4 });
    expect(await level(m, a.skuId, m.storeId)).toMatchObject({ on_hand: 5 });
    await m.api("POST", `/api/documents/${exchange.id}/receive`);
    expect(await level(m, a.skuId, m.storeId)).toMatchObject({ on_hand: 6 });
  });

  it("documents that do not add up are rejected with reasons, kept as dead letters, and never block the next", async () => {
    const m = await newMerchant();
    const staff = await ownerId(m);
    const { skuId } = await newSku(m, { stock: 5, locationId: m.storeId });
    const other = await newMerchant();
    const foreign = await newSku(other, { stock: 5 });
    const device = await pairedDevice(m);
    const wrongTotal = { ...sale(staff, [{ skuId, quantity: 2, unitPrice: 1000 }]), total: 1999 };
    const wrongTax = { ...sale(staff, [{ skuId, quantity: 2, unitPrice: 1000 }]), tax: 1 };
    const stranger = sale(staff, [{ skuId: foreign.skuId, quantity: 1, unitPrice: 1000 }]);
    const malformed = { id: crypto.randomUUID(), kind: "sale", lines: "nope" };
    const good = sale(staff, [{ skuId, quantity: 1, unitPrice: 1000 }]);
    const result = await device.push([wrongTotal, wrongTax, stranger, malformed, good]);
    expect(result.body.results.map((r: { status: string }) => r.status)).toEqual(["rejected", "rejected", "rejected", "rejected", "accepted"]);
    expect(result.body.results[0].issues[0].path).toEqual(["total"]);
    expect(result.body.results[1].issues[0].path).toEqual(["tax"]);
    expect(result.body.results[2].issues[0].path).toEqual(["lines", 0, "skuId"]);
    expect(await level(m, skuId, m.storeId)).toMatchObject({ on_hand: 4 });
    expect(await level(other, foreign.skuId)).toMatchObject({ on_hand: 5 });
    const letters = await m.api("GET", "/api/sync/dead-letters");
    expect(letters.body.items.filter((l: { job: string }) => l.job === "pos.document")).toHaveLength(4);
  });

  it("one push of 100 is taken in order: a repeat inside it is a duplicate, a reused number and a second receipt of one delivery are rejected, the rest land", async () => {
    const m = await newMerchant();
    const staff = await ownerId(m);
    const { skuId } = await newSku(m, { stock: 500, locationId: m.storeId });
    const inbound = await m.api("POST", "/api/inbound", { locationId: m.storeId, kind: "purchase", reference: "PO-9", lines: [{ skuId, quantity: 5 }] });
    const device = await pairedDevice(m);
    const sales = Array.from({ length: 96 }, () => sale(staff, [{ skuId, quantity: 1, unitPrice: 500 }]));
    const receipt = { id: crypto.randomUUID(), kind: "receipt", number: number(), occurredAt: "2026-11-26T07:00:00.000Z", staffId: staff, inboundId: inbound.body.id, lines: [{ skuId, received: 5 }] };
    const secondReceipt = { ...receipt, id: crypto.randomUUID(), number: number() };
    const reusedNumber = { ...sale(staff, [{ skuId, quantity: 1, unitPrice: 500 }]), number: sales[10]!.number };
    const push = [...sales.slice(0, 50), sales[3]!, receipt, reusedNumber, secondReceipt, ...sales.slice(50)];
    expect(push).toHaveLength(100);
    const results = (await device.push(push)).body.results as { id: string; status: string; issues?: { path: unknown[] }[] }[];
    expect(results.map((r) => r.id)).toEqual(push.map((d) => d.id));
    expect(results[50]!.status).toBe("duplicate");
    expect(results[51]!.status).toBe("accepted");
    expect(results[52]).toMatchObject({ status: "rejected", issues: [{ path: ["number"] }] });
    expect(results[53]).toMatchObject({ status: "rejected", issues: [{ path: ["inboundId"] }] });
    expect(results.filter((r) => r.status === "accepted")).toHaveLength(97);
    // 500 − 96 sold + 5 received; the rejected ones moved nothing
    expect(await level(m, skuId, m.storeId)).toMatchObject({ on_hand: 409 });
    const deadLetters = (await m.api("GET", "/api/sync/dead-letters")).body.items as { error: string }[];
    expect(deadLetters).toHaveLength(2);
    // the store's list in pages: all taken at one instant, each listed once, newest first
    const listed: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await m.api(
        "GET",
        `/api/documents?locationId=${m.storeId}&limit=30${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(page.status).toBe(200);
      listed.push(...page.body.items.map((d) => d.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    // 97 taken from the device, and the inbound delivery they received
    expect(listed).toHaveLength(98);
    expect(new Set(listed).size).toBe(98);
    expect((await m.api("GET", "/api/documents?cursor=nonsense")).status).toBe(400);
    // the same push again changes nothing
    const again = (await device.push(push)).body.results as { status: string }[];
    expect(again.filter((r) => r.status === "duplicate")).toHaveLength(98);
    expect(await level(m, skuId, m.storeId)).toMatchObject({ on_hand: 409 });
    expect((await m.api("GET", "/api/sync/dead-letters")).body.items).toHaveLength(2);
  });

  it("the same push sent twice at once (a retry racing its original) lands each document once", async () => {
    const m = await newMerchant();
    const staff = await ownerId(m);
    const { skuId } = await newSku(m, { stock: 100, locationId: m.storeId });
    const device = await pairedDevice(m);
    const push = Array.from({ length: 100 }, () => sale(staff, [{ skuId, quantity: 1, unitPrice: 300 }]));
    const answers = await Promise.all([device.push(push), device.push(push), device.push(push)]);
    for (const [i, document] of push.entries()) {
      const statuses = answers.map((a) => a.body.results[i].status).sort();
      expect(statuses, document.id).toEqual(["accepted", "duplicate", "duplicate"]);
    }
    expect(await level(m, skuId, m.storeId)).toMatchObject({ on_hand: 0 });
  });

  it("a rejected document replayed after its cause is fixed is posted once", async () => {
    const m = await newMerchant();
    const staffUser = await m.api("POST", "/api/users", { email: `c-${crypto.randomUUID()}@example.test`, name: "店員", role: "staff", password: "a long password" });
    const { skuId } = await newSku(m, { stock: 5, locationId: m.storeId });
    const device = await pairedDevice(m);
    // a receipt-less return the manager had not approved yet
    const document = returned(staffUser.body.id, [{ skuId, quantity: 1, unitPrice: 1000 }], null, staffUser.body.id);
    expect((await device.push([document])).body.results[0].status).toBe("rejected");
    // the clerk is promoted to manager (the cause), and the merchant replays
    await env.DB.prepare("UPDATE users SET role = 'manager' WHERE id = ?1").bind(staffUser.body.id).run();
    const letter = (await m.api("GET", "/api/sync/dead-letters")).body.items[0];
    const replay = await m.api("POST", `/api/sync/dead-letters/${letter.id}/replay`);
    await vi.waitFor(async () => expect((await m.api("GET", `/api/sync/runs/${replay.body.runId}`)).body).toMatchObject({ status: "succeeded", counts: { accepted: 1 } }));
    expect((await m.api("GET", `/api/documents/${document.id}`)).body.status).toBe("received");
  });

  it("a revoked device is refused at once", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 5, locationId: m.storeId });
    const device = await pairedDevice(m);
    await m.api("POST", `/api/devices/${device.id}/revoke`);
    const refused = await device.push([sale(await ownerId(m), [{ skuId, quantity: 1, unitPrice: 1000 }])]);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe("DEVICE_REVOKED");
    expect(await level(m, skuId, m.storeId)).toMatchObject({ on_hand: 5 });
  });
});

describe("stocktake (seed 003 §2.3.2)", () => {
  it("sheets counted by area → the store manager submits → the merchant approves: 盘盈 / 盘亏 through the ledger, sales since kept", async () => {
    const m = await newMerchant();
    const staff = await ownerId(m);
    const a = await newSku(m, { stock: 10, locationId: m.storeId });
    const b = await newSku(m, { stock: 10, locationId: m.storeId });
    const device = await pairedDevice(m);
    const sheet = (area: string, counts: [string, number][]) => ({
      id: crypto.randomUUID(),
      kind: "stocktake",
      number: number(),
      occurredAt: "2026-11-26T06:00:00.000Z",
      staffId: staff,
      area,
      lines: counts.map(([skuId, counted]) => ({ skuId, counted })),
    });
    const front = sheet("店頭", [[a.skuId, 7], [b.skuId, 4]]);
    const back = sheet("バックヤード", [[b.skuId, 8]]);
    expect((await device.push([front, back])).body.results.map((r: { status: string }) => r.status)).toEqual(["accepted", "accepted"]);
    expect(await level(m, a.skuId, m.storeId)).toMatchObject({ on_hand: 10 }); // nothing until approved
    // a sale after the count, before approval
    await device.push([sale(staff, [{ skuId: a.skuId, quantity: 1, unitPrice: 1000 }])]);
    const submitted = await m.api("POST", "/api/stocktakes", { locationId: m.storeId, sheetIds: [front.id, back.id] });
    expect(submitted.status).toBe(201);
    expect((await m.api("POST", "/api/stocktakes", { locationId: m.storeId, sheetIds: [front.id] })).status).toBe(400);
    const approved = await m.api("POST", `/api/stocktakes/${submitted.body.id}/approve`);
    expect(approved.body).toMatchObject({ status: "posted", adjusted: 2 });
    // a: counted 7 of 10 → deficit 3, then the later sale: 6. b: counted 12 of 10 → surplus 2.
    expect(await level(m, a.skuId, m.storeId)).toMatchObject({ on_hand: 6 });
    expect(await level(m, b.skuId, m.storeId)).toMatchObject({ on_hand: 12 });
    const again = await m.api("POST", `/api/stocktakes/${submitted.body.id}/approve`);
    expect(again.body.status).toBe("posted");
    expect(await level(m, a.skuId, m.storeId)).toMatchObject({ on_hand: 6 });
    const reasons = await env.DB.prepare("SELECT reason, quantity FROM stock_movements WHERE source_id = ?1 ORDER BY reason").bind(submitted.body.id).all();
    expect(reasons.results).toEqual([{ reason: "stocktake_deficit", quantity: -3 }, { reason: "stocktake_surplus", quantity: 2 }]);
  });
});

describe("receiving", () => {
  it("an inbound delivery is listed for the store; the clerk's counts come into stock once, differences kept", async () => {
    const m = await newMerchant();
    const staff = await ownerId(m);
    const { skuId } = await newSku(m);
    const inbound = await m.api("POST", "/api/inbound", { locationId: m.storeId, kind: "transfer", reference: "TR-1", lines: [{ skuId, quantity: 10 }] });
    expect(inbound.status).toBe(201);
    const device = await pairedDevice(m);
    expect((await device.get("/api/pos/inbound")).body.items.map((i: { id: string }) => i.id)).toEqual([inbound.body.id]);
    const receipt = { id: crypto.randomUUID(), kind: "receipt", number: number(), occurredAt: "2026-11-26T07:00:00.000Z", staffId: staff, inboundId: inbound.body.id, lines: [{ skuId, received: 9 }] };
    expect((await device.push([receipt])).body.results[0].status).toBe("accepted");
    expect(await level(m, skuId, m.storeId)).toMatchObject({ on_hand: 9 });
    expect((await device.get("/api/pos/inbound")).body.items).toEqual([]);
    const twice = await device.push([{ ...receipt, id: crypto.randomUUID(), number: number() }]);
    expect(twice.body.results[0]).toMatchObject({ status: "rejected", issues: [{ path: ["inboundId"] }] });
    expect(await level(m, skuId, m.storeId)).toMatchObject({ on_hand: 9 });
  });
});

describe("device feeds", () => {
  it("bootstrap, then the catalog snapshot in pages, then only what changed", async () => {
    const m = await newMerchant();
    const ribbon = await newSku(m, { price: 999, unit: { conversion: 100, min: 1, max: 1000 }, stock: 1000, locationId: m.storeId });
    const plain = await newSku(m, { price: 500, taxClass: "reduced" });
    const device = await pairedDevice(m);
    const boot = await device.get("/api/pos/bootstrap");
    expect(boot.body).toMatchObject({ device: { number: 1 }, store: { id: m.storeId, taxDisplay: "inclusive" }, merchant: { currency: "JPY", unitRounding: "ceil" } });
    expect(boot.body.tenders.map((t: { kind: string }) => t.kind)[0]).toBe("cash");
    const first = await device.get("/api/pos/catalog?since=0&limit=100");
    expect(first.body).toMatchObject({ mode: "snapshot", total: 2, nextAfter: null });
    const byId = new Map(first.body.items.map((i: unknown[]) => [i[0], i]));
    expect((byId.get(ribbon.skuId) as unknown[]).slice(4)).toEqual([999, 10, 1, [100, "cm", "長さ", 1, 1000]]);
    expect((byId.get(plain.skuId) as unknown[])[5]).toBe(8);
    expect(first.body.stock).toEqual([[ribbon.skuId, 1000, 1000]]);
    const quiet = await device.get(`/api/pos/catalog?since=${first.body.cursor}`);
    expect(quiet.body).toMatchObject({ mode: "delta", items: [], more: false });
    await m.api("PATCH", `/api/skus/${plain.skuId}`, { price: 550 });
    const delta = await device.get(`/api/pos/catalog?since=${first.body.cursor}`);
    expect(delta.body.items.map((i: unknown[]) => [i[0], i[4]])).toEqual([[plain.skuId, 550]]);
  });

  it("a clerk's PIN is checked online to enrol it; five wrong PINs lock it", async () => {
    const m = await newMerchant();
    const staff = await ownerId(m);
    expect((await m.api("PUT", `/api/users/${staff}/pin`, { pin: "12a4" })).status).toBe(400);
    expect((await m.api("PUT", `/api/users/${staff}/pin`, { pin: "2468" })).status).toBe(200);
    const device = await pairedDevice(m);
    expect((await device.post("/api/pos/staff/pin", { staffId: staff, pin: "2468" })).body).toMatchObject({ ok: true, role: "owner" });
    for (let i = 0; i < 5; i++) expect((await device.post("/api/pos/staff/pin", { staffId: staff, pin: "0000" })).status).toBe(401);
    const locked = await device.post("/api/pos/staff/pin", { staffId: staff, pin: "2468" });
    expect(locked.status).toBe(423);
    expect(locked.body).toMatchObject({ code: "LOCKED" });
  });
});

describe("roles", () => {
  it("a POS-only clerk needs no password; owners and managers do", async () => {
    const m = await newMerchant();
    const clerk = await m.api("POST", "/api/users", { email: `pos-${crypto.randomUUID()}@example.test`, name: "店員", role: "staff" });
    expect(clerk.status).toBe(201);
    expect(clerk.body.hasPin).toBe(false);
    const manager = await m.api("POST", "/api/users", { email: `mgr-${crypto.randomUUID()}@example.test`, name: "店長", role: "manager" });
    expect(manager.status).toBe(400);
    expect(manager.body.issues[0].path).toEqual(["password"]);
    await m.api("PUT", `/api/users/${clerk.body.id}/pin`, { pin: "1357" });
    const users = await m.api("GET", "/api/users");
    expect(users.body.items.find((u: { id: string }) => u.id === clerk.body.id).hasPin).toBe(true);
  });

  it("SKUs are looked up by ID, only the merchant's own", async () => {
    const m = await newMerchant();
    const other = await newMerchant();
    const mine = await newSku(m);
    const theirs = await newSku(other);
    const found = await m.api("GET", `/api/skus?ids=${mine.skuId},${theirs.skuId}`);
    expect(found.body.items.map((s: { id: string }) => s.id)).toEqual([mine.skuId]);
  });

  it("a staff user cannot manage devices or users", async () => {
    const m = await newMerchant();
    const staff = await m.api("POST", "/api/users", { email: `staff-${crypto.randomUUID()}@example.test`, name: "店員", role: "staff", password: "a long password" });
    const { signIn } = await import("./helpers");
    const asStaff = await signIn(staff.body.email, "a long password");
    expect((await asStaff("POST", "/api/devices", { locationId: m.storeId, name: "x" })).status).toBe(403);
    expect((await asStaff("POST", "/api/users", { email: "x@example.test", name: "x", role: "owner", password: "a long password" })).status).toBe(403);
    expect((await asStaff("GET", "/api/orders")).status).toBe(200);
  });
});
