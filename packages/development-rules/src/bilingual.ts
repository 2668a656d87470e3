/**
 * Validation messages in both languages, as one string: `"<zh> ¦ <en>"` (core's `bilingual`, the convention
 * every schema of the project shares). `decodeStepRecord` splits them so each reader gets their own language.
 */
import { BILINGUAL_SEPARATOR } from "@xianfeng/core"

export { BILINGUAL_SEPARATOR, bilingual } from "@xianfeng/core"

/** The two halves of a bilingual message; a message without the separator is returned as both. */
export const splitBilingual = (message: string): { readonly zh: string; readonly en: string } => {
  const i = message.indexOf(BILINGUAL_SEPARATOR)
  return i < 0
    ? { zh: message, en: message }
    : { zh: message.slice(0, i), en: message.slice(i + BILINGUAL_SEPARATOR.length) }
}
