import { en } from "../locales/en"
import { type SharedMessageKey, zhCN } from "../locales/zh-CN"

export type Locale = "zh-CN" | "en"
export const locales: readonly Locale[] = ["zh-CN", "en"]
export const defaultLocale: Locale = "zh-CN"

/**
 * The keys of every area's strings, by area id. Each area adds its own entry from its
 * `locales/zh-CN.ts` (`declare module … { interface AreaMessages { readonly development: typeof zhCN } }`),
 * so this file never imports an area and a misspelt key still fails the typecheck.
 */
// biome-ignore lint/suspicious/noEmptyInterface: the areas' locale files add to it (declaration merging)
export interface AreaMessages {}

type AreaMessageKey = { [A in keyof AreaMessages]: keyof AreaMessages[A] }[keyof AreaMessages]

/** A key of the shell's, the shared or any area's strings. */
export type MessageKey = SharedMessageKey | AreaMessageKey

/** Strings by key, per language: the shell's file, an area's files, or all of them merged. */
export type Catalog = Readonly<Record<Locale, Readonly<Record<string, string>>>>

/** The shell's and the shared strings (code tables, widgets), without any area's. */
export const sharedMessages: Catalog = { "zh-CN": zhCN, en }

/** The message catalog of the admin: the shared strings, then each area's. */
export const mergeCatalogs = (parts: readonly Catalog[]): Catalog => ({
  "zh-CN": Object.assign({}, sharedMessages["zh-CN"], ...parts.map((p) => p["zh-CN"])),
  en: Object.assign({}, sharedMessages.en, ...parts.map((p) => p.en)),
})

/** Keys that more than one part defines (the shared strings count as a part): one would hide the other. */
export const clashingKeys = (parts: readonly Catalog[]): string[] => {
  const all = [sharedMessages, ...parts].flatMap((p) => Object.keys(p["zh-CN"]))
  return [...new Set(all.filter((k, i) => all.indexOf(k) !== i))]
}

/** The codes of one of the API's code tables the admin can label (`education.`, `occupation.`), in file order. */
export const codesOf = (prefix: string): string[] =>
  Object.keys(zhCN)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length))

export type Vars = Readonly<Record<string, string | number>>

/** Fills `{name}` placeholders; a placeholder without a value stays visible so the gap is noticed. */
export const format = (template: string, vars?: Vars): string =>
  vars ? template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : template

/** Translates a key built at run time (`stage.${stage}`), falling back to the raw value from the API. */
export const translateDynamic = (
  locale: Locale,
  key: string,
  fallback: string,
  catalog: Catalog = sharedMessages,
): string => (Object.hasOwn(catalog[locale], key) ? (catalog[locale][key] ?? fallback) : fallback)

export const parseLocale = (raw: string | null | undefined): Locale =>
  raw === "en" || raw === "zh-CN" ? raw : defaultLocale
