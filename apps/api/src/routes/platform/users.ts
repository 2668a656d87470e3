import {
  endAllSessionsOf,
  insertUser,
  isUsernameTaken,
  orgInScope,
  updateUser as saveUser,
  userInScope,
  usersInScope,
} from "@xianfeng/db"
import { audit } from "../../audit.js"
import { hashPassword } from "../../auth/passwords.js"
import { problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { type Role, UserCreate, UserList, UserParams, UserUpdate, UserView } from "./contract.js"
import { isRoleOfTheWork, isSeparatedDuty, permissions } from "./permissions.js"

const onlySecurityAdmin = () =>
  problems.forbidden(
    "只有安全管理员能授予或收回区委管理员、审计员角色，或变更持有这些角色及三员角色的账号。",
    "Only a security administrator gives or takes the district administrator and auditor roles; accounts holding them or one of the three administrator roles are not managed here.",
  )

const onlyTheOwner = () =>
  problems.forbidden(
    "系统管理员、安全管理员、审计管理员角色不能通过本系统授予或收回，由数据库所有者在服务器上用 grant-role 命令办理（三员互不授权）。",
    "The system, security and audit administrator roles are not given or taken through the system: the database owner does it on the server with grant-role (none of the three grants another).",
  )

/**
 * A member's account belongs to their member record and is issued only by an activation code
 * (`/api/appraisal/activations`): no one makes a user a member, or a member a user of the work, here.
 */
const memberAccountsAreIssued = () =>
  problems.unprocessable(
    "role",
    "member-account",
    "党员账号只能通过激活码开通，不能在此设置",
    "member accounts are issued with activation codes, not set here",
  )

export const listUsers = route({
  method: "get",
  path: "/api/users",
  summary: "Users whose scope lies inside the caller's subtree",
  tag: "users",
  auth: "user",
  roles: permissions.listUsers,
  response: UserList,
  handler: async ({ actor, deps }) => ({ items: await usersInScope(deps.db, actor) }),
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
    if (isSeparatedDuty(body.role)) throw onlyTheOwner()
    if (body.role === "member") throw memberAccountsAreIssued()
    if (!isRoleOfTheWork(body.role)) throw onlySecurityAdmin()
    const passwordHash = await hashPassword(body.password)
    return deps.db.transaction(async (tx) => {
      const org = await orgInScope(tx, actor, body.orgId)
      if (await isUsernameTaken(tx, body.username)) {
        throw problems.taken("username")
      }
      const userId = await insertUser(tx, {
        username: body.username,
        displayName: body.displayName,
        role: body.role,
        orgId: org.id,
        passwordHash,
      })
      await audit(tx, deps, actor, {
        action: "user.create",
        objectType: "user",
        objectId: userId,
        result: "ok",
        details: { role: body.role, orgId: org.id },
      })
      return {
        id: userId,
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
  description:
    "A system administrator (or district administrator) changes accounts of the work and gives roles of " +
    "the work; a security administrator gives and takes the district administrator and auditor roles, " +
    "changes roles of the work and disables accounts, and changes nothing else; the three administrator " +
    "roles are given by the database owner only (xianfeng-grant-role), never here. Nobody changes their " +
    "own role, scope or disabled flag. A new password, a new role or a disable ends every session and " +
    "bearer token of the user.",
  tag: "users",
  auth: "user",
  roles: [...permissions.manageUsers, ...permissions.assignSeparatedRoles],
  params: UserParams,
  body: UserUpdate,
  response: UserView,
  handler: async ({ actor, params, body, deps }) => {
    const passwordHash = body.password === undefined ? undefined : await hashPassword(body.password)
    return deps.db.transaction(async (tx) => {
      if (
        params.id === actor.userId &&
        (body.role !== undefined || body.orgId !== undefined || body.disabled === true)
      ) {
        throw problems.forbidden(
          "不能修改自己的角色、范围或停用自己。",
          "You cannot change your own role or scope, or disable yourself.",
        )
      }
      const before = await userInScope(tx, actor, params.id)
      if (
        body.role !== undefined &&
        body.role !== before.role &&
        (body.role === "member" || before.role === "member")
      )
        throw memberAccountsAreIssued()
      const changesRole = body.role !== undefined && body.role !== before.role
      if (changesRole && (isSeparatedDuty(before.role) || isSeparatedDuty(body.role as Role))) {
        throw onlyTheOwner()
      }
      const security = (permissions.assignSeparatedRoles as readonly Role[]).includes(actor.role)
      if (security) {
        const other = Object.keys(body).filter((k) => k !== "role" && k !== "disabled")
        if (other.length > 0) {
          throw problems.forbidden(
            `安全管理员只能分配角色或停用账号，不能修改${other.join("、")}。`,
            `A security administrator assigns roles and disables accounts only, not ${other.join(", ")}.`,
          )
        }
      } else if (!isRoleOfTheWork(before.role) || (body.role !== undefined && !isRoleOfTheWork(body.role))) {
        throw isSeparatedDuty(before.role) || (body.role !== undefined && isSeparatedDuty(body.role))
          ? onlyTheOwner()
          : onlySecurityAdmin()
      }
      if (body.orgId !== undefined) await orgInScope(tx, actor, body.orgId)
      const { password: _pw, ...rest } = body
      await saveUser(tx, params.id, { ...rest, ...(passwordHash ? { passwordHash } : {}) })
      // A reset password, a new role or a disable ends everything issued before it: a session or token
      // must not outlive the credentials or the role it was issued for, and re-enabling brings none back.
      // A change of scope needs no ending: every request reads the user's org afresh.
      const ends =
        passwordHash !== undefined ||
        (body.role !== undefined && body.role !== before.role) ||
        (body.disabled === true && !before.disabled)
      const ended = ends ? await endAllSessionsOf(tx, params.id, deps.now()) : undefined
      await audit(tx, deps, actor, {
        action: "user.update",
        objectType: "user",
        objectId: params.id,
        result: "ok",
        details: { fields: Object.keys(body), ...(ended ? { ended } : {}) },
      })
      return userInScope(tx, actor, params.id)
    })
  },
})

export const userRoutes = [listUsers, createUser, updateUser]
