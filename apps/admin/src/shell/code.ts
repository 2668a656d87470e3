import { type ComponentType, lazy } from "react"
import type { Load } from "./area"

type Loaded = { default: ComponentType<object> }

/** Each `Load`'s request while in flight or answered, what it gave, and its `React.lazy` (`componentOf`). */
const started = new Map<Load, Promise<Loaded>>()
const loaded = new Map<Load, Loaded>()
const lazies = new Map<Load, ComponentType<object>>()

/**
 * Starts loading the code of a page or panel, or finds it started: one request per `Load` for the life of the
 * page. A failure is not kept here (a later start asks again, though a browser answers a module that failed
 * from its own record of the failure until the page is reloaded); the component that asked for it keeps it
 * (`componentOf`'s `React.lazy`), so its boundary shows the failure instead of asking on every render.
 */
export const loadOnce = (load: Load): Promise<Loaded> => {
  let p = started.get(load)
  if (p === undefined) {
    p = load().then(
      (m) => {
        loaded.set(load, m)
        return m
      },
      (e: unknown) => {
        started.delete(load)
        throw e
      },
    )
    started.set(load, p)
  }
  return p
}

/**
 * The component of `load` to render: the loaded one itself when its code has arrived (started early by
 * `loadOnce`), so it draws in the same commit as its parent; otherwise a `React.lazy` of it, which suspends
 * until the code arrives. Rendering the code directly matters beyond the one request it saves: React holds back
 * a suspended boundary's content for up to 300 ms after its fallback appeared (to show nearby content
 * together), so a component whose code is already there but is still wrapped in `lazy` shows late.
 */
export const componentOf = (load: Load): ComponentType<object> => {
  const m = loaded.get(load)
  if (m !== undefined) return m.default
  let C = lazies.get(load)
  if (C === undefined) {
    C = lazy(() => loadOnce(load))
    lazies.set(load, C)
  }
  return C
}
