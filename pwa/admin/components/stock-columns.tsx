/**
 * The numbers of a stock level, as the stock list and a SKU's ledger both show them: on hand,
 * allocated, held, incoming and available, a negative one marked (offline POS sales the hub
 * accepted beyond stock).
 */
import type { Translate } from "../locale";
import type { StockLevel } from "../types";
import type { Column } from "./data-table";

/** A number cell's mark when it is below zero. */
export const negative = (value: number) => (value < 0 ? { class: "negative" } : undefined);

export function stockLevelColumns(t: Translate): Column<StockLevel>[] {
  return [
    { head: t("stock.onHand"), class: "num", cell: (level) => level.onHand, attrs: (level) => negative(level.onHand) },
    { head: t("stock.allocated"), class: "num", cell: (level) => level.allocated },
    { head: t("stock.held"), class: "num", cell: (level) => level.held },
    { head: t("stock.incoming"), class: "num", cell: (level) => level.incoming },
    { head: t("stock.available"), class: "num", cell: (level) => level.available, attrs: (level) => negative(level.available) },
  ];
}
