/**
 * IDs and instants. IDs are time-ordered (ULID-like: 48-bit ms time + 80 random bits, Crockford
 * base32) so they sort by creation and index well; instants are UTC ISO strings.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function newId(prefix: string, now = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const random = crypto.getRandomValues(new Uint8Array(16));
  let rest = "";
  for (const byte of random) rest += ALPHABET[byte % 32];
  return `${prefix}_${time}${rest}`;
}

export const nowIso = (ms = Date.now()) => new Date(ms).toISOString();
