/**
 * One store document: its facts and timestamps, its lines (SKU, quantity, order value, price,
 * amount, 残次品 flag), money and payments — and what the back office does with it:
 *  - a return or exchange the hub has received: 入庫 (门店后台入库退换单), the goods coming back
 *    into the store's stock, defective ones held (on hand, never sellable);
 *  - a submitted stocktake: the expected surplus / deficit per SKU, approved by the owner (posted
 *    through the ledger) or sent back for recounting;
 *  - an inbound delivery and its receipt: expected against received, per SKU.
 */
import { useRef, useState } from "preact/hooks";
import { apiGet, apiPost } from "../api";
import { DataTable, LoadedTable, type Column } from "../components/data-table";
import { Field, FormErrors, LoadError } from "../components/field";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { useConfirm } from "../components/use-confirm";
import { cachedGet, useApiGet } from "../data";
import { asCurrency, formatInstant, formatMoney } from "../format";
import { SubmissionKey } from "../idempotency";
import { useLang } from "../locale";
import { Link } from "../navigation";
import { pathFor } from "../router";
import { hasRole, useSession } from "../session";
import {
  documentMoney,
  documentSections,
  inboundInfo,
  isInboundKind,
  kindKey,
  receiptDifferences,
  submissionCounts,
  type DocLine,
  type Payment,
  type ReceiptRow,
  type StoreDocument,
} from "../store-logic";
import type { Device, Items, Page } from "../types";
import type { ScreenProps } from "./props";
import { sheetColumns, StocktakePreviewTable } from "./stocktake-preview";
import { DocLink, skuColumns, StateBadge, StorePage, useLocations, useSkuStock, useStoreT, useUserNames, type StoreT } from "./store-parts";

const getDocument = (id: string) => apiGet<StoreDocument>(`/api/documents/${encodeURIComponent(id)}`);

export default function StoreDocumentScreen({ route, params }: ScreenProps) {
  const t = useStoreT();
  const { lang } = useLang();
  const { me } = useSession();
  const doc = useApiGet<StoreDocument>(`/api/documents/${encodeURIComponent(params.id!)}`);
  const locations = useLocations();
  const userName = useUserNames();
  const devices = useApiGet<Items<Device>>(hasRole(me, "manager") ? "/api/devices" : null, cachedGet);
  const [done, setDone] = useState<string | null>(null);
  const when = (iso: string | null) => formatInstant(iso, lang, me.merchant.timeZone);

  const back = (
    <Link href={pathFor("storeDocuments")} class="back">
      ← {t("tab.documents")}
    </Link>
  );
  if (doc.error || !doc.data) {
    return (
      <StorePage route={route}>
        {back}
        {doc.error ? <LoadError error={doc.error} onRetry={doc.reload} /> : <p class="loading">{t("state.loading")}</p>}
      </StorePage>
    );
  }
  const d = doc.data;
  const kind = kindKey(d.kind);
  const body = d.body;
  const deviceName = (id: string | null) => (id ? (devices.data?.items.find((x) => x.id === id)?.name ?? id) : "");
  const fact = (label: string, value: unknown) =>
    value !== null && value !== undefined && value !== "" && (
      <>
        <dt>{label}</dt>
        <dd>{value}</dd>
      </>
    );
  const inbound = d.kind === "inbound" ? inboundInfo(d) : null;

  return (
    <StorePage route={route}>
      {back}
      {done && <OkNotice>{done}</OkNotice>}
      <div class="page__head">
        <h2>
          {kind ? t(kind) : d.kind} <code>{d.number}</code>
        </h2>
        <StateBadge state={d.status} t={t} />
      </div>
      <dl class="facts">
        {fact(t("store.store"), locations.name(d.locationId))}
        {fact(t("doc.device"), deviceName(d.deviceId))}
        {fact(t("doc.staff"), userName(d.staffId))}
        {fact(t("doc.area"), typeof body.area === "string" ? body.area : null)}
        {inbound && fact(t("inb.kind"), isInboundKind(inbound.kind) ? t(`inbKind.${inbound.kind}`) : inbound.kind)}
        {inbound && fact(t("inb.reference"), inbound.reference)}
        {fact(t("doc.approvedBy"), typeof body.approvedBy === "string" ? userName(body.approvedBy) : null)}
        {d.referenceId && fact(t("doc.reference"), <DocLink id={d.referenceId}>{d.referenceId}</DocLink>)}
        {fact(t("doc.occurred"), when(d.occurredAt))}
        {fact(t("doc.received"), when(d.receivedAt))}
        {fact(t("doc.submitted"), when(d.submittedAt))}
        {fact(t("doc.approved"), when(d.approvedAt))}
        {fact(t("doc.posted"), when(d.postedAt))}
      </dl>

      {(d.kind === "return" || d.kind === "exchange") && d.status === "received" && hasRole(me, "manager") && (
        <ReceiveReturn
          doc={d}
          store={locations.name(d.locationId)}
          t={t}
          onReceived={() => {
            setDone(t("doc.receivedOk"));
            doc.reload();
          }}
        />
      )}

      {d.kind === "sale" && d.status === "posted" && hasRole(me, "manager") && (
        <ReverseSale
          sale={d}
          store={locations.name(d.locationId)}
          t={t}
          onReversed={(reversal) => {
            setDone(t("doc.reversedOk", { number: reversal.number }));
            doc.reload();
          }}
        />
      )}

      {d.kind === "stocktake_submission" ? (
        <StocktakeReview
          doc={d}
          t={t}
          when={when}
          onDone={(text) => {
            setDone(text);
            doc.reload();
          }}
        />
      ) : d.kind === "inbound" || d.kind === "receipt" ? (
        <ReceiptComparison doc={d} t={t} />
      ) : (
        <DocumentLines doc={d} t={t} />
      )}
    </StorePage>
  );
}

