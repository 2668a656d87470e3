import { Result } from "effect"
import { Temporal } from "temporal-polyfill"
import { isAfter, type PlainDate } from "./date.js"
import { type FieldError, fieldError } from "./errors.js"

/**
 * The resident identity number (公民身份号码) of GB 11643-1999: 6 digits of region (GB/T 2260),
 * 8 of birth date, 3 of sequence (odd for men, even for women) and a check character (ISO 7064 MOD 11-2).
 *
 * The residence permit for Hong Kong, Macao and Taiwan residents (港澳台居民居住证, State Council General
 * Office, 国办发〔2018〕81号, in force 2018-09-01) carries a number of the same shape whose address code is
 * exactly 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan): `kind` is then `"residence-permit"`.
 */
export interface IdNumber {
  readonly value: string
  /** `"resident"`: a 居民身份证 number; `"residence-permit"`: a 港澳台居民居住证 number. */
  readonly kind: "resident" | "residence-permit"
  readonly region: string
  readonly provinceCode: string
  /** The province, or for a residence permit the region the holder comes from (`台湾`). */
  readonly regionName: string
  readonly birthDate: PlainDate
  readonly sex: "male" | "female"
  readonly sequence: string
}

/** Why a number was refused; each is also the `reason` of the `FieldError`. */
export type IdNumberProblem =
  | "type"
  | "length"
  | "format"
  | "region"
  | "birth-date"
  | "check-digit"
  | "foreign-permanent-resident"

/**
 * Province-level codes of GB/T 2260 (first two digits), plus 71 (Taiwan). The whole county table
 * changes yearly, so a region is checked at province level and the remaining four digits must not be
 * all zero. The residence-permit codes are in `residencePermitRegions`.
 */
export const provinceCodes: Readonly<Record<string, string>> = {
  "11": "北京市",
  "12": "天津市",
  "13": "河北省",
  "14": "山西省",
  "15": "内蒙古自治区",
  "21": "辽宁省",
  "22": "吉林省",
  "23": "黑龙江省",
  "31": "上海市",
  "32": "江苏省",
  "33": "浙江省",
  "34": "安徽省",
  "35": "福建省",
  "36": "江西省",
  "37": "山东省",
  "41": "河南省",
  "42": "湖北省",
  "43": "湖南省",
  "44": "广东省",
  "45": "广西壮族自治区",
  "46": "海南省",
  "50": "重庆市",
  "51": "四川省",
  "52": "贵州省",
  "53": "云南省",
  "54": "西藏自治区",
  "61": "陕西省",
  "62": "甘肃省",
  "63": "青海省",
  "64": "宁夏回族自治区",
  "65": "新疆维吾尔自治区",
  "71": "台湾省",
}

/**
 * The address codes of the residence permits for Hong Kong, Macao and Taiwan residents (国办发〔2018〕81号
 * 《港澳台居民居住证申领发放办法》 art. 6): exactly these three, never a county below them.
 */
export const residencePermitRegions: Readonly<Record<string, string>> = {
  "810000": "香港",
  "820000": "澳门",
  "830000": "台湾",
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const CHECK = "10X98765432"

/** The check character for the first 17 digits. */
export const idCheckCharacter = (first17: string): string => {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0)
  return CHECK[sum % 11] ?? "?"
}

const problem = (field: string, reason: IdNumberProblem, en: string, zh: string) =>
  Result.fail(fieldError(field, reason, en, zh))

/**
 * Parses and validates an 18-character number. A lower-case `x` is accepted and normalized. With
 * `asOf`, a birth date after it is refused too (the function itself reads no clock).
 */
