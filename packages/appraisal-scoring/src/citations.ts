import { type Citation, cite, documents } from "@xianfeng/core"

/**
 * The articles this area cites, one helper per document, so an edition is written once. Add the area's
 * regulations here (`documents` in @xianfeng/core lists them; add a new document there first).
 */

/** A district's own rule: a fact the reference marks as local practice [P] or unsure [?]. */
export const local = (article = 1): Citation => cite(documents.districtPolicy, "", article)