/** The lines of a sale, return, exchange or count sheet, then the money and payments. */
function DocumentLines({ doc, t }: { doc: StoreDocument; t: StoreT }) {
  const { me } = useSession();
  const currency = asCurrency(me.merchant.currency);
  const money = (minor: number) => formatMoney(minor, currency);
  const sections = documentSections(doc);
  const stock = useSkuStock(
    doc.locationId,
    sections.flatMap((s) => s.lines.map((l) => l.skuId)),
  );
  const totals = documentMoney(doc);
  const all = sections.flatMap((s) => s.lines);
  const priced = all.some((l) => l.unitPrice !== null);
  const withUnit = all.some((l) => l.unitValue !== null);
  const withDiscount = all.some((l) => l.discount !== 0);
  const returns = doc.kind === "return" || doc.kind === "exchange";
  const columns = (section: string): (Column<DocLine> | false)[] => [
    ...skuColumns<DocLine>(t, stock.data),
    withUnit && { head: t("doc.unitValue"), class: "num", cell: (l) => l.unitValue ?? "" },
    { head: t(doc.kind === "stocktake" ? "doc.counted" : "order.quantity"), class: "num", cell: (l) => l.quantity },
    priced && { head: t("order.unitPrice"), class: "num", cell: (l) => (l.unitPrice === null ? "" : money(l.unitPrice)) },
    priced && withDiscount && { head: t("doc.discount"), class: "num", cell: (l) => (l.discount ? money(l.discount) : "") },
    priced && { head: t("order.taxRate"), class: "num", cell: (l) => (l.taxRate === null ? "" : `${l.taxRate}%`) },
    priced && { head: t("order.amount"), class: "num", cell: (l) => (l.amount === null ? "" : money(l.amount)) },
    returns && section !== "given" && { head: t("doc.defective"), cell: (l) => (l.defective ? <span class="tag tag--system">{t("doc.defective")}</span> : "") },
  ];

  return (
    <>
      <LoadError error={stock.error} onRetry={stock.reload} />
      {sections.map((section) => (
        <>
          <h2>{t(section.key === "lines" ? "order.lines" : section.key === "returned" ? "doc.returned" : "doc.given")}</h2>
          <DataTable rows={section.lines} columns={columns(section.key)} />
        </>
      ))}
      {totals && (
        <>
          <dl class="totals">
            {totals.rows.map((row) => (
              <>
                <dt class={row.key === "total" ? "totals__grand" : undefined}>{t(MONEY_LABELS[row.key])}</dt>
                <dd class={row.key === "total" ? "totals__grand" : undefined}>{row.key === "subtotalDiscount" ? `−${money(row.amount)}` : money(row.amount)}</dd>
              </>
            ))}
          </dl>
          <Payments title={t("doc.tenders")} rows={totals.tenders} money={money} t={t} />
          <Payments title={t("doc.refunds")} rows={totals.refunds} money={money} t={t} />
        </>
      )}
    </>
  );
}

const MONEY_LABELS = {
  subtotal: "order.subtotal",
  subtotalDiscount: "doc.subtotalDiscount",
  tax: "order.tax",
  total: "orders.total",
  returnedTotal: "doc.returnedTotal",
  givenTotal: "doc.givenTotal",
  change: "doc.change",
} as const;

