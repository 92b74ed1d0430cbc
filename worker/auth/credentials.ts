/**
 * Credentials of external systems, encrypted at rest with AES-GCM under CREDENTIALS_KEY
 * (a Worker secret: 32 random bytes, base64). Format: v1.<iv b64>.<ciphertext b64>.
 * The connection ID is bound as additional data, so a ciphertext copied onto another row fails.
 */
import { b64, unb64 } from "./passwords";

async function key(env: Env): Promise<CryptoKey> {
  const raw = unb64(env.CREDENTIALS_KEY);
  if (raw.length !== 32) throw new Error("CREDENTIALS_KEY must be 32 bytes, base64");
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

export async function sealCredentials(env: Env, connectionId: string, value: Record<string, string>): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new TextEncoder().encode(JSON.stringify(value));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(connectionId) },
    await key(env),
    data,
  );
  return `v1.${b64(iv)}.${b64(new Uint8Array(sealed))}`;
}

export async function openCredentials(env: Env, connectionId: string, sealed: string): Promise<Record<string, string>> {
  const [version, ivText, dataText] = sealed.split(".");
  if (version !== "v1" || !ivText || !dataText) throw new Error("unknown credentials format");
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: unb64(ivText), additionalData: new TextEncoder().encode(connectionId) },
    await key(env),
    unb64(dataText),
  );
  return JSON.parse(new TextDecoder().decode(plain)) as Record<string, string>;
}
