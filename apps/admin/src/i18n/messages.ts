import { en } from "../locales/en"
import { type MessageKey, zhCN } from "../locales/zh-CN"

export type Locale = "zh-CN" | "en"
export const locales: readonly Locale[] = ["zh-CN", "en"]
export const defaultLocale: Locale = "zh-CN"
export type { MessageKey }

export const messages: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = {
  "zh-CN": zhCN,
  en,
}

export type Vars = Readonly<Record<string, string | number>>

/** Fills `{name}` placeholders; a placeholder without a value stays visible so the gap is noticed. */
export const format = (template: string, vars?: Vars): string =>
  vars ? template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : template

export const isMessageKey = (key: string): key is MessageKey => key in zhCN

/** Translates a key built at run time (`stage.${stage}`), falling back to the raw value from the API. */
export const translateDynamic = (locale: Locale, key: string, fallback: string): string =>
  isMessageKey(key) ? messages[locale][key] : fallback

export const parseLocale = (raw: string | null | undefined): Locale =>
  raw === "en" || raw === "zh-CN" ? raw : defaultLocale
