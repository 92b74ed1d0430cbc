/**
 * Placeholder for the store POS (/pos). The offline POS — its Dexie store, outbox and service
 * worker — arrives in the next release; until then this page only says so and points to the
 * admin. It stays tiny on purpose: no service worker, no admin code, no i18n machinery (all three
 * languages are shown at once, Japanese first).
 */
import { render } from "preact";
import "./pos.css";

function ComingSoon() {
  return (
    <main class="pos-placeholder">
      <h1>Renkei POS</h1>
      <p lang="ja">店舗POSは次のリリースで利用できるようになります。</p>
      <p lang="zh">门店 POS 将在下一个版本中提供。</p>
      <p lang="en">The store POS arrives in the next release.</p>
      <a class="pos-placeholder__link" href="/admin/">
        管理画面へ <span lang="zh">/ 前往管理后台</span> <span lang="en">/ Go to the admin</span>
      </a>
    </main>
  );
}

render(<ComingSoon />, document.getElementById("app")!);
