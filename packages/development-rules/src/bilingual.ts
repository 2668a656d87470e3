/**
 * Validation messages in both languages, as one string: `"<zh> ¦ <en>"`. An effect Schema message is a single
 * string, so the evidence schemas carry both languages joined by `BILINGUAL_SEPARATOR`; the API's request
 * validator (and `decodeStepRecord`) split it and show each reader their own language. The separator is the
 * one the API's contract uses (`apps/api/src/contract.ts`), so either side may produce or read it.
 */
export const BILINGUAL_SEPARATOR = " ¦ "

/** A schema annotation whose message holds both languages (`Schema.isPattern(re, bilingual(zh, en))`). */
export const bilingual = (zh: string, en: string): { readonly message: string } => ({
  message: `${zh}${BILINGUAL_SEPARATOR}${en}`,
})

/** The two halves of a bilingual message; a message without the separator is returned as both. */
export const splitBilingual = (message: string): { readonly zh: string; readonly en: string } => {
  const i = message.indexOf(BILINGUAL_SEPARATOR)
  return i < 0
    ? { zh: message, en: message }
    : { zh: message.slice(0, i), en: message.slice(i + BILINGUAL_SEPARATOR.length) }
}