function Payments({ title, rows, money, t }: { title: string; rows: Payment[]; money: (minor: number) => string; t: StoreT }) {
  if (rows.length === 0) return null;
  return (
    <>
      <h2>{title}</h2>
      <DataTable
        rows={rows}
        columns={[
          { head: t("doc.method"), cell: (p) => p.method },
          { head: t("doc.kind"), cell: (p) => <code>{p.kind}</code> },
          { head: t("order.amount"), class: "num", cell: (p) => money(p.amount) },
        ]}
      />
    </>
  );
}

/** 入庫 of a return or exchange: the goods back into stock, defective ones held. */
function ReceiveReturn({ doc, store, t, onReceived }: { doc: StoreDocument; store: string; t: StoreT; onReceived: () => void }) {
  const receiving = useAction();
  const confirm = useConfirm(() => ({
    title: t("doc.receiveTitle"),
    confirmLabel: t("doc.receive"),
    onConfirm: () =>
      void receiving.run(async () => {
        await apiPost<StoreDocument>(`/api/documents/${encodeURIComponent(doc.id)}/receive`);
        onReceived();
      }),
    children: <p>{t("doc.receiveNote", { store })}</p>,
  }));
  return (
    <div class="card">
      <p>{t("doc.receiveNote", { store })}</p>
      <FormErrors error={receiving.error} />
      <button type="button" class="button--primary" disabled={receiving.busy} onClick={() => confirm.ask(undefined)}>
        {receiving.busy ? t("state.working") : t("doc.receive")}
      </button>
      {confirm.dialog}
    </div>
  );
}

/**
 * 冲单: a sale rung up by mistake, undone in whole. Its reversal, once made, is shown instead of the
 * button; the worker refuses a sale with a return or exchange, and its reason shows as is.
 */
function ReverseSale({ sale, store, t, onReversed }: { sale: StoreDocument; store: string; t: StoreT; onReversed: (reversal: StoreDocument) => void }) {
  const reversals = useApiGet<Page<StoreDocument>>(`/api/documents?kind=reversal&referenceId=${encodeURIComponent(sale.id)}&limit=1`);
  const reversing = useAction();
  const [reason, setReason] = useState("");
  // one key per reversal asked for: a retry after a lost answer makes no second 冲单
  const submission = useRef(new SubmissionKey());
  const confirm = useConfirm(() => ({
    title: t("doc.reverseTitle"),
    confirmLabel: t("doc.reverse"),
    danger: true,
    onConfirm: () =>
      void reversing.run(async () => {
        const made = await submission.current.send({ sale: sale.id, reason }, (idempotencyKey) =>
          apiPost<StoreDocument>(`/api/documents/${encodeURIComponent(sale.id)}/reverse`, { idempotencyKey, reason }),
        );
        reversals.reload();
        onReversed(made);
      }),
    children: <p>{t("doc.reverseNote", { store })}</p>,
  }));
  const made = reversals.data?.items[0];
  if (made) {
    return (
      <p class="notice" data-testid="sale-reversed">
        {t("doc.reversedBy")}: <DocLink id={made.id}>{made.number}</DocLink>
      </p>
    );
  }
  if (!reversals.data) return <LoadError error={reversals.error} onRetry={reversals.reload} />;
  return (
    <div class="card" aria-label={t("doc.reverse")}>
      <p>{t("doc.reverseNote", { store })}</p>
      <Field label={t("doc.reasonLabel")}>
        <input type="text" maxLength={100} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <FormErrors error={reversing.error} />
      <button type="button" class="button--danger" disabled={reversing.busy} onClick={() => confirm.ask(undefined)}>
        {reversing.busy ? t("state.working") : t("doc.reverse")}
      </button>
      {confirm.dialog}
    </div>
  );
}

