/**
 * Pairing (once per tablet, with the admin's 8-digit code) and staff sign-in with a PIN that works
 * offline: the device checks its own HMAC of the PIN (verifyPin); a clerk whose PIN is not on this
 * device yet signs in once online (enrolPin). Wrong and locked (5 tries → 15 minutes) are said plainly.
 */
import { useEffect, useState } from "preact/hooks";
import type { PinCheck, PosData, StoreInfo } from "../data/contract";
import { LangSwitch } from "./lang-switch";
import { useT } from "./locale";
import type { Staff } from "./session";
import { applyKey, errorText, Keypad } from "./widgets";

export type PinOutcome = PinCheck | "needs-online" | "error";

/** verifyPin on the device; a PIN not on the device yet is checked with the hub and kept (online only). */
export async function checkPin(data: PosData, staffId: string, pin: string): Promise<{ outcome: PinOutcome; error?: string }> {
  try {
    const local = await data.verifyPin(staffId, pin);
    if (local !== "not-enrolled") return { outcome: local };
    if (!data.status().online) return { outcome: "needs-online" };
    return { outcome: await data.enrolPin(staffId, pin) };
  } catch (error) {
    return { outcome: "error", error: errorText(error) };
  }
}

/** Dots for the digits typed, a big keypad, OK. Takes a hardware keyboard too. */
export function PinPad({ onSubmit, busy, label }: { onSubmit: (pin: string) => void; busy: boolean; label: string }) {
  const t = useT();
  const [pin, setPin] = useState("");
  const submit = () => {
    if (pin.length >= 4 && !busy) {
      onSubmit(pin);
      setPin("");
    }
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (/^\d$/.test(e.key)) setPin((p) => applyKey(p, e.key, 8, "code"));
      else if (e.key === "Backspace") setPin((p) => p.slice(0, -1));
      else if (e.key === "Enter") document.getElementById("pin-ok")?.click();
      else return;
      e.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  return (
    <div class="pinpad">
      <div class="pinpad__dots" role="img" aria-label={t("pin.entered", { count: pin.length })}>
        {Array.from({ length: Math.max(4, pin.length) }, (_, i) => (
          <span key={i} class={i < pin.length ? "dot dot--on" : "dot"} />
        ))}
      </div>
      <Keypad label={label} onKey={(k) => setPin(applyKey(pin, k, 8, "code"))} />
      <button id="pin-ok" type="button" class="button button--primary button--huge" disabled={pin.length < 4 || busy} onClick={submit}>
        {busy ? t("state.checking") : t("pin.ok")}
      </button>
    </div>
  );
}

export function pinMessage(t: ReturnType<typeof useT>, result: { outcome: PinOutcome; error?: string }): string {
  switch (result.outcome) {
    case "ok":
      return "";
    case "wrong":
      return t("pin.wrong");
    case "locked":
      return t("pin.locked");
    case "not-enrolled":
      return t("pin.notSet");
    case "needs-online":
      return t("pin.needsOnline");
    case "error":
      return t("pin.error", { reason: result.error ?? "" });
  }
}

export function SignInScreen({ data, info, onSignedIn }: { data: PosData; info: StoreInfo; onSignedIn: (staff: Staff) => void }) {
  const t = useT();
  const [who, setWho] = useState<Staff | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  const submit = async (pin: string) => {
    if (!who) return;
    setBusy(true);
    setMessage("");
    const result = await checkPin(data, who.id, pin);
    setBusy(false);
    if (result.outcome === "ok") onSignedIn(who);
    else setMessage(pinMessage(t, result));
  };
  return (
    <main class="gate">
      <div class="gate__card gate__card--wide">
        <header class="gate__head">
          <div>
            <h1>{info.store.name}</h1>
            <p class="muted">
              {info.merchant.name} · {info.device.name}
            </p>
          </div>
          <LangSwitch />
        </header>
        {!who ? (
          <>
            <h2>{t("signIn.who")}</h2>
            <ul class="staff-grid">
              {info.staff.map((s) => (
                <li key={s.id}>
                  <button type="button" class="staff" disabled={!s.hasPin} onClick={() => (setWho(s), setMessage(""))}>
                    <span class="staff__name">{s.name}</span>
                    <span class="staff__role">{t(`role.${s.role}`)}</span>
                    {!s.hasPin && <span class="staff__note">{t("signIn.noPin")}</span>}
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <div class="signin">
            <div class="signin__who">
              <button type="button" class="button" onClick={() => (setWho(null), setMessage(""))}>
                {t("action.back")}
              </button>
              <h2>{t("signIn.pinFor", { name: who.name })}</h2>
            </div>
            <p class={`flash${message ? " flash--error" : ""}`} role="alert">
              {message || "\u00a0"}
            </p>
            <PinPad label={t("pin.label")} busy={busy} onSubmit={submit} />
          </div>
        )}
      </div>
    </main>
  );
}

export function PairScreen({ data, onPaired, online }: { data: PosData; onPaired: () => void; online: boolean }) {
  const t = useT();
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState("");
  const pair = async () => {
    if (code.length !== 8 || busy) return;
    setBusy(true);
    setProblem("");
    try {
      await data.pair(code);
      onPaired();
    } catch (error) {
      setProblem(errorText(error));
      setBusy(false);
    }
  };
  return (
    <main class="gate">
      <div class="gate__card">
        <header class="gate__head">
          <h1>{t("pair.title")}</h1>
          <LangSwitch />
        </header>
        <p>{t("pair.intro")}</p>
        <label class="number-entry__field">
          <span class="number-entry__label">{t("pair.code")}</span>
          <input
            class="number-entry__input pair-code"
            inputMode="none"
            autoComplete="one-time-code"
            value={code.replace(/(\d{4})(?=\d)/, "$1 ")}
            onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value.replace(/\D/g, "").slice(0, 8))}
            onKeyDown={(e) => e.key === "Enter" && pair()}
            disabled={busy}
          />
        </label>
        <Keypad label={t("keypad.for", { label: t("pair.code") })} onKey={(k) => setCode(applyKey(code, k, 8, "code"))} />
        {!online && <p class="notice notice--warn">{t("pair.offline")}</p>}
        {problem && (
          <p class="error-text" role="alert">
            {problem}
          </p>
        )}
        <button type="button" class="button button--primary button--huge" disabled={code.length !== 8 || busy || !online} onClick={pair}>
          {busy ? t("pair.pairing") : t("pair.submit")}
        </button>
      </div>
    </main>
  );
}
