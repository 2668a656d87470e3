import { Schema } from "effect"

/** The media type of an .xlsx workbook (ECMA-376). */
export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

const mediaTypes = new WeakMap<Schema.Top, string>()

/**
 * A route response that is a file, not JSON: the handler returns the `Response` it built (with its
 * content-type and Content-Disposition), and OpenAPI documents the body as binary of `mediaType`
 * (`{ type: "string", format: "binary" }`) instead of a JSON schema.
 */
export const fileResponse = (
  mediaType: string,
  description: string,
): Schema.instanceOf<globalThis.Response> => {
  const schema = Schema.instanceOf(Response).annotate({ description })
  mediaTypes.set(schema, mediaType)
  return schema
}

/** The media type a response schema made by `fileResponse` declares; undefined for a JSON response. */
export const fileMediaTypeOf = (schema: Schema.Top): string | undefined => mediaTypes.get(schema)
