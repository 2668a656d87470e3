import { ProblemError } from "../../api/problem"

/**
 * Where a refused self-assessment's message goes: a 422 naming `grade` or `text` on that field, anything else
 * (the cycle closed meanwhile, the network) above the save button. Never swallowed.
 */
export const selfProblem = (e: unknown): { field: "grade" | "text" | undefined; message: string } => {
  if (!(e instanceof ProblemError))
    return { field: undefined, message: e instanceof Error ? e.message : String(e) }
  const named = (e.problem.errors ?? []).find((x) => x.field === "grade" || x.field === "text")
  if (named !== undefined) return { field: named.field as "grade" | "text", message: named.message }
  return { field: undefined, message: e.problem.detail ?? e.problem.title ?? String(e) }
}
