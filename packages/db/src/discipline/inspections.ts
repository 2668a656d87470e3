/**
 * Inspections: draws, findings and rectification orders. Each query takes the caller's `Scope`; each table has
 * one write path (`saveDraw`, `saveFinding`, `saveOrder`).
 */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { inSubtree, pathInSubtree } from "../org-tree.js"
import { NotInScope, orgInScope, type Scope, withinOf } from "../platform/scope.js"
import {
  type DisciplineDraw,
  type DisciplineFinding,
  type DisciplineOrder,
  disciplineDraws,
  disciplineFindings,
  disciplineOrders,
  orgs,
} from "../schema/index.js"

/** A branch that may be drawn: its committee (its parent) and the last day it was in a published sample. */
export interface DrawCandidateRow {
  readonly id: string
  readonly committeeId: string | null
  readonly lastChecked: PlainDate | null
}

/** The branches of the subtree of `orgId` (default: the scope's root; else `NotInScope`), as draw candidates. */
export const drawCandidates = async (
  db: XfDb,
  scope: Scope,
  orgId: string | undefined,
): Promise<readonly DrawCandidateRow[]> => {
  const within = await withinOf(db, scope, orgId)
  const branches = await db
    .select({ id: orgs.id, parentId: orgs.parentId })
    .from(orgs)
    .where(and(eq(orgs.kind, "branch"), pathInSubtree(orgs.path, within)))
    .orderBy(orgs.id)
  const draws = await db
    .select({ sample: disciplineDraws.sample, drawnOn: disciplineDraws.drawnOn })
    .from(disciplineDraws)
    .where(inSubtree(disciplineDraws.orgId, scope.orgPath))
    .orderBy(disciplineDraws.drawnOn)
  const last = new Map<string, PlainDate>()
  for (const d of draws) for (const id of d.sample) last.set(id, d.drawnOn)
  return branches.map((b) => ({ id: b.id, committeeId: b.parentId, lastChecked: last.get(b.id) ?? null }))
}

export type NewDraw = Omit<DisciplineDraw, "id" | "recordedAt"> & { readonly recordedAt: Date }

/** The one write path of draws: stores a published draw for an organization of the scope (else `NotInScope`). */
export const saveDraw = async (tx: XfDb, scope: Scope, draw: NewDraw): Promise<DisciplineDraw> => {
  await orgInScope(tx, scope, draw.orgId)
  const [row] = await tx.insert(disciplineDraws).values(draw).returning()
  if (row === undefined) throw new Error("insert into discipline_draws returned no row")
  return row
}

/** The draws of the scope, newest first. */
export const drawsInScope = async (db: XfDb, scope: Scope): Promise<readonly DisciplineDraw[]> =>
  db
    .select()
    .from(disciplineDraws)
    .where(inSubtree(disciplineDraws.orgId, scope.orgPath))
    .orderBy(desc(disciplineDraws.drawnOn), desc(disciplineDraws.recordedAt))

export type NewFinding = Omit<DisciplineFinding, "id" | "recordedAt"> & { readonly recordedAt: Date }

/** The one write path of findings, for an organization of the scope (else `NotInScope`). */
export const saveFinding = async (
  tx: XfDb,
  scope: Scope,
  finding: NewFinding,
): Promise<DisciplineFinding> => {
  await orgInScope(tx, scope, finding.orgId)
  const [row] = await tx.insert(disciplineFindings).values(finding).returning()
  if (row === undefined) throw new Error("insert into discipline_findings returned no row")
  return row
}

/** A finding of the scope with its organization's path; `NotInScope` when missing or outside. */
export const findingInScope = async (
  db: XfDb,
  scope: Scope,
  id: string,
): Promise<DisciplineFinding & { readonly orgPath: string }> => {
  const [row] = await db
    .select({ finding: disciplineFindings, orgPath: orgs.path })
    .from(disciplineFindings)
    .innerJoin(orgs, eq(orgs.id, disciplineFindings.orgId))
    .where(and(eq(disciplineFindings.id, id), pathInSubtree(orgs.path, scope.orgPath)))
    .limit(1)
  if (row === undefined) throw new NotInScope("finding", id)
  return { ...row.finding, orgPath: row.orgPath }
}

export type OrderFields = Omit<DisciplineOrder, "id" | "version">

/**
 * The one write path of orders: a new order (`edit` undefined) for an organization of the scope, or the
 * order's next state at `expectedVersion`. A change returns `undefined` when the order is missing, outside the
 * scope or changed meanwhile (`orderInScope` tells 404 from 409).
 */
