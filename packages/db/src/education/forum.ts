/**
 * 书记话党建 (the secretaries' forum): every query of `forum_posts` and `forum_attachments`. Threads and replies
 * are read district-wide (no scope condition on reads; hidden posts only for moderators); a post is written by
 * a user for an organization of their scope, and hidden or featured only inside the moderator's scope. One write
 * path each: `writeForumPosts`, `moderateForumPost`, `writeForumAttachments`.
 */
import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { inSubtree } from "../org-tree.js"
import { NotInScope, orgInScope, type Scope } from "../platform/scope.js"
import { type ForumPost, forumAttachments, forumPosts, orgs } from "../schema/index.js"
import { queryTokens, searchTokens } from "./forum-search.js"

/** A new thread (`threadId` null) or reply. */
export interface NewForumPost {
  readonly threadId: string | null
  readonly orgId: string
  readonly authorId: string
  readonly authorName: string
  readonly title: string
  readonly body: string
  readonly featured?: boolean
  readonly createdAt: Date
}

/** An attachment as stored. */
export interface NewAttachment {
  readonly filename: string
  readonly mime: string
  readonly data: Uint8Array
}

/** The bulk insert path (the demo district and `createForumPost`): search tokens are computed here. */
export const writeForumPosts = async (
  tx: XfDb,
  posts: readonly NewForumPost[],
): Promise<readonly ForumPost[]> =>
  posts.length === 0
    ? []
    : tx
        .insert(forumPosts)
        .values(posts.map((p) => ({ ...p, searchText: searchTokens(`${p.title}\n${p.body}`) })))
        .returning()

/** The one insert path of attachments. */
export const writeForumAttachments = async (
  tx: XfDb,
  postId: string,
  files: readonly NewAttachment[],
): Promise<void> => {
  if (files.length > 0)
    await tx.insert(forumAttachments).values(files.map((f) => ({ ...f, postId, size: f.data.byteLength })))
}

/**
 * A new thread or reply by a user for an organization of their scope (else `NotInScope`); a reply's thread must
 * exist and be visible (else `NotInScope("thread")`).
 */
export const createForumPost = async (
  tx: XfDb,
  scope: Scope,
  post: NewForumPost,
  files: readonly NewAttachment[] = [],
): Promise<ForumPost> => {
  await orgInScope(tx, scope, post.orgId)
  if (post.threadId !== null) {
    const [t] = await tx
      .select({ id: forumPosts.id })
      .from(forumPosts)
      .where(and(eq(forumPosts.id, post.threadId), isNull(forumPosts.threadId), isNull(forumPosts.hiddenAt)))
    if (t === undefined) throw new NotInScope("thread", post.threadId)
  }
  const [row] = await writeForumPosts(tx, [post])
  if (row === undefined) throw new Error("insert into forum_posts returned no row")
  await writeForumAttachments(tx, row.id, files)
  return row
}

/** A post as lists show it. */
export interface ForumPostRow extends Omit<ForumPost, "searchText"> {
  readonly orgName: string
  readonly replies: number
  readonly attachments: readonly {
    readonly id: string
    readonly filename: string
    readonly mime: string
    readonly size: number
  }[]
}

const postColumns = {
  id: forumPosts.id,
  threadId: forumPosts.threadId,
  orgId: forumPosts.orgId,
  authorId: forumPosts.authorId,
  authorName: forumPosts.authorName,
  title: forumPosts.title,
  body: forumPosts.body,
  featured: forumPosts.featured,
  hiddenReason: forumPosts.hiddenReason,
  hiddenBy: forumPosts.hiddenBy,
  hiddenAt: forumPosts.hiddenAt,
  createdAt: forumPosts.createdAt,
  orgName: orgs.name,
}

const decorate = async (
  db: XfDb,
  rows: readonly Omit<ForumPostRow, "replies" | "attachments">[],
  hidden: boolean,
) => {
  const ids = rows.map((r) => r.id)
  const replies = new Map<string, number>()
  const files = new Map<string, ForumPostRow["attachments"][number][]>()
  if (ids.length > 0) {
    for (const r of await db
      .select({ id: forumPosts.threadId, n: count() })
      .from(forumPosts)
      .where(and(inArray(forumPosts.threadId, ids), hidden ? undefined : isNull(forumPosts.hiddenAt)))
      .groupBy(forumPosts.threadId))
      if (r.id !== null) replies.set(r.id, r.n)
    for (const f of await db
      .select({
        id: forumAttachments.id,
        postId: forumAttachments.postId,
        filename: forumAttachments.filename,
        mime: forumAttachments.mime,
        size: forumAttachments.size,
      })
      .from(forumAttachments)
      .where(inArray(forumAttachments.postId, ids)))
      files.set(f.postId, [
        ...(files.get(f.postId) ?? []),
        { id: f.id, filename: f.filename, mime: f.mime, size: f.size },
      ])
  }
  return rows.map((r) => ({ ...r, replies: replies.get(r.id) ?? 0, attachments: files.get(r.id) ?? [] }))
}

