import { type FieldError, fieldError } from "@xianfeng/core"
import {
  createForumPost,
  type ForumPostRow,
  forumAttachment,
  forumThread,
  forumThreads,
  moderateForumPost,
  type NewAttachment,
} from "@xianfeng/db"

import { audit } from "../../audit.js"
import type { Actor } from "../../auth/actor.js"
import { fileResponse } from "../../http/file-response.js"
import { route } from "../../http/route.js"
import {
  type AttachmentBody,
  FeatureBody,
  ForumQuery,
  HideBody,
  PostParams,
  PostView,
  ReplyBody,
  ThreadBody,
  ThreadPage,
  ThreadView,
} from "./contract.js"
import { educationPermissions } from "./permissions.js"
import { contentDisposition, unprocessable } from "./shared.js"

/** Attachments are at most 2 MiB each (the table's CHECK says the same), five a post. */
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024

const isModerator = (actor: Actor) =>
  (educationPermissions.moderate as readonly string[]).includes(actor.role)

const view = (p: ForumPostRow) => ({
  id: p.id,
  threadId: p.threadId,
  orgName: p.orgName,
  authorName: p.authorName,
  title: p.title,
  body: p.body,
  featured: p.featured,
  hidden: p.hiddenAt !== null,
  hiddenReason: p.hiddenReason,
  createdAt: p.createdAt.toISOString(),
  replies: p.replies,
  attachments: [...p.attachments],
})

const signatures: Readonly<Record<string, readonly number[]>> = {
  "image/png": [0x89, 0x50, 0x4e, 0x47],
  "image/jpeg": [0xff, 0xd8, 0xff],
  "image/gif": [0x47, 0x49, 0x46, 0x38],
  "application/pdf": [0x25, 0x50, 0x44, 0x46],
}

/** Decodes and checks attachments: base64, 1 byte … 2 MiB, and images/PDFs that are what they say. */
const filesOf = (list: readonly (typeof AttachmentBody.Type)[] | undefined): readonly NewAttachment[] => {
  const errors: FieldError[] = []
  const files = (list ?? []).map((a, i) => {
    const field = `attachments[${i}].content`
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(a.content))
      errors.push(fieldError(field, "base64", "the content must be base64", "附件内容应为base64编码"))
    const data = new Uint8Array(Buffer.from(a.content, "base64"))
    if (data.byteLength === 0 || data.byteLength > MAX_ATTACHMENT_BYTES)
      errors.push(
        fieldError(field, "size", "an attachment is 1 byte to 2 MiB", "附件大小应在2MB以内且不为空"),
      )
    const sig = signatures[a.mime]
    if (sig !== undefined && !sig.every((b, j) => data[j] === b))
      errors.push(
        fieldError(
          `attachments[${i}].mime`,
          "mismatch",
          "the file is not of the type it claims",
          "文件内容与类型不符",
        ),
      )
    return { filename: a.filename, mime: a.mime, data }
  })
  if (errors.length > 0) throw unprocessable(errors)
  return files
}

export const listThreads = route({
  method: "get",
  path: "/api/education/forum/threads",
  summary:
    "书记话党建: the forum's threads, district-wide, newest first; `q` finds threads by Chinese words in them or " +
    "their replies; hidden posts only for moderators",
  tag: "education",
  auth: "user",
  query: ForumQuery,
  response: ThreadPage,
  handler: async ({ actor, query, deps }) => {
    const page = query.page ?? 1
    const pageSize = query.pageSize ?? 20
    const moderator = isModerator(actor)
    const { items, total } = await forumThreads(deps.db, {
      q: query.q,
      featured: query.featured === "true",
      includeHidden: moderator,
      page,
      pageSize,
    })
    return { items: items.map(view), total, page, pageSize, moderator }
  },
})

export const getThread = route({
  method: "get",
  path: "/api/education/forum/threads/:id",
  summary: "A forum thread with its replies (a hidden one: 404, except for moderators)",
  tag: "education",
  auth: "user",
  params: PostParams,
  response: ThreadView,
  handler: async ({ actor, params, deps }) => {
    const moderator = isModerator(actor)
    const { thread, replies } = await forumThread(deps.db, params.id, moderator)
    return { thread: view(thread), replies: replies.map(view), moderator }
  },
})

