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

/** `attachment;` with an ASCII fallback name and the real (Chinese) one per RFC 5987/6266. */
export const attachmentDisposition = (name: string, ascii: string): string =>
  `attachment; filename="${ascii.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`
