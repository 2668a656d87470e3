import { maskIdNumber } from "@xianfeng/core"
import { and, eq, sql } from "drizzle-orm"
import type { XfDb } from "./database.js"
import type { IdVault } from "./id-vault.js"
import { pinyinOf } from "./pinyin.js"
import { type Member, members, type NewMember } from "./schema/index.js"

/** What a caller gives for a member; the search keys and the ID number columns are derived. */
export type MemberInput = Omit<
  NewMember,
  | "namePinyin"
  | "nameInitials"
  | "idNumberCipher"
  | "idNumberHash"
  | "idNumberMasked"
  | "version"
  | "createdAt"
  | "updatedAt"
> & {
  /** The plain number; it is stored encrypted, as a blind index and masked, never as is. */
  readonly idNumber?: string | null | undefined
}

/** The ID number columns for a plain number (or all null). */
export const idNumberColumns = (vault: IdVault, idNumber: string | null | undefined) =>
  idNumber === null || idNumber === undefined
    ? { idNumberCipher: null, idNumberHash: null, idNumberMasked: null }
    : {
        idNumberCipher: vault.encrypt(idNumber),
        idNumberHash: vault.blindIndex(idNumber),
        idNumberMasked: maskIdNumber(idNumber.trim().toUpperCase()),
      }

/** The row to insert for `input`: pinyin keys and ID number columns filled in. */
export const memberRow = (vault: IdVault, input: MemberInput): NewMember => {
  const { idNumber, ...rest } = input
  const { full, initials } = pinyinOf(input.name)
  return { ...rest, namePinyin: full, nameInitials: initials, ...idNumberColumns(vault, idNumber) }
}

export const insertMember = async (tx: XfDb, vault: IdVault, input: MemberInput): Promise<Member> => {
  const [row] = await tx.insert(members).values(memberRow(vault, input)).returning()
  if (row === undefined) throw new Error("insert into members returned no row")
  return row
}

export type MemberPatch = Partial<Omit<MemberInput, "id">>

/**
 * Optimistic update: applies `patch` only if the row still has `expectedVersion`, and bumps the
 * version. Returns undefined when the member is gone or was changed meanwhile (the API answers 409).
 */
export const updateMember = async (
  tx: XfDb,
  vault: IdVault,
  id: string,
  expectedVersion: number,
  patch: MemberPatch,
): Promise<Member | undefined> => {
  const { idNumber, ...rest } = patch
  const set: Partial<NewMember> = { ...rest }
  if (patch.name !== undefined) {
    const { full, initials } = pinyinOf(patch.name)
    set.namePinyin = full
    set.nameInitials = initials
  }
  if (idNumber !== undefined) Object.assign(set, idNumberColumns(vault, idNumber))
  const [row] = await tx
    .update(members)
    .set({ ...set, version: sql`${members.version} + 1`, updatedAt: new Date() })
    .where(and(eq(members.id, id), eq(members.version, expectedVersion)))
    .returning()
  return row
}

/** Finds a member by plain ID number through the blind index. */
export const findMemberByIdNumber = async (
  db: XfDb,
  vault: IdVault,
  idNumber: string,
): Promise<Member | undefined> =>
  (
    await db
      .select()
      .from(members)
      .where(eq(members.idNumberHash, vault.blindIndex(idNumber)))
      .limit(1)
  )[0]
