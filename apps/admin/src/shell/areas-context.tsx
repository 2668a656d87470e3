import { createContext, type ReactNode, useContext } from "react"
import type { Area } from "./area"

const AreasContext = createContext<readonly Area[] | null>(null)

/**
 * Hands the registered areas (`src/areas.ts`) to the shell. The shell never imports them: the areas'
 * pages import the shell's frame, so the registry comes in from `main.tsx` instead.
 */
export const AreasProvider = ({
  areas,
  children,
}: {
  readonly areas: readonly Area[]
  readonly children: ReactNode
}) => <AreasContext.Provider value={areas}>{children}</AreasContext.Provider>

export const useAreas = (): readonly Area[] => {
  const areas = useContext(AreasContext)
  if (!areas) throw new Error("useAreas outside AreasProvider")
  return areas
}
