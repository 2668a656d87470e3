import { theme } from "antd"
import { useMemo, useRef, useSyncExternalStore } from "react"

/** Which of antd's breakpoints the window is at or above (`xs`: narrower than `sm`), as `Grid.useBreakpoint`. */
export type Screens = Readonly<Partial<Record<"xs" | "sm" | "md" | "lg" | "xl" | "xxl", boolean>>>

/**
 * antd's breakpoints (the theme's `screenSM`… `screenXXL`, in CSS px) read from the window's media queries, right
 * from the first render and again whenever one of them flips. `Grid.useBreakpoint` answers `{}` until its layout
 * effect has subscribed, so its first render draws the phone layout (a folded side menu) on every screen, and a
 * chart started in that render measures a container about to shrink: on the 1440 px dashboard the stage chart's
 * canvas stuck out 58 px past the window until ECharts resized it.
 */
export const useScreens = (): Screens => {
  const { token } = theme.useToken()
  const queries = useMemo(
    () =>
      [
        ["xs", `(max-width: ${token.screenXSMax}px)`],
        ["sm", `(min-width: ${token.screenSM}px)`],
        ["md", `(min-width: ${token.screenMD}px)`],
        ["lg", `(min-width: ${token.screenLG}px)`],
        ["xl", `(min-width: ${token.screenXL}px)`],
        ["xxl", `(min-width: ${token.screenXXL}px)`],
      ] as const,
    [token.screenXSMax, token.screenSM, token.screenMD, token.screenLG, token.screenXL, token.screenXXL],
  )
  const last = useRef<{ key: string; screens: Screens }>({ key: "", screens: {} })
  const subscribe = useMemo(
    () => (onChange: () => void) => {
      const lists = queries.map(([, q]) => window.matchMedia(q))
      for (const l of lists) l.addEventListener("change", onChange)
      return () => {
        for (const l of lists) l.removeEventListener("change", onChange)
      }
    },
    [queries],
  )
  const snapshot = () => {
    const matches = queries.map(([, q]) => window.matchMedia(q).matches)
    const key = matches.map((m) => (m ? "1" : "0")).join("")
    // The same object while nothing flips: React compares snapshots by identity.
    if (key !== last.current.key)
      last.current = { key, screens: Object.fromEntries(queries.map(([name], i) => [name, matches[i]])) }
    return last.current.screens
  }
  return useSyncExternalStore(subscribe, snapshot, () => ({}))
}
