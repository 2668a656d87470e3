/** An RFC 9457 problem document, as the API sends it with `application/problem+json`. */
export interface ProblemFieldError {
  readonly field: string
  readonly reason: string
  readonly message: string
}

export interface Problem {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail?: string | undefined
  readonly errors?: readonly ProblemFieldError[] | undefined
  /** Members beyond the standard ones (RFC 9457 extensions), e.g. the rule `verdicts` of a 422. */
  readonly extensions?: Readonly<Record<string, unknown>> | undefined
}

/** Thrown by the API client for every non-2xx answer. */
export class ProblemError extends Error {
  readonly status: number
  readonly problem: Problem
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title)
    this.name = "ProblemError"
    this.status = problem.status
    this.problem = problem
  }
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null

/**
 * Reads whatever the server answered into a Problem. Proxies and crashed servers answer with HTML or
 * nothing at all, so anything that is not a problem document becomes one built from the status.
 */
export const toProblem = (status: number, statusText: string, body: unknown): Problem => {
  if (!isRecord(body)) return { type: "about:blank", title: statusText || `HTTP ${status}`, status }
  const errors = Array.isArray(body.errors)
    ? body.errors.flatMap((e): ProblemFieldError[] =>
        isRecord(e) && typeof e.field === "string"
          ? [
              {
                field: e.field,
                reason: typeof e.reason === "string" ? e.reason : "invalid",
                message: typeof e.message === "string" ? e.message : String(e.reason ?? ""),
              },
            ]
          : [],
      )
    : undefined
  const standard = new Set(["type", "title", "status", "detail", "instance", "errors"])
  const extra = Object.entries(body).filter(([k]) => !standard.has(k))
  return {
    ...(extra.length > 0 ? { extensions: Object.fromEntries(extra) } : {}),
    type: typeof body.type === "string" ? body.type : "about:blank",
    title: typeof body.title === "string" ? body.title : statusText || `HTTP ${status}`,
    status: typeof body.status === "number" ? body.status : status,
    detail: typeof body.detail === "string" ? body.detail : undefined,
    errors,
  }
}

/** The shape antd's `form.setFields` takes. */
export interface FormFieldError<F extends string> {
  readonly name: F
  readonly errors: string[]
}

/**
 * Maps a problem's field errors onto form items. A nested `field` (`address.city`, `items.0.name`)
 * lands on its top-level item; errors for fields the form does not have are returned separately
 * (with the problem's `detail` when there are no field errors at all) so the page can show them
 * above the form instead of losing them.
 */
export const problemToFormErrors = <F extends string>(
  problem: Problem,
  formFields: readonly F[],
): { readonly fields: FormFieldError<F>[]; readonly other: string[] } => {
  const known = new Set<string>(formFields)
  const isField = (name: string): name is F => known.has(name)
  const byField = new Map<F, string[]>()
  const other: string[] = []
  for (const e of problem.errors ?? []) {
    const top = e.field.split(/[.[]/)[0] ?? e.field
    if (isField(top)) byField.set(top, [...(byField.get(top) ?? []), e.message])
    else other.push(e.field ? `${e.field}: ${e.message}` : e.message)
  }
  if (byField.size === 0 && other.length === 0 && problem.detail) other.push(problem.detail)
  return { fields: [...byField].map(([name, errors]) => ({ name, errors })), other }
}
