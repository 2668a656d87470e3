import { randomInt } from "node:crypto"
import {
  activationCodeHash,
  appraisalRollOf,
  countAttempt,
  issueActivations,
  memberAccountsOf,
  orgInScope,
  spendActivation,
} from "@xianfeng/db"
import { audit } from "../../audit.js"
import { hashPassword } from "../../auth/passwords.js"
import { todayOf } from "../../deps.js"
import { clientAddress } from "../../http/client-address.js"
import { problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import {
  AccountsQuery,
  AccountsView,
  ActivateBody,
  ActivatedView,
  IssueBody,
  IssuedCodes,
} from "./contract.js"
import { appraisalPermissions } from "./permissions.js"

/** How long an activation code is good: 30 days from issue (long enough to hand out at a branch meeting). */
export const ACTIVATION_DAYS = 30
const ACTIVATIONS_PER_MINUTE = 10

// No 0/O, 1/I/L: a code is read off paper and typed on a phone. 12 characters of 31: about 59 bits.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
const newCode = () => {
  const raw = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`
}

export const listAccounts = route({
  method: "get",
  path: "/api/appraisal/accounts",
  summary: "A branch's members and whether each has an account of their own (and whether it is activated)",
  tag: "appraisal",
  auth: "user",
  roles: appraisalPermissions.run,
  query: AccountsQuery,
  response: AccountsView,
  handler: async ({ actor, query, deps }) => {
    const roll = await appraisalRollOf(deps.db, actor, query.orgId)
    const accounts = await memberAccountsOf(deps.db, actor, query.orgId)
    return {
      items: roll.map((m) => {
        const a = accounts.find((x) => x.memberId === m.id)
        return {
          memberId: m.id,
          name: m.name,
          stage: m.stage,
          username: a?.username ?? null,
          active: a?.active ?? false,
        }
      }),
    }
  },
})

export const issueCodes = route({
  method: "post",
  path: "/api/appraisal/accounts",
  summary:
    "Issue one-time activation codes for a branch's members (a printable list, shown once; only hashes are kept)",
  description: `Each code is good once, for ${ACTIVATION_DAYS} days; a new code voids the member's earlier unused one. The account is made on first issue (role member, its user name shown with the code).`,
  tag: "appraisal",
  auth: "user",
  roles: appraisalPermissions.run,
  body: IssueBody,
  response: IssuedCodes,
  status: 201,
  handler: async ({ actor, body, deps }) => {
    const org = await orgInScope(deps.db, actor, body.orgId)
    const roll = await appraisalRollOf(deps.db, actor, org.id)
    const wanted = body.memberIds ?? roll.map((m) => m.id)
    for (const [i, id] of wanted.entries())
      if (!roll.some((m) => m.id === id))
        throw problems.unprocessable(
          `memberIds[${i}]`,
          "not-in-branch",
          "该党员不在本支部",
          "this member is not in the branch",
        )
    const now = deps.now()
    const expiresOn = todayOf(deps).add({ days: ACTIVATION_DAYS })
    const expiresAt = new Date(now.getTime() + ACTIVATION_DAYS * 86_400_000)
    const codes = wanted.map((id) => {
      const m = roll.find((x) => x.id === id)
      return { memberId: id, code: newCode(), username: `${m?.namePinyin ?? "dy"}${randomInt(1000, 10_000)}` }
    })
    const issued = await deps.db.transaction(async (tx) => {
      const out = await issueActivations(
        tx,
        actor,
        codes.map((c) => ({
          memberId: c.memberId,
          username: c.username,
          codeHash: activationCodeHash(c.code),
          expiresAt,
          recordedBy: actor.userId,
        })),
        now,
      )
      for (const c of codes)
        await audit(tx, deps, actor, {
          action: "appraisal.account.issue",
          objectType: "member",
          objectId: c.memberId,
          result: "ok",
        })
      return out
    })
    return {
      orgName: org.name,
      expiresOn: expiresOn.toString(),
      items: issued.map((u, i) => ({
        memberId: u.memberId,
        name: u.name,
        username: u.username,
        code: codes[i]?.code ?? "",
      })),
    }
  },
})

export const activate = route({
  method: "post",
  path: "/api/appraisal/activate",
  summary:
    "A member activates their account with the one-time code and sets a password; then signs in as usual",
  description:
    "A wrong, used or expired code is one answer (422 naming code), so a guess learns nothing; attempts are rate-limited per address.",
  tag: "appraisal",
  auth: "public",
  body: ActivateBody,
  response: ActivatedView,
  handler: async ({ body, deps, c }) => {
    if ((await countAttempt(deps.db, `activate:${clientAddress(c)}`, deps.now())) > ACTIVATIONS_PER_MINUTE)
      throw problems.tooMany("尝试过于频繁，请一分钟后再试。", "Too many attempts; try again in a minute.")
    const passwordHash = await hashPassword(body.password)
    const spent = await spendActivation(deps.db, activationCodeHash(body.code), passwordHash, deps.now())
    if (spent === undefined)
      throw problems.unprocessable(
        "code",
        "invalid",
        "激活码无效、已使用或已过期",
        "the code is wrong, used or expired",
      )
    await audit(
      deps.db,
      deps,
      { userId: spent.userId, role: "member" },
      {
        action: "appraisal.account.activate",
        objectType: "user",
        objectId: spent.userId,
        result: "ok",
      },
    )
    return { username: spent.username }
  },
})
