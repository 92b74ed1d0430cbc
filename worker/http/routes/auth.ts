import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { CreateDevice, CreateUser, Device, DevicePairingCode, Me, PairDevice, PairedDevice, SignIn, User } from "../../../shared/schemas/auth";
import { Ok } from "../../../shared/schemas/common";
import { createDevice, listDevices, pairDevice, revokeDevice } from "../../auth/devices";
import { SESSION_COOKIE, SESSION_HOURS, signIn, signOut } from "../../auth/sessions";
import { createUser, listUsers } from "../../auth/users";
import { getMe } from "../../merchants/me";
import { route } from "../route";

export const authRoutes = [
  route({
    method: "post",
    path: "/api/auth/sign-in",
    summary: "Sign in to the admin (sets an HttpOnly session cookie; answers the CSRF token)",
    tag: "auth",
    auth: "public",
    body: SignIn,
    response: Me,
    async handler({ c, body }) {
      const session = await signIn(c.env.DB, body.email, body.password);
      setCookie(c, SESSION_COOKIE, session.token, {
        httpOnly: true,
        secure: new URL(c.req.url).protocol === "https:",
        sameSite: "Strict",
        path: "/",
        maxAge: SESSION_HOURS * 3600,
      });
      return getMe(c.env.DB, session.userId, session.csrfToken);
    },
  }),
  route({
    method: "post",
    path: "/api/auth/sign-out",
    summary: "Sign out",
    tag: "auth",
    auth: "user",
    response: Ok,
    async handler({ c }) {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await signOut(c.env.DB, token);
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return { ok: true };
    },
  }),
  route({
    method: "get",
    path: "/api/auth/me",
    summary: "Who is signed in, their merchant, and the CSRF token",
    tag: "auth",
    auth: "user",
    response: Me,
    handler: ({ ctx, c }) => getMe(ctx.env.DB, ctx.actor.id, c.get("csrfToken")!),
  }),
  route({
    method: "get",
    path: "/api/users",
    summary: "Users of the merchant and their roles",
    tag: "auth",
    auth: "user",
    role: "manager",
    response: z.object({ items: z.array(User) }),
    handler: async ({ ctx }) => ({ items: await listUsers(ctx) }),
  }),
  route({
    method: "post",
    path: "/api/users",
    summary: "Add a user (owner only)",
    tag: "auth",
    auth: "user",
    role: "owner",
    body: CreateUser,
    response: User,
    status: 201,
    handler: ({ ctx, body }) => createUser(ctx, body),
  }),
  route({
    method: "get",
    path: "/api/devices",
    summary: "Devices (POS tablets) of the merchant",
    tag: "devices",
    auth: "user",
    role: "manager",
    response: z.object({ items: z.array(Device) }),
    handler: async ({ ctx }) => ({ items: await listDevices(ctx) }),
  }),
  route({
    method: "post",
    path: "/api/devices",
    summary: "Create a device for a store and get its one-time pairing code",
    tag: "devices",
    auth: "user",
    role: "manager",
    body: CreateDevice,
    response: DevicePairingCode,
    status: 201,
    handler: ({ ctx, body }) => createDevice(ctx, body),
  }),
  route({
    method: "post",
    path: "/api/devices/:id/revoke",
    summary: "Revoke a device: its token stops working at once",
    tag: "devices",
    auth: "user",
    role: "manager",
    response: Ok,
    async handler({ ctx, params }) {
      await revokeDevice(ctx, params.id!);
      return { ok: true };
    },
  }),
  route({
    method: "post",
    path: "/api/pos/pair",
    summary: "Pair a tablet with the one-time code (answers the device token once)",
    tag: "pos",
    auth: "public",
    body: PairDevice,
    response: PairedDevice,
    handler: ({ c, body }) => pairDevice(c.env.DB, body.pairingCode),
  }),
];
