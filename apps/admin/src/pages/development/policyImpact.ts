/** The preview form's fields. */
export interface Fields {
  readonly trainingMinDays?: number | null
  readonly trainingMinHours?: number | null
  readonly other?: string
}

/** The overlay the form describes: the training keys that are filled in, then any other keys as JSON. */
export const overlayOf = (f: Fields): Record<string, unknown> | undefined => {
  let other: unknown = {}
  if (f.other?.trim()) {
    try {
      other = JSON.parse(f.other)
    } catch {
      return undefined
    }
    if (typeof other !== "object" || other === null || Array.isArray(other)) return undefined
  }
  return {
    ...(other as Record<string, unknown>),
    ...(f.trainingMinDays == null ? {} : { trainingMinDays: f.trainingMinDays }),
    ...(f.trainingMinHours == null ? {} : { trainingMinHours: f.trainingMinHours }),
  }
}
