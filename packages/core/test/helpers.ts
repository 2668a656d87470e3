import { Result } from "effect"
import fc from "fast-check"
import { expect } from "vitest"
import { FieldError } from "../src/index.js"

/** The success value, or a test failure that shows the error. */
export const success = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(`expected a success, got ${JSON.stringify(r.failure)}`)
  return r.success
}

/** The failure value, or a test failure that shows what was accepted. */
export const failure = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error(`expected a failure, got ${String(r.success)}`)
  return r.failure
}

/** Asserts a typed FieldError naming `field` and `reason`, with a sentence in each locale. */
export const expectFieldError = <A>(
  r: Result.Result<A, FieldError>,
  field: string,
  reason: string,
): FieldError => {
  const e = failure(r)
  expect(e).toBeInstanceOf(FieldError)
  expect(e._tag).toBe("FieldError")
  expect({ field: e.field, reason: e.reason }).toEqual({ field, reason })
  expect(e.message.length).toBeGreaterThan(0)
  expect(e.messageZh.length).toBeGreaterThan(0)
  return e
}

/** Untrusted input of every shape, including keys that collide with Object.prototype. */
export const anyInput: fc.Arbitrary<unknown> = fc.anything({
  key: fc.oneof(
    fc.string(),
    fc.constantFrom("__proto__", "toString", "constructor", "valueOf", "years", "months", "days"),
  ),
  maxDepth: 3,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withObjectString: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
})

/**
 * A parser is total: whatever it is fed, no exception escapes, and it answers with a success or a FieldError
 * whose field, reason and both sentences are non-empty.
 */
export const assertTotalParser = (
  parse: (input: unknown) => Result.Result<unknown, FieldError>,
  input: fc.Arbitrary<unknown> = anyInput,
): void => {
  fc.assert(
    fc.property(input, (value) => {
      const r = parse(value)
      if (Result.isSuccess(r)) return
      const e = r.failure
      expect(e).toBeInstanceOf(FieldError)
      expect(e.field).not.toBe("")
      expect(e.reason).not.toBe("")
      expect(e.message).not.toBe("")
      expect(e.messageZh).not.toBe("")
    }),
    { numRuns: 300 },
  )
}
