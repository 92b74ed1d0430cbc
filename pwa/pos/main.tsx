/// <reference types="vite/client" />
/**
 * Entry of the store POS (/pos): opens the device's data layer (IndexedDB, outbox, service worker
 * through workbox-window) and renders the screens. `vite dev` with `?fake` in the URL runs the
 * screens on an in-memory PosData instead (never in a production build).
 */
import { render } from "preact";
import type { PosData } from "./data/contract";
import { createPosData } from "./data/index";
import { App } from "./ui/app";
import "./pos.css";

async function start(root: HTMLElement) {
  let data: PosData;
  if (import.meta.env.DEV && new URLSearchParams(location.search).has("fake")) {
    const { createDevData } = await import("./ui/dev-data");
    const dev = createDevData({ delay: 120, paired: !new URLSearchParams(location.search).has("unpaired") });
    // for poking at the screens from the console: __pos.setOnline(false), __pos.setUpdateWaiting(true), …
    (window as unknown as { __pos: typeof dev }).__pos = dev;
    data = dev;
  } else {
    data = await createPosData();
  }
  render(<App data={data} />, root);
}

const root = document.getElementById("app")!;
start(root).catch((error: unknown) => {
  // No data layer (IndexedDB blocked, e.g. a private window): say so in all three languages.
  console.error(error);
  root.innerHTML = "";
  const box = document.createElement("div");
  box.className = "notice notice--error";
  box.setAttribute("role", "alert");
  for (const text of [
    "端末のデータを開けません。プライベートブラウズを使っていないか確認して、再読み込みしてください。",
    "无法打开本机数据。请确认未使用无痕浏览后重新加载。",
    "The device's data cannot be opened. Make sure this is not a private window, then reload.",
    String(error instanceof Error ? error.message : error),
  ]) {
    const p = document.createElement("p");
    p.textContent = text;
    box.appendChild(p);
  }
  root.appendChild(box);
});
