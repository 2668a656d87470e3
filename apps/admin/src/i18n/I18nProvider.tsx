import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react"
import { setLanguage } from "../api/client"
import {
  type Catalog,
  format,
  type Locale,
  type MessageKey,
  parseLocale,
  sharedMessages,
  translateDynamic,
  type Vars,
} from "./messages"

const STORAGE_KEY = "xf.locale"

export interface I18n {
  readonly locale: Locale
  readonly setLocale: (l: Locale) => void
  readonly t: (key: MessageKey, vars?: Vars) => string
  /** For keys assembled from API values (`stage.full`, `role.auditor`): unknown ones show `fallback`. */
  readonly td: (key: string, fallback: string) => string
}

const I18nContext = createContext<I18n | null>(null)

const readStored = (): Locale => {
  try {
    return parseLocale(localStorage.getItem(STORAGE_KEY))
  } catch {
    return parseLocale(undefined)
  }
}

/** `catalog`: every string the admin shows, the shell's and each area's (see `catalogOf` in the registry). */
export const I18nProvider = ({
  catalog = sharedMessages,
  children,
}: {
  readonly catalog?: Catalog
  readonly children: ReactNode
}) => {
  const [locale, setLocaleState] = useState<Locale>(readStored)
  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l)
    try {
      localStorage.setItem(STORAGE_KEY, l)
    } catch {
      // private mode: the choice lasts for this tab only
    }
  }, [])
  useEffect(() => {
    document.documentElement.lang = locale
    document.title = catalog[locale]["app.title"] ?? ""
  }, [catalog, locale])
  const value = useMemo<I18n>(() => {
    // Set during render, not in an effect, so the very first request already asks in this language.
    setLanguage(locale)
    return {
      locale,
      setLocale,
      // An unknown key (an area left out of the registry) shows itself rather than nothing.
      t: (key, vars) => format(catalog[locale][key] ?? key, vars),
      td: (key, fallback) => translateDynamic(locale, key, fallback, catalog),
    }
  }, [catalog, locale, setLocale])
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export const useI18n = (): I18n => {
  const ctx = useContext(I18nContext)
  if (!ctx) throw new Error("useI18n outside I18nProvider")
  return ctx
}
