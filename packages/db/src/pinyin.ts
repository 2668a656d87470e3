import { pinyin } from "pinyin-pro"

export interface NamePinyin {
  /** 张三 → `zhangsan`: no tones, lower case, no spaces. */
  readonly full: string
  /** 张三 → `zs`. */
  readonly initials: string
}

/**
 * The separators people put between the parts of a name (间隔号): the middle dot U+00B7 of GB/T 15834,
 * and what is typed in its place: `.`, `•`, `・`, `．`, `‧`, `･`, `∙`, `⋅`, `·` (Greek ano teleia), `-`,
 * `－`, and spaces. Search ignores them all, in the stored keys and in the query.
 */
export const NAME_SEPARATORS = ".·•・．‧･∙⋅·-－ 　\t"

const separatorClass = new RegExp(`[${NAME_SEPARATORS.replace(/[-\\\]]/g, "\\$&")}]`, "gu")

/** The name as search compares it: NFKC, separators and spaces removed (阿依古丽.买买提 → 阿依古丽买买提). */
export const nameSearchKey = (name: string): string => name.normalize("NFKC").replace(separatorClass, "")

/**
 * The name as stored: trimmed, and every separator form between two parts written as the middle dot
 * U+00B7 (阿依古丽.买买提 and 阿依古丽•买买提 → 阿依古丽·买买提). A name with Latin letters keeps its dots
 * and spaces (`John Smith`).
 */
export const normalizeName = (name: string): string => {
  const trimmed = name.trim()
  if (/[A-Za-z]/.test(trimmed)) return trimmed
  return trimmed.replace(/\s*[.·•・．‧･∙⋅·]\s*/gu, "·")
}

/**
 * Surname readings (姓氏读音) that differ from the character's common reading and that pinyin-pro's
 * surname mode does not give: compound surnames (复姓) first, then single ones. Source: 《现代汉语词典》
 * (第7版) and 《新华字典》 (第12版), the entries marked 姓.
 */
export const surnameReadings: Readonly<Record<string, readonly string[]>> = {
  单于: ["chan", "yu"],
  秘: ["bi"],
  祭: ["zhai"],
  么: ["yao"],
  种: ["chong"],
  重: ["chong"],
  佴: ["nai"],
  洗: ["xian"],
  宓: ["fu"],
  蕃: ["pi"],
}

/**
 * Readings of characters outside the Basic Multilingual Plane (CJK Extension B and later) found in names
 * that pinyin-pro does not know. Any other such character is kept as itself in the keys, never dropped.
 */
export const supplementaryReadings: Readonly<Record<string, string>> = {
  𠮷: "ji", // a variant of 吉 (𠮷田 is read as 吉田)
}

const isSyllable = (s: string) => /^[a-z]+$/.test(s)
const isHan = (s: string) => /^\p{Script=Han}$/u.test(s)

/** One search-key part per pinyin-pro element: a syllable, a kept Han character, or nothing. */
const keyParts = (
  chars: readonly string[],
  syllables: readonly string[],
): { full: string[]; initials: string[] } => {
  const full: string[] = []
  const initials: string[] = []
  syllables.forEach((raw, i) => {
    // ü is typed as v (吕 → lv), as input methods do.
    const s = raw.replace(/ü/g, "v").normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
    const ch = chars[i] ?? raw
    const known = supplementaryReadings[ch]
    if (known !== undefined) {
      full.push(known)
      initials.push(known[0] ?? "")
    } else if (isSyllable(s)) {
      full.push(s)
      initials.push(s[0] ?? "")
    } else if (/^[0-9a-z]+$/.test(s)) {
      full.push(s)
      initials.push(s)
    } else if (isHan(ch)) {
      // A character without a known reading stays in the keys (a search by name still finds it).
      full.push(ch)
      initials.push(ch)
    }
  })
  return { full, initials }
}

const readAll = (text: string): { full: string[]; initials: string[] } => {
  const chars = [...text]
  if (chars.length === 0) return { full: [], initials: [] }
  const syllables = pinyin(text, { toneType: "none", type: "array", surname: "off", v: false })
  // pinyin-pro answers one element per character (non-Chinese runs are split the same way).
  if (syllables.length === chars.length) return keyParts(chars, syllables)
  return keyParts(
    chars,
    chars.map((c) => pinyin(c, { toneType: "none", type: "array" })[0] ?? c),
  )
}

/**
 * The search keys stored beside a name. The surname is read as a surname: first from `surnameReadings`
 * (单于 → chanyu, 秘 → bi), otherwise by pinyin-pro's surname mode (单 → shan, 曾 → zeng, 尉迟 → yuchi).
 * Separators (·, ., •, …) and spaces are left out; a character without a reading is kept as itself.
 */
export const pinyinOf = (name: string): NamePinyin => {
  const text = nameSearchKey(name.trim())
  const chars = [...text]
  let surname: string | undefined
  for (const s of Object.keys(surnameReadings))
    if (
      text.startsWith(s) &&
      chars.length > [...s].length &&
      (surname === undefined || s.length > surname.length)
    )
      surname = s
  let full: string[]
  let initials: string[]
  if (surname !== undefined) {
    const reading = surnameReadings[surname] ?? []
    const rest = readAll(text.slice(surname.length))
    full = [...reading, ...rest.full]
    initials = [...reading.map((r) => r[0] ?? ""), ...rest.initials]
  } else {
    const headed = pinyin(text, { toneType: "none", type: "array", surname: "head", v: false })
    if (headed.length === chars.length) {
      const parts = keyParts(chars, headed)
      full = parts.full
      initials = parts.initials
    } else {
      const parts = readAll(text)
      full = parts.full
      initials = parts.initials
    }
  }
  return { full: full.join(""), initials: initials.join("") }
}

/**
 * A search typed by a user, normalized as the stored keys are: NFKC (full-width letters become ASCII),
 * separators and spaces removed, lower case when it is Latin. `latin` says whether to look in the pinyin keys.
 */
export const searchTextOf = (q: string): { readonly text: string; readonly latin: boolean } => {
  const text = nameSearchKey(q.trim())
  const latin = /^[a-z]+$/i.test(text)
  return { text: latin ? text.toLowerCase() : text, latin }
}
