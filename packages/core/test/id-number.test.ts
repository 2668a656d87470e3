import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  ageOn,
  date,
  type IdNumberProblem,
  idCheckCharacter,
  makeIdNumber,
  maskIdNumber,
  parseIdNumber,
  provinceCodes,
  residencePermitRegions,
} from "../src/index.js"
import { assertTotalParser, expectFieldError, success } from "./helpers.js"

/** The example number of GB 11643-1999: Beijing Chaoyang, born 1949-12-31, a woman. */
const SAMPLE = "11010519491231002X"
const MASK = /^\d{3}\*{11}[\dX]{4}$/

const region = fc.oneof(
  fc
    .tuple(fc.constantFrom(...Object.keys(provinceCodes)), fc.integer({ min: 1, max: 9999 }))
    .map(([p, rest]) => `${p}${String(rest).padStart(4, "0")}`),
  fc.constantFrom(...Object.keys(residencePermitRegions)),
)
const birthDate = fc
  .integer({ min: 0, max: date("1900-01-01").until(date("2099-12-31")).days })
  .map((n) => date("1900-01-01").add({ days: n }))
const sequence = fc.integer({ min: 0, max: 999 })
const validId = fc.tuple(region, birthDate, sequence).map(([r, b, s]) => makeIdNumber(r, b, s))

describe("parseIdNumber", () => {
  it("reads region, birth date, sex and sequence", () => {
    const id = success(parseIdNumber(SAMPLE))
    expect({ ...id, birthDate: id.birthDate.toString() }).toEqual({
      value: SAMPLE,
      kind: "resident",
      region: "110105",
      provinceCode: "11",
      regionName: "北京市",
      birthDate: "1949-12-31",
      sex: "female",
      sequence: "002",
    })
  })

  it("accepts a lower-case x and surrounding spaces, and normalizes them", () => {
    expect(success(parseIdNumber("11010519491231002x")).value).toBe(SAMPLE)
    expect(success(parseIdNumber(`  ${SAMPLE}\n`)).value).toBe(SAMPLE)
  })

  // 国办发〔2018〕81号 《港澳台居民居住证申领发放办法》 art. 6: the address codes 810000, 820000, 830000.
  it.each([
    ["810000", "香港"],
    ["820000", "澳门"],
    ["830000", "台湾"],
  ])(
    "accepts a residence-permit number with address code %s (%s) and reads birth date and sex",
    (code, name) => {
      const permit = makeIdNumber(code, date("1988-02-29"), 27)
      const id = success(parseIdNumber(permit))
      expect(id.kind).toBe("residence-permit")
      expect(id.region).toBe(code)
      expect(id.regionName).toBe(name)
      expect(id.birthDate.toString()).toBe("1988-02-29")
      expect(id.sex).toBe("male")
      const woman = success(parseIdNumber(makeIdNumber(code, date("1975-10-01"), 48)))
      expect(woman.sex).toBe("female")
    },
  )

  it("refuses a residence-permit number whose check digit is wrong", () => {
    const permit = makeIdNumber("830000", date("1990-01-01"), 13)
    const wrong = permit.slice(0, 17) + (permit[17] === "0" ? "1" : "0")
    expectFieldError(parseIdNumber(wrong), "idNumber", "check-digit")
  })

  it("refuses every number beginning with 9 saying that it is a foreigner's permanent residence ID", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99999 }), birthDate, sequence, (rest, b, s) => {
        const value = makeIdNumber(`9${String(rest).padStart(5, "0")}`, b, s)
        const r = parseIdNumber(value)
        expect(r._tag).toBe("Failure")
        if (r._tag === "Failure") {
          expect(r.failure.reason).toBe("foreign-permanent-resident")
          expect(r.failure.messageZh).toContain("外国人永久居留身份证")
        }
      }),
      { numRuns: 100 },
    )
  })

  it("normalizes a number typed in full-width digits (and a full-width Ｘ)", () => {
    const fullWidth = SAMPLE.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
    expect(success(parseIdNumber(fullWidth)).value).toBe(SAMPLE)
  })

  it("an odd sequence is a man", () => {
    const man = makeIdNumber("440305", date("1990-07-01"), 13)
    expect(success(parseIdNumber(man)).sex).toBe("male")
  })

  const failures: [string, unknown, IdNumberProblem][] = [
    ["not text", 11010519491231002, "type"],
    ["not text (null)", null, "type"],
    ["17 characters", SAMPLE.slice(0, 17), "length"],
    ["15 characters (the old format)", "110105491231002", "length"],
    ["a letter inside", "1101051949123A002X", "format"],
    ["a letter other than X at the end", "11010519491231002Y", "format"],
    ["a province that does not exist", "100105194912310029", "region"],
    [
      "a foreigner's permanent residence ID (begins with 9)",
      "933000199001010018",
      "foreign-permanent-resident",
    ],
    ["a county below a residence-permit code", "810001199001010018", "region"],
    ["the old Taiwan province code 710000 with 0000", "710000199001010018", "region"],
    ["a province-level code with 0000", "110000194912310029", "region"],
    ["30 February", "110105194902300020", "birth-date"],
    ["born before 1900", "110105189912310020", "birth-date"],
    ["a wrong check character", "110105194912310021", "check-digit"],
  ]
  it.each(failures)("refuses %s with a FieldError naming the reason", (_, input, reason) => {
    expectFieldError(parseIdNumber(input), "idNumber", reason)
  })

  it("refuses a birth date after asOf and names the caller's field", () => {
    const born = makeIdNumber("110105", date("2026-06-01"), 2)
    expect(success(parseIdNumber(born)).birthDate.toString()).toBe("2026-06-01")
    expectFieldError(
      parseIdNumber(born, { field: "applicant.idNumber", asOf: date("2026-05-11") }),
      "applicant.idNumber",
      "birth-date",
    )
    expect(success(parseIdNumber(born, { asOf: date("2026-06-01") })).value).toBe(born)
  })

  it("never throws, whatever it is fed", () => {
    assertTotalParser((x) => parseIdNumber(x))
    assertTotalParser((x) => parseIdNumber(x), fc.stringMatching(/^[0-9Xx ]{16,19}$/))
  })

  it("round-trips: makeIdNumber then parseIdNumber gives back region, birth date and sex", () => {
    fc.assert(
      fc.property(region, birthDate, sequence, (r, b, s) => {
        const value = makeIdNumber(r, b, s)
        const id = success(parseIdNumber(value))
        expect(id.value).toBe(value)
        expect(id.region).toBe(r)
        expect(id.provinceCode).toBe(r.slice(0, 2))
        expect(id.birthDate.equals(b)).toBe(true)
        expect(id.sex).toBe(s % 2 === 1 ? "male" : "female")
        expect(Number(id.sequence)).toBe(s)
        expect(success(parseIdNumber(value.toLowerCase())).value).toBe(value)
      }),
      { numRuns: 300 },
    )
  })

  it("any single-character change of a valid number is refused", () => {
    const replacement = fc.constantFrom(..."0123456789XxAZ -".split(""))
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), replacement, (value, at, ch) => {
        // X → x is normalization, not a change.
        fc.pre(value[at] !== ch && !(value[at] === "X" && ch === "x"))
        const changed = value.slice(0, at) + ch + value.slice(at + 1)
        const r = parseIdNumber(changed)
        expect(r._tag).toBe("Failure")
        if (r._tag === "Failure") {
          expect([
            "length",
            "format",
            "region",
            "birth-date",
            "check-digit",
            "foreign-permanent-resident",
          ]).toContain(r.failure.reason)
          expect(r.failure.field).toBe("idNumber")
        }
      }),
      { numRuns: 500 },
    )
  })
})