/** Every token of the query is one of the post's (see `forum-search.ts`). */
const matches = (tokens: readonly string[]): SQL | undefined =>
  tokens.length === 0
    ? undefined
    : and(
        ...tokens.map(
          (t) => sql`(' ' || ${forumPosts.searchText} || ' ') like ${`% ${t.replace(/[\\%_]/g, "\\$&")} %`}`,
        ),
      )

/**
 * One page of threads, newest first, district-wide: with `q`, the threads whose own text or one of whose
 * visible replies matches every token of the query; `featured` only the featured; hidden posts only when
 * `includeHidden` (moderators).
 */
export const forumThreads = async (
  db: XfDb,
  query: {
    readonly q?: string | undefined
    readonly featured?: boolean | undefined
    readonly includeHidden: boolean
    readonly page: number
    readonly pageSize: number
  },
): Promise<{ readonly items: readonly ForumPostRow[]; readonly total: number }> => {
  const tokens = query.q === undefined ? [] : queryTokens(query.q)
  const visible = query.includeHidden ? undefined : isNull(forumPosts.hiddenAt)
  const hit = matches(tokens)
  const matchingReplies =
    hit === undefined
      ? undefined
      : db
          .select({ id: forumPosts.threadId })
          .from(forumPosts)
          .where(and(hit, visible, sql`${forumPosts.threadId} is not null`))
  const where = and(
    isNull(forumPosts.threadId),
    visible,
    query.featured === true ? eq(forumPosts.featured, true) : undefined,
    hit === undefined || matchingReplies === undefined
      ? undefined
      : sql`(${hit} or ${forumPosts.id} in ${matchingReplies})`,
  )
  const rows = await db
    .select(postColumns)
    .from(forumPosts)
    .innerJoin(orgs, eq(orgs.id, forumPosts.orgId))
    .where(where)
    .orderBy(desc(forumPosts.createdAt), asc(forumPosts.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
  const [total] = await db.select({ n: count() }).from(forumPosts).where(where)
  return { items: await decorate(db, rows, query.includeHidden), total: total?.n ?? 0 }
}

/** A thread with its replies, oldest first; `NotInScope` when missing, a reply, or hidden (unless `includeHidden`). */
export const forumThread = async (
  db: XfDb,
  id: string,
  includeHidden: boolean,
): Promise<{ readonly thread: ForumPostRow; readonly replies: readonly ForumPostRow[] }> => {
  const visible = includeHidden ? undefined : isNull(forumPosts.hiddenAt)
  const [thread] = await db
    .select(postColumns)
    .from(forumPosts)
    .innerJoin(orgs, eq(orgs.id, forumPosts.orgId))
    .where(and(eq(forumPosts.id, id), isNull(forumPosts.threadId), visible))
  if (thread === undefined) throw new NotInScope("thread", id)
  const replies = await db
    .select(postColumns)
    .from(forumPosts)
    .innerJoin(orgs, eq(orgs.id, forumPosts.orgId))
    .where(and(eq(forumPosts.threadId, id), visible))
    .orderBy(asc(forumPosts.createdAt), asc(forumPosts.id))
  const [t, ...rs] = await decorate(db, [thread, ...replies], includeHidden)
  return { thread: t as ForumPostRow, replies: rs }
}

/**
 * The one write path of moderation: hides a post with a reason, shows it again (`hide` null), or (un)features
 * a thread — only for a post of an organization in the moderator's scope (else `NotInScope`).
 */
export const moderateForumPost = async (
  tx: XfDb,
  scope: Scope,
  id: string,
  change:
    | { readonly hide: { readonly reason: string; readonly by: string; readonly at: Date } | null }
    | { readonly featured: boolean },
): Promise<ForumPost> => {
  const set =
    "featured" in change
      ? { featured: change.featured }
      : change.hide === null
        ? { hiddenReason: null, hiddenBy: null, hiddenAt: null }
        : { hiddenReason: change.hide.reason, hiddenBy: change.hide.by, hiddenAt: change.hide.at }
  const [row] = await tx
    .update(forumPosts)
    .set(set)
    .where(and(eq(forumPosts.id, id), inSubtree(forumPosts.orgId, scope.orgPath)))
    .returning()
  if (row === undefined) throw new NotInScope("post", id)
  return row
}

/** An attachment's bytes, when its post is visible (or `includeHidden`); `NotInScope` otherwise. */
export const forumAttachment = async (
  db: XfDb,
  id: string,
  includeHidden: boolean,
): Promise<{ readonly filename: string; readonly mime: string; readonly data: Uint8Array }> => {
  const [row] = await db
    .select({ filename: forumAttachments.filename, mime: forumAttachments.mime, data: forumAttachments.data })
    .from(forumAttachments)
    .innerJoin(forumPosts, eq(forumPosts.id, forumAttachments.postId))
    .where(and(eq(forumAttachments.id, id), includeHidden ? undefined : isNull(forumPosts.hiddenAt)))
  if (row === undefined) throw new NotInScope("attachment", id)
  return row
}