export const createThread = route({
  method: "post",
  path: "/api/education/forum/threads",
  summary: "Start a forum thread (with up to five documents or images, 2 MiB each)",
  description:
    "An attachment that is not base64, empty, over 2 MiB or not what its type says is refused with 422.",
  tag: "education",
  auth: "user",
  roles: educationPermissions.post,
  body: ThreadBody,
  response: PostView,
  status: 201,
  handler: async ({ actor, body, deps }) => {
    const files = filesOf(body.attachments)
    const post = await createForumPost(
      deps.db,
      actor,
      {
        threadId: null,
        orgId: actor.orgId,
        authorId: actor.userId,
        authorName: actor.displayName,
        title: body.title,
        body: body.body,
        createdAt: deps.now(),
      },
      files,
    )
    await audit(deps.db, deps, actor, {
      action: "education.forum.post",
      objectType: "forum-post",
      objectId: post.id,
      result: "ok",
      details: { attachments: files.length },
    })
    return view((await forumThread(deps.db, post.id, true)).thread)
  },
})

export const replyToThread = route({
  method: "post",
  path: "/api/education/forum/threads/:id/replies",
  summary: "Reply to a forum thread",
  tag: "education",
  auth: "user",
  roles: educationPermissions.post,
  params: PostParams,
  body: ReplyBody,
  response: PostView,
  status: 201,
  handler: async ({ actor, params, body, deps }) => {
    const files = filesOf(body.attachments)
    const post = await createForumPost(
      deps.db,
      actor,
      {
        threadId: params.id,
        orgId: actor.orgId,
        authorId: actor.userId,
        authorName: actor.displayName,
        title: "",
        body: body.body,
        createdAt: deps.now(),
      },
      files,
    )
    await audit(deps.db, deps, actor, {
      action: "education.forum.reply",
      objectType: "forum-post",
      objectId: post.id,
      result: "ok",
      details: { threadId: params.id },
    })
    const { replies } = await forumThread(deps.db, params.id, true)
    const mine = replies.find((r) => r.id === post.id)
    if (mine === undefined) throw new Error("the reply just written is missing")
    return view(mine)
  },
})

const moderation = (
  path: string,
  summary: string,
  body: typeof HideBody | typeof FeatureBody | undefined,
  action: string,
  change: (
    b: { reason?: string; featured?: boolean },
    actor: Actor,
    now: Date,
  ) => Parameters<typeof moderateForumPost>[3],
) =>
  route({
    method: "post",
    path,
    summary,
    tag: "education",
    auth: "user",
    roles: educationPermissions.moderate,
    params: PostParams,
    ...(body === undefined ? {} : { body }),
    response: PostParams,
    handler: async ({ actor, params, body: b, deps }) => {
      const given = (b ?? {}) as { reason?: string; featured?: boolean }
      await moderateForumPost(deps.db, actor, params.id, change(given, actor, deps.now()))
      await audit(deps.db, deps, actor, {
        action,
        objectType: "forum-post",
        objectId: params.id,
        result: "ok",
        details: given,
      })
      return { id: params.id }
    },
  })

export const hidePost = moderation(
  "/api/education/forum/posts/:id/hide",
  "Hide a forum post or thread with a reason (the organization department; audited)",
  HideBody,
  "education.forum.hide",
  (b, actor, now) => ({ hide: { reason: b.reason ?? "", by: actor.userId, at: now } }),
)

export const unhidePost = moderation(
  "/api/education/forum/posts/:id/unhide",
  "Show a hidden forum post again (audited)",
  undefined,
  "education.forum.unhide",
  () => ({ hide: null }),
)

export const featurePost = moderation(
  "/api/education/forum/posts/:id/feature",
  "Feature a thread as a good experience (shown on the dashboard), or stop featuring it",
  FeatureBody,
  "education.forum.feature",
  (b) => ({ featured: b.featured ?? false }),
)

export const downloadAttachment = route({
  method: "get",
  path: "/api/education/forum/attachments/:id",
  summary: "An attachment of a visible forum post, as a download",
  tag: "education",
  auth: "user",
  params: PostParams,
  response: fileResponse(
    "application/octet-stream",
    "The attachment as stored (Content-Disposition: attachment)",
  ),
  handler: async ({ actor, params, deps }) => {
    const file = await forumAttachment(deps.db, params.id, isModerator(actor))
    return new Response(new Uint8Array(file.data), {
      headers: {
        "content-type": file.mime,
        "content-disposition": contentDisposition(file.filename, "attachment"),
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
      },
    })
  },
})
