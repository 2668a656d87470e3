/**
 * The unique constraint a failed statement ran into, when it failed for that reason: SQLSTATE 23505
 * (`unique_violation`) on PostgreSQL and PGlite alike, looked for on the error and on the errors it wraps
 * (drizzle wraps the driver's error as its `cause`). Two simultaneous inserts of the same value both pass a
 * "is it taken?" read; the constraint is what refuses the second, and this names which constraint did.
 *
 * @returns the constraint's name (e.g. `users_username_key`), or undefined for any other error.
 */
export const uniqueViolationOf = (error: unknown): string | undefined => {
  for (let e = error, depth = 0; e !== null && typeof e === "object" && depth < 8; depth++) {
    const { code, constraint, cause } = e as { code?: unknown; constraint?: unknown; cause?: unknown }
    if (code === "23505") return typeof constraint === "string" ? constraint : ""
    e = cause
  }
  return undefined
}
