/**
 * The POS's language: Japanese by default, 中文 and English, remembered on this device.
 */
import { createLocale, savedLang as savedIn } from "../../common/locale";
import { translate, type MessageKey, type Vars } from "./i18n";

export const LANG_STORAGE_KEY = "renkei.pos.lang";
export const savedLang = () => savedIn(LANG_STORAGE_KEY);
export const { LangProvider, useLang, useT } = createLocale<MessageKey>(LANG_STORAGE_KEY, translate);
export type Translate = (key: MessageKey, vars?: Vars) => string;
