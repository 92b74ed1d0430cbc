import { z } from "zod";
import { Currency, Id, Name, Rounding } from "./common";

export const Role = z.enum(["owner", "manager", "staff"]);
export const SignIn = z.object({ email: z.email(), password: z.string().min(1).max(200) });
export const Me = z.object({
  user: z.object({ id: Id, name: z.string(), email: z.string(), role: Role }),
  merchant: z.object({ id: Id, name: z.string(), currency: Currency, timeZone: z.string(), unitRounding: Rounding }),
  csrfToken: z.string(),
});
export const CreateUser = z.object({
  email: z.email(),
  name: Name,
  role: Role,
  /** optional for staff, who use only the POS with a PIN; owners and managers sign in to the admin */
  password: z.string().min(10, "10文字以上 (at least 10 characters)").max(200).optional(),
}).refine((u) => u.role === "staff" || u.password !== undefined, { path: ["password"], message: "管理画面に入るユーザーにはパスワードが必要です (owners and managers need a password)" });
export const User = z.object({ id: Id, email: z.string(), name: z.string(), role: Role, createdAt: z.string(), hasPin: z.boolean() });

export const CreateDevice = z.object({ locationId: Id, name: Name });
export const DevicePairingCode = z.object({ id: Id, pairingCode: z.string(), expiresAt: z.string() });
export const PairDevice = z.object({ pairingCode: z.string().regex(/^\d{8}$/, "8 digits") });
export const PairedDevice = z.object({ deviceId: Id, locationId: Id, merchantId: Id, token: z.string() });
export const Device = z.object({
  id: Id,
  locationId: Id,
  name: z.string(),
  pairedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