/** A submitted stocktake: the expected differences, then the owner's approve / send back. */
function StocktakeReview({ doc, t, when, onDone }: { doc: StoreDocument; t: StoreT; when: (iso: string) => string; onDone: (text: string) => void }) {
  const { me } = useSession();
  const acting = useAction();
  const counts = submissionCounts(doc.body);
  const sheetIds = Array.isArray(doc.body.sheetIds) ? doc.body.sheetIds.filter((id): id is string => typeof id === "string") : [];
  const asOf = typeof doc.body.asOf === "string" ? when(doc.body.asOf) : "";
  // The sheets (one per area) this stocktake was made of.
  const sheets = useApiGet<Items<StoreDocument>>(`sheets|${doc.id}`, async () => ({ items: await Promise.all(sheetIds.map(getDocument)) }));
  const userName = useUserNames();
  const open = doc.status === "submitted";
  const decide = (to: "approve" | "reject") =>
    void acting.run(async () => {
      const answer = await apiPost<StoreDocument & { adjusted?: number }>(`/api/stocktakes/${encodeURIComponent(doc.id)}/${to}`);
      onDone(to === "approve" ? t("stk.approved", { adjusted: answer.adjusted ?? 0 }) : t("stk.rejected"));
    });
  const confirmApprove = useConfirm(() => ({
    title: t("stk.approveTitle"),
    confirmLabel: t("stk.approve"),
    onConfirm: () => decide("approve"),
    children: <p>{t("stk.approveNote", { asOf })}</p>,
  }));
  const confirmReject = useConfirm(() => ({
    title: t("stk.rejectTitle"),
    confirmLabel: t("stk.reject"),
    danger: true,
    onConfirm: () => decide("reject"),
    children: <p>{t("stk.rejectNote")}</p>,
  }));

  return (
    <>
      <h2>{t("stk.sheetCount")}</h2>
      <LoadedTable list={sheets} columns={sheetColumns(t, userName, when)} />
      <h2>{t("order.lines")}</h2>
      {open ? (
        <>
          <p class="notice">{t("stk.approveNote", { asOf })}</p>
          <StocktakePreviewTable locationId={doc.locationId} counts={counts} t={t} />
        </>
      ) : (
        <DocumentLines doc={doc} t={t} />
      )}
      {open && hasRole(me, "owner") && (
        <>
          <FormErrors error={acting.error} />
          <div class="form__actions">
            <button type="button" class="button--primary" disabled={acting.busy} onClick={() => confirmApprove.ask(undefined)}>
              {acting.busy ? t("state.working") : t("stk.approve")}
            </button>
            <button type="button" class="button--danger" disabled={acting.busy} onClick={() => confirmReject.ask(undefined)}>
              {t("stk.reject")}
            </button>
          </div>
        </>
      )}
      {confirmApprove.dialog}
      {confirmReject.dialog}
    </>
  );
}

/**
 * An inbound delivery or its receipt: expected against received per SKU. The receipt of a delivery
 * is found among the store's receipts by its reference (the API has no filter by reference).
 */
function ReceiptComparison({ doc, t }: { doc: StoreDocument; t: StoreT }) {
  const isInbound = doc.kind === "inbound";
  const pair = useApiGet<{ inbound: StoreDocument; receipt: StoreDocument | null }>(`pair|${doc.id}|${doc.status}`, async () => {
    if (!isInbound) return { inbound: doc.referenceId ? await getDocument(doc.referenceId) : { ...doc, body: {} }, receipt: doc };
    return { inbound: doc, receipt: doc.status === "received" ? await findReceipt(doc) : null };
  });
  const rows = pair.data ? receiptDifferences(pair.data.inbound, pair.data.receipt) : [];
  const stock = useSkuStock(
    doc.locationId,
    rows.map((r) => r.skuId),
  );
  const other = isInbound ? pair.data?.receipt : pair.data?.inbound;
  return (
    <>
      <LoadError error={pair.error ?? stock.error} onRetry={pair.error ? pair.reload : stock.reload} />
      <h2>{t("order.lines")}</h2>
      {isInbound && other && (
        <p>
          {t("docKind.receipt")}: <DocLink id={other.id}>{other.number}</DocLink>
        </p>
      )}
      {isInbound && pair.data && !pair.data.receipt && <p class="muted">{t("doc.waitingReceipt")}</p>}
      <DataTable<ReceiptRow>
        rows={rows}
        columns={[
          ...skuColumns<ReceiptRow>(t, stock.data),
          { head: t("doc.expected"), class: "num", cell: (r) => r.expected },
          { head: t("doc.receivedQty"), class: "num", cell: (r) => r.received ?? "" },
          {
            head: t("doc.diff"),
            class: "num",
            cell: (r) => (r.diff === null ? "" : r.diff > 0 ? `+${r.diff}` : r.diff < 0 ? `−${-r.diff}` : "0"),
            attrs: (r) => (r.diff ? { class: "negative" } : undefined),
          },
        ]}
      />
    </>
  );
}

/** The receipt whose reference is this delivery, among the store's receipts, newest first. */
async function findReceipt(inbound: StoreDocument): Promise<StoreDocument | null> {
  let cursor: string | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const page: Page<StoreDocument> = await apiGet<Page<StoreDocument>>("/api/documents", { kind: "receipt", locationId: inbound.locationId, limit: 200, cursor: cursor ?? undefined });
    const found = page.items.find((r) => r.referenceId === inbound.id);
    if (found) return found;
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return null;
}
