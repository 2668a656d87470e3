import { orgs, pathInSubtree, users } from "@xianfeng/db"
import { and, asc, eq } from "drizzle-orm"
import { audit } from "../../audit.js"
import { permissions } from "../../auth/actor.js"
import { hashPassword } from "../../auth/passwords.js"
import { UserCreate, UserList, UserParams, UserUpdate, UserView } from "../../contract.js"
import { problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { orgInScope } from "./members.js"

const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  orgId: users.orgId,
  orgName: orgs.name,
  disabled: users.disabled,
}

export const listUsers = route({
  method: "get",
  path: "/api/users",
  summary: "Users whose scope lies inside the caller's subtree",
  tag: "users",
  auth: "user",
  roles: permissions.manageUsers,
  response: UserList,
  handler: async ({ actor, deps }) => {
    const items = await deps.db
      .select(userColumns)
      .from(users)
      .innerJoin(orgs, eq(orgs.id, users.orgId))
      .where(pathInSubtree(orgs.path, actor.orgPath))
      .orderBy(asc(users.username))
    return { items }
  },
})

export const createUser = route({
  method: "post",
  path: "/api/users",
  summary: "Create a user with a role over an organization subtree inside the caller's",
  tag: "users",
  auth: "user",
  roles: permissions.manageUsers,
  body: UserCreate,
  response: UserView,
  status: 201,
  handler: async ({ actor, body, deps }) => {
    const passwordHash = await hashPassword(body.password)
    return deps.db.transaction(async (tx) => {
      const org = await orgInScope(tx, actor, body.orgId)
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.username, body.username))
        .limit(1)
      if (taken !== undefined) {
        throw problems.badRequest("用户名已被使用。", "The username is taken.", [
          {
            field: "username",
            reason: "taken",
            message: { "zh-CN": "用户名已被使用", en: "the username is taken" },
          },
        ])
      }
      const [row] = await tx
        .insert(users)
        .values({
          username: body.username,
          displayName: body.displayName,
          role: body.role,
          orgId: org.id,
          passwordHash,
        })
        .returning({ id: users.id })
      if (row === undefined) throw new Error("insert returned nothing")
      await audit(tx, deps, actor, {
        action: "user.create",
        objectType: "user",
        objectId: row.id,
        result: "ok",
        details: { role: body.role, orgId: org.id },
      })
      return {
        id: row.id,
        username: body.username,
        displayName: body.displayName,
        role: body.role,
        orgId: org.id,
        orgName: org.name,
        disabled: false,
      }
    })
  },
})

export const updateUser = route({
  method: "patch",
  path: "/api/users/:id",
  summary: "Change a user's name, role, scope, password or disable them",
  tag: "users",
  auth: "user",
  roles: permissions.manageUsers,
  params: UserParams,
  body: UserUpdate,
  response: UserView,
  handler: async ({ actor, params, body, deps }) => {
    const passwordHash = body.password === undefined ? undefined : await hashPassword(body.password)
    return deps.db.transaction(async (tx) => {
      const [target] = await tx
        .select({ id: users.id })
        .from(users)
        .innerJoin(orgs, eq(orgs.id, users.orgId))
        .where(and(eq(users.id, params.id), pathInSubtree(orgs.path, actor.orgPath)))
        .limit(1)
      if (target === undefined) throw problems.notFound()
      if (
        params.id === actor.userId &&
        (body.role !== undefined || body.orgId !== undefined || body.disabled === true)
      ) {
        throw problems.forbidden(
          "不能修改自己的角色、范围或停用自己。",
          "You cannot change your own role or scope, or disable yourself.",
        )
      }
      if (body.orgId !== undefined) await orgInScope(tx, actor, body.orgId)
      const { password: _pw, ...rest } = body
      await tx
        .update(users)
        .set({ ...rest, ...(passwordHash ? { passwordHash, failedLogins: 0, lockedUntil: null } : {}) })
        .where(eq(users.id, params.id))
      await audit(tx, deps, actor, {
        action: "user.update",
        objectType: "user",
        objectId: params.id,
        result: "ok",
        details: { fields: Object.keys(body) },
      })
      const [row] = await tx
        .select(userColumns)
        .from(users)
        .innerJoin(orgs, eq(orgs.id, users.orgId))
        .where(eq(users.id, params.id))
      if (row === undefined) throw problems.notFound()
      return row
    })
  },
})

export const userRoutes = [listUsers, createUser, updateUser]
