import { notFoundMessage } from "./messages";

/**
 * The one error model: services throw ServiceError with a closed code; app.onError maps it to
 * `{ code, message, issues?, requestId }` and the HTTP status below.
 */
export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  /** a device token that is unknown or revoked: the POS stops pushing and keeps its outbox */
  DEVICE_REVOKED: 401,
  /** too many wrong passwords / PINs: try again later */
  LOCKED: 423,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INSUFFICIENT_STOCK: 409,
  RATE_LIMITED: 429,
  UPSTREAM: 502,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface Issue {
  /** Where: a field path, with the row number first for file uploads (e.g. [12, "conversion"]). */
  path: (string | number)[];
  message: string;
}

export class ServiceError extends Error {
  override name = "ServiceError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new ServiceError("NOT_FOUND", notFoundMessage(what));
export const invalid = (message: string, issues: Issue[]) => new ServiceError("VALIDATION", message, issues);
