import { useMutation } from "@tanstack/react-query"
import type { FormInstance } from "antd"
import { useState } from "react"
import { type Problem, ProblemError, problemToFormErrors } from "../api/problem"

/** What a form dialog shows while it saves: the API's answer, and whether the record went stale. */
export interface ProblemFormState {
  /** Validates, sends and handles the answer; bound to the dialog's save button. */
  readonly submit: () => Promise<void>
  readonly pending: boolean
  /** Problems that name no field of the form (or the problem's `detail`), shown above the form. */
  readonly error: string | undefined
  /** The API answered 409 to a version-checked save: someone else changed the record meanwhile. */
  readonly stale: boolean
  /** Closes the dialog, forgetting the error and the stale state. */
  readonly close: () => void
}

export interface ProblemFormOptions<V, R> {
  readonly form: FormInstance<V>
  /** The form items the API's field errors may land on; a nested `address.city` lands on `address`. */
  readonly fields: readonly string[]
  /** Sends the validated values to the API. */
  readonly send: (values: V) => Promise<R>
  /** After a success: update the caches and say so; the dialog closes after it. */
  readonly onSaved: (result: R) => Promise<void> | void
  /** Whether the values change nothing, so there is nothing to send; then `onUnchanged` runs and the dialog closes. */
  readonly unchanged?: (values: V) => boolean
  readonly onUnchanged?: () => void
  /** Hides the dialog (on cancel, after a save, after a refresh). */
  readonly onClose: () => void
  /**
   * What a 409 means for this form. `"stale"`: the record's version changed since it was read, so
   * the dialog offers a refresh instead of overwriting. A function: the form handles it (a taken id
   * shown under the id item). Absent: a 409 is shown like any other problem.
   */
  readonly onConflict?: "stale" | ((problem: Problem) => void)
  /** Moves an API field error to another form item, e.g. a placement error onto the item that fixes it. */
  readonly fieldFor?: (field: string) => string
}

/** What a dialog does with a refused save. */
export type ProblemOutcome =
  | { readonly kind: "stale" }
  | { readonly kind: "conflict" }
  | {
      readonly kind: "form"
      /** Errors for the form items (`form.setFields`). */
      readonly fields: readonly { readonly name: string; readonly errors: string[] }[]
      /** The rest, joined, for above the form; `undefined` when everything found its item. */
      readonly error: string | undefined
    }

/** Decides where a problem goes: the stale alert, the form's own 409 handling, or the form items and above. */
export const problemOutcome = (
  e: ProblemError,
  fields: readonly string[],
  onConflict: ProblemFormOptions<unknown, unknown>["onConflict"],
  fieldFor?: (field: string) => string,
): ProblemOutcome => {
  if (e.status === 409 && onConflict !== undefined)
    return { kind: onConflict === "stale" ? "stale" : "conflict" }
  const mapped = problemToFormErrors(e.problem, fields)
  return {
    kind: "form",
    fields: mapped.fields.map((f) => ({ name: fieldFor?.(f.name) ?? f.name, errors: f.errors })),
    error: mapped.other.join("；") || undefined,
  }
}

/**
 * Submit → problem+json (RFC 9457) field errors onto the antd form → 409 handling, as every form
 * dialog of the admin does it. Errors other than a `ProblemError` are thrown on: they are bugs.
 */
export const useProblemForm = <V, R>(options: ProblemFormOptions<V, R>): ProblemFormState => {
  const { form, fields, send, onSaved, unchanged, onUnchanged, onClose, onConflict, fieldFor } = options
  const [error, setError] = useState<string>()
  const [stale, setStale] = useState(false)
  const mutation = useMutation({ mutationFn: send })
  const close = () => {
    setError(undefined)
    setStale(false)
    onClose()
  }

  const submit = async () => {
    // A rejected validation is already shown on its form item.
    const values = await form.validateFields().catch(() => undefined)
    if (values === undefined) return
    if (unchanged?.(values)) {
      onUnchanged?.()
      close()
      return
    }
    setError(undefined)
    try {
      await onSaved(await mutation.mutateAsync(values))
      close()
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e
      const outcome = problemOutcome(e, fields, onConflict, fieldFor)
      if (outcome.kind === "stale") setStale(true)
      else if (outcome.kind === "conflict" && typeof onConflict === "function") onConflict(e.problem)
      else if (outcome.kind === "form") {
        // The names are the form's own (`fields`), which the generic `V` cannot show the compiler.
        ;(form as FormInstance).setFields([...outcome.fields])
        setError(outcome.error)
      }
    }
  }

  return {
    submit,
    pending: mutation.isPending,
    error,
    stale,
    close,
  }
}
