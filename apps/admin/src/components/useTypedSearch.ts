import { useEffect, useState } from "react"

/**
 * A search box's text as a picker asks the server for it: trimmed, 200 ms after the last key (at once when cleared),
 * so a name typed is one request, not one per key — each search is an audited read. Returns the box's text as typed
 * (`typed`, for a controlled box), the text to ask for (`asked`, "" for none) and the box's `onSearch`.
 */
export const useTypedSearch = (): {
  readonly typed: string
  readonly asked: string
  readonly onSearch: (typed: string) => void
} => {
  const [typed, setTyped] = useState("")
  const [asked, setAsked] = useState("")
  useEffect(() => {
    const q = typed.trim()
    const timer = setTimeout(() => setAsked(q), q === "" ? 0 : 200)
    return () => clearTimeout(timer)
  }, [typed])
  return { typed, asked, onSearch: setTyped }
}
