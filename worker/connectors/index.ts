/** Every connector registers itself here. */
import "./http-json";
import "./nextengine";
import "./rakuten";
import "./rsl";
import "./smaregi";
import "./wangdian";