describe("idCheckCharacter", () => {
  it("computes the ISO 7064 MOD 11-2 character, X for 10", () => {
    expect(idCheckCharacter("11010519491231002")).toBe("X")
    expect(idCheckCharacter("44030519900701013")).toBe(makeIdNumber("440305", date("1990-07-01"), 13).at(-1))
  })
})

describe("makeIdNumber", () => {
  it("builds the sample number from its parts", () => {
    expect(makeIdNumber("110105", date("1949-12-31"), 2)).toBe(SAMPLE)
  })

  it("refuses a region that is not 6 digits and a sequence outside 0–999", () => {
    expect(() => makeIdNumber("11010", date("1990-01-01"), 1)).toThrow(RangeError)
    expect(() => makeIdNumber("110105", date("1990-01-01"), 1000)).toThrow(RangeError)
    expect(() => makeIdNumber("110105", date("1990-01-01"), -1)).toThrow(RangeError)
  })
})

describe("maskIdNumber", () => {
  it("keeps the first 3 and the last 4 characters", () => {
    expect(maskIdNumber(SAMPLE)).toBe("110***********002X")
    expect(maskIdNumber(SAMPLE)).toMatch(MASK)
  })

  it("hides a value too short to mask partly", () => {
    expect(maskIdNumber("1234567")).toBe("*******")
    expect(maskIdNumber("")).toBe("")
  })

  it("every valid number masks to ddd + 11 stars + 4 characters, hiding the birth date", () => {
    fc.assert(
      fc.property(validId, (value) => {
        const masked = maskIdNumber(value)
        expect(masked).toMatch(MASK)
        expect(masked.slice(0, 3) + masked.slice(-4)).toBe(value.slice(0, 3) + value.slice(-4))
        expect(masked).not.toContain(value.slice(6, 14))
      }),
      { numRuns: 200 },
    )
  })
})

describe("ageOn", () => {
  it("one turns 18 on the 18th birthday, not the day before", () => {
    expect(ageOn(date("2008-05-11"), date("2026-05-10"))).toBe(17)
    expect(ageOn(date("2008-05-11"), date("2026-05-11"))).toBe(18)
  })

  it("someone born on 29 February completes a year on 1 March in common years", () => {
    const born = date("2008-02-29")
    expect(ageOn(born, date("2026-02-28"))).toBe(17)
    expect(ageOn(born, date("2026-03-01"))).toBe(18)
    expect(ageOn(born, date("2025-02-28"))).toBe(16)
    expect(ageOn(born, date("2025-03-01"))).toBe(17)
  })

  it("someone born on 29 February completes a year on 29 February in leap years", () => {
    const born = date("2000-02-29")
    expect(ageOn(born, date("2024-02-28"))).toBe(23)
    expect(ageOn(born, date("2024-02-29"))).toBe(24)
  })

  it("is k on the k-th anniversary and k-1 the day before (births not on 29 February)", () => {
    fc.assert(
      fc.property(
        birthDate.filter((b) => !(b.month === 2 && b.day === 29)),
        fc.integer({ min: 1, max: 100 }),
        (b, k) => {
          const anniversary = b.add({ years: k })
          expect(ageOn(b, anniversary)).toBe(k)
          expect(ageOn(b, anniversary.subtract({ days: 1 }))).toBe(k - 1)
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe("provinceCodes", () => {
  it("maps the first two digits to the province", () => {
    expect(provinceCodes["11"]).toBe("北京市")
    expect(provinceCodes["44"]).toBe("广东省")
    expect(provinceCodes["10"]).toBeUndefined()
  })
})
