/**
 * Registers every job, order action and connector. Imported once by the entry module, so the
 * registries are complete before the first request or message.
 */
import "./sync/stock-push";
import "./sync/retention";
import "./orders/status-actions";
import "./orders/status-action-sweep";
import "./orders/lifecycle";
import "./connectors";
