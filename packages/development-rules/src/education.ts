import type { Education } from "./history.js"

/**
 * The national 学历 code (GB/T 4658-2006 学历代码, the code member records carry) → the education levels the
 * composition analysis counts (DR 11 yearly analysis; DR 37 counts the highly educated, 高知识群体, from a
 * bachelor's degree up). `1x` postgraduate (研究生); 21/23/24/2A/2B bachelor (大学本科); 22/2C/2D and
 * 41/44/47 vocational (大专及中专); 61/71 secondary (高中及初中); 81 primary (小学). Any other code, or none,
 * is undefined: the analysis files such a person under "not given".
 */
export const educationOf = (code: string): Education | undefined => {
  if (/^1/.test(code)) return "postgraduate"
  if (bachelor.has(code)) return "bachelor"
  if (vocational.has(code)) return "vocational"
  if (secondary.has(code)) return "secondary"
  if (code === "81") return "primary"
  return undefined
}

const bachelor: ReadonlySet<string> = new Set(["21", "23", "24", "2A", "2B"])
const vocational: ReadonlySet<string> = new Set(["22", "2C", "2D", "41", "44", "47"])
const secondary: ReadonlySet<string> = new Set(["61", "71"])
