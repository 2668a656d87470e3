import { pinyin } from "pinyin-pro"

export interface NamePinyin {
  /** 张三 → `zhangsan`: no tones, lower case, no spaces. */
  readonly full: string
  /** 张三 → `zs`. */
  readonly initials: string
}

const clean = (parts: readonly string[]) =>
  parts
    .join("")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]/g, "")

/**
 * The search keys stored beside a name. The first character is read as a surname (单 → shan, 曾 →
 * zeng), so the keys match what a user types.
 */
export const pinyinOf = (name: string): NamePinyin => {
  const trimmed = name.trim()
  const full = pinyin(trimmed, { toneType: "none", type: "array", surname: "head", v: true })
  const initials = pinyin(trimmed, { pattern: "first", toneType: "none", type: "array", surname: "head" })
  return { full: clean(full), initials: clean(initials) }
}