export const saveOrder = async (
  tx: XfDb,
  scope: Scope,
  fields: OrderFields,
  edit?: { readonly id: string; readonly expectedVersion: number },
): Promise<DisciplineOrder | undefined> => {
  if (edit === undefined) {
    await orgInScope(tx, scope, fields.orgId)
    const [row] = await tx.insert(disciplineOrders).values(fields).returning()
    if (row === undefined) throw new Error("insert into discipline_orders returned no row")
    return row
  }
  const [row] = await tx
    .update(disciplineOrders)
    .set({ ...fields, version: sql`${disciplineOrders.version} + 1` })
    .where(
      and(
        eq(disciplineOrders.id, edit.id),
        eq(disciplineOrders.version, edit.expectedVersion),
        inSubtree(disciplineOrders.orgId, scope.orgPath),
      ),
    )
    .returning()
  return row
}

/**
 * An order whose organization lies in the scope (the levels above, which an overdue order is escalated to,
 * see it through their subtrees); `NotInScope` otherwise.
 */
export const orderInScope = async (db: XfDb, scope: Scope, id: string): Promise<DisciplineOrder> => {
  const [row] = await db
    .select()
    .from(disciplineOrders)
    .where(and(eq(disciplineOrders.id, id), inSubtree(disciplineOrders.orgId, scope.orgPath)))
    .limit(1)
  if (row === undefined) throw new NotInScope("order", id)
  return row
}

/** The orders of the subtree of `orgId` (default: the scope's root; else `NotInScope`), by deadline. */
export const ordersInScope = async (
  db: XfDb,
  scope: Scope,
  orgId: string | undefined,
): Promise<readonly DisciplineOrder[]> => {
  const within = await withinOf(db, scope, orgId)
  return db
    .select()
    .from(disciplineOrders)
    .where(inSubtree(disciplineOrders.orgId, within))
    .orderBy(
      disciplineOrders.deadline,
      disciplineOrders.orgId,
      disciplineOrders.issuedOn,
      disciplineOrders.id,
    )
}

/** A finding with its organization's name, as lists show it. */
export interface FindingRow extends DisciplineFinding {
  readonly orgName: string
}

/** The findings of the subtree of `orgId` (default: the scope's root; else `NotInScope`), newest first. */
export const findingsInScope = async (
  db: XfDb,
  scope: Scope,
  orgId: string | undefined,
): Promise<readonly FindingRow[]> => {
  const within = await withinOf(db, scope, orgId)
  const rows = await db
    .select({ finding: disciplineFindings, orgName: orgs.name })
    .from(disciplineFindings)
    .innerJoin(orgs, eq(orgs.id, disciplineFindings.orgId))
    .where(pathInSubtree(orgs.path, within))
    .orderBy(
      desc(disciplineFindings.foundOn),
      desc(disciplineFindings.recordedAt),
      asc(disciplineFindings.orgId),
      asc(disciplineFindings.obligation),
      asc(disciplineFindings.id),
    )
  return rows.map((r) => ({ ...r.finding, orgName: r.orgName }))
}

/**
 * The orders of one organization of the scope (else `NotInScope`) not yet closed, by deadline: what the next
 * inspection of that organization re-checks.
 */
export const openOrdersOf = async (
  db: XfDb,
  scope: Scope,
  orgId: string,
): Promise<readonly DisciplineOrder[]> => {
  await orgInScope(db, scope, orgId)
  return db
    .select()
    .from(disciplineOrders)
    .where(and(eq(disciplineOrders.orgId, orgId), ne(disciplineOrders.state, "closed")))
    .orderBy(disciplineOrders.deadline, disciplineOrders.id)
}

/** The names of those of `ids` that lie in the scope (an ancestor outside it stays unnamed). */
export const orgNamesInScope = async (
  db: XfDb,
  scope: Scope,
  ids: readonly string[],
): Promise<ReadonlyMap<string, string>> => {
  if (ids.length === 0) return new Map()
  const rows = await db
    .select({ id: orgs.id, name: orgs.name })
    .from(orgs)
    .where(and(inArray(orgs.id, [...new Set(ids)]), pathInSubtree(orgs.path, scope.orgPath)))
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** The obligation and severity of each of the findings `ids` (the orders' findings), by id. */
export const findingKinds = async (
  db: XfDb,
  scope: Scope,
  ids: readonly string[],
): Promise<ReadonlyMap<string, { readonly obligation: string; readonly severity: string }>> => {
  if (ids.length === 0) return new Map()
  const rows = await db
    .select({
      id: disciplineFindings.id,
      obligation: disciplineFindings.obligation,
      severity: disciplineFindings.severity,
    })
    .from(disciplineFindings)
    .where(
      and(
        inArray(disciplineFindings.id, [...new Set(ids)]),
        inSubtree(disciplineFindings.orgId, scope.orgPath),
      ),
    )
  return new Map(rows.map((r) => [r.id, { obligation: r.obligation, severity: r.severity }]))
}