export const parseIdNumber = (
  input: unknown,
  options: { readonly field?: string; readonly asOf?: PlainDate } = {},
): Result.Result<IdNumber, FieldError> => {
  const field = options.field ?? "idNumber"
  if (typeof input !== "string")
    return problem(field, "type", "the ID number must be text", "身份证号码应为文本")
  // Full-width digits and Ｘ (typed with a Chinese input method) are the same characters (NFKC).
  const value = input.normalize("NFKC").trim().toUpperCase()
  if (value.length !== 18) {
    return problem(
      field,
      "length",
      `the ID number must have 18 characters, it has ${value.length}`,
      `身份证号码应为18位，现为${value.length}位`,
    )
  }
  if (!/^\d{17}[\dX]$/.test(value)) {
    return problem(
      field,
      "format",
      "the ID number must be 17 digits followed by a digit or X",
      "身份证号码应为17位数字加1位数字或X",
    )
  }
  const provinceCode = value.slice(0, 2)
  if (value[0] === "9") {
    // 外国人永久居留身份证 (2023 edition, 国家移民管理局公告 2023-09): 18 characters beginning with 9.
    // Only Chinese citizens can join the Party (党章 art. 1), so such a number never belongs to a member.
    return problem(
      field,
      "foreign-permanent-resident",
      "a number beginning with 9 is a foreigner's permanent residence ID; only Chinese citizens can be party members (Party Constitution art. 1)",
      "以9开头的号码是外国人永久居留身份证号码；依照党章第一条，只有中国公民才能成为党员",
    )
  }
  const permitRegion = residencePermitRegions[value.slice(0, 6)]
  if (
    permitRegion === undefined &&
    (provinceCodes[provinceCode] === undefined || value.slice(2, 6) === "0000")
  ) {
    return problem(
      field,
      "region",
      `the region code ${value.slice(0, 6)} is not an administrative division`,
      `地址码${value.slice(0, 6)}不是有效的行政区划代码`,
    )
  }
  let birthDate: PlainDate
  try {
    birthDate = Temporal.PlainDate.from(
      {
        year: Number(value.slice(6, 10)),
        month: Number(value.slice(10, 12)),
        day: Number(value.slice(12, 14)),
      },
      { overflow: "reject" },
    )
  } catch {
    return problem(
      field,
      "birth-date",
      `the birth date ${value.slice(6, 14)} is not a real date`,
      `出生日期码${value.slice(6, 14)}不是有效日期`,
    )
  }
  if (birthDate.year < 1900 || (options.asOf !== undefined && isAfter(birthDate, options.asOf))) {
    return problem(
      field,
      "birth-date",
      `the birth date ${value.slice(6, 14)} is out of range`,
      `出生日期码${value.slice(6, 14)}超出合理范围`,
    )
  }
  const expected = idCheckCharacter(value.slice(0, 17))
  if (value[17] !== expected) {
    return problem(
      field,
      "check-digit",
      "the check character does not match: the number is mistyped",
      "校验码不符，号码可能输错",
    )
  }
  const sequence = value.slice(14, 17)
  return Result.succeed({
    value,
    kind: permitRegion === undefined ? "resident" : "residence-permit",
    region: value.slice(0, 6),
    provinceCode,
    regionName: permitRegion ?? provinceCodes[provinceCode] ?? provinceCode,
    birthDate,
    sex: Number(value[16]) % 2 === 1 ? "male" : "female",
    sequence,
  })
}

/** Builds a valid number from its parts (used by generators and tests). */
export const makeIdNumber = (region: string, birthDate: PlainDate, sequence: number): string => {
  if (!/^\d{6}$/.test(region)) throw new RangeError("region must be 6 digits")
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999)
    throw new RangeError("sequence must be 0–999")
  const ymd = `${String(birthDate.year).padStart(4, "0")}${String(birthDate.month).padStart(2, "0")}${String(birthDate.day).padStart(2, "0")}`
  const first17 = `${region}${ymd}${String(sequence).padStart(3, "0")}`
  return first17 + idCheckCharacter(first17)
}

/**
 * Masks a number for display: the first 3 and last 4 characters stay (`110***********123X`). The birth
 * date is hidden because it is shown, where needed, as its own field (GB/T 35273 §7.2).
 */
export const maskIdNumber = (value: string): string =>
  value.length <= 7
    ? "*".repeat(value.length)
    : `${value.slice(0, 3)}${"*".repeat(value.length - 7)}${value.slice(-4)}`

/** Age in whole years on `on` (the birthday counts: one turns 18 on the 18th birthday). */
export const ageOn = (birthDate: PlainDate, on: PlainDate): number => {
  // Someone born on 29 February completes a year on 1 March in common years: 28 February would be a
  // day short, and 'full years' (年满) must be complete.
  const years = on.year - birthDate.year
  const clamped = birthDate.with({ year: on.year }, { overflow: "constrain" })
  const birthday = clamped.day === birthDate.day ? clamped : clamped.add({ days: 1 })
  return Temporal.PlainDate.compare(on, birthday) >= 0 ? years : years - 1
}
