/**
 * The admin's language: Japanese first, 中文 and English, remembered on this browser.
 */
import { createLocale } from "../common/locale";
import { translate, type MessageKey, type Vars } from "./i18n";

export const { LangProvider, useLang, useT } = createLocale<MessageKey>("renkei.admin.lang", translate);
export type Translate = (key: MessageKey, vars?: Vars) => string;
