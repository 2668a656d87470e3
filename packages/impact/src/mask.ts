/**
 * A name as a report shows it: the surname's character and one `*` (`张三丰` → `张*`), so a report can be
 * shared with people who may not see the register (个人信息保护法 art. 51: minimum disclosure).
 */
export const maskName = (name: string): string => {
  const first = Array.from(name.trim())[0]
  return first === undefined ? "*" : `${first}*`
}

/**
 * An ID number as a report shows it: the 6-digit region and the last 4 characters, the birth date and
 * sequence hidden (`110101********123X`); anything shorter than 10 characters is hidden entirely.
 */
export const maskIdNumber = (id: string): string => {
  const s = id.trim()
  return s.length < 10 ? "*".repeat(s.length) : `${s.slice(0, 6)}${"*".repeat(s.length - 10)}${s.slice(-4)}`
}
