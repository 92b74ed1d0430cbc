/** Building blocks of the API schemas: IDs, codes, money, pagination. */
import { z } from "zod";
import { CURRENCIES, ROUNDINGS } from "../money";

export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "not an ID");
export const Code = z.string().trim().min(1).max(64);
export const Name = z.string().trim().min(1).max(200);
/** Money in integer minor units (yen, fen): 1.5 yen or 12.345 yuan (1234.5 fen) are refused. */
export const Minor = z.number().superRefine((value, ctx) => {
  if (!Number.isFinite(value)) ctx.addIssue({ code: "custom", message: "must be a number" });
  else if (!Number.isInteger(value)) {
    ctx.addIssue({ code: "custom", message: "must be a whole number of minor units (yen / fen): finer amounts are not allowed" });
  } else if (!Number.isSafeInteger(value)) ctx.addIssue({ code: "custom", message: "out of range" });
});
export const NonNegativeMinor = Minor.refine((v) => v >= 0, "must not be negative");
export const PositiveInt = z.number().int("must be a whole number").min(1, "must be 1 or more").max(1_000_000_000);
export const Currency = z.enum(CURRENCIES);
export const Rounding = z.enum(ROUNDINGS);
export const TaxClass = z.enum(["standard", "reduced", "exempt"]);
export const TaxDisplay = z.enum(["inclusive", "exclusive"]);
export const IsoInstant = z.iso.datetime({ offset: true });
export const IdempotencyKey = z.string().min(8).max(128);

export const Page = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
  requestId: z.string(),
});

export const Ok = z.object({ ok: z.literal(true) });
