#!/usr/bin/env node
import { existsSync } from "node:fs"
import { userInfo } from "node:os"
import { join } from "node:path"
import { userRoles } from "@xianfeng/core"
import { openDatabase } from "../database.js"
import { grantRoleAsOwner } from "../platform/administrators.js"

const usage = `usage: grant-role [--data-dir DIR | --url URL] USERNAME ROLE   (default: $XF_DATABASE_OWNER_URL, then $DATABASE_URL)
  Gives USERNAME the role ROLE as the database's owner — the one way to give or take the three administrator
  roles (system-admin, security-admin, audit-admin), which no one grants through the API (docs/security.md).
  Ends the user's sessions and tokens and writes an audit row naming the operating-system account.
  ROLE: ${userRoles.join(", ")}`

const main = async (argv: readonly string[]): Promise<number> => {
  let dataDir: string | undefined
  let url = process.env.XF_DATABASE_OWNER_URL || process.env.DATABASE_URL || undefined
  const rest: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === "--data-dir") dataDir = argv[++i]
    else if (arg === "--url") url = argv[++i]
    else if (arg === "--help" || arg === "-h") {
      console.log(usage)
      return 0
    } else if (arg !== undefined) rest.push(arg)
  }
  const [username, role] = rest
  if (username === undefined || role === undefined || rest.length !== 2 || (dataDir ?? url) === undefined) {
    console.error(usage)
    return 2
  }
  if (dataDir !== undefined && !existsSync(join(dataDir, "pgdata"))) {
    console.error(`no Xianfeng database in ${dataDir} (expected ${join(dataDir, "pgdata")})`)
    return 2
  }
  const database = await openDatabase(
    dataDir !== undefined ? { dataDir, migrate: false } : { url: url ?? "", migrate: false, poolMax: 1 },
  )
  try {
    const verdict = await grantRoleAsOwner(database.db, {
      username,
      role,
      by: userInfo().username,
      at: new Date(),
    })
    if (verdict.kind === "no-user") {
      console.error(`no user named ${username}`)
      return 1
    }
    if (verdict.kind === "not-a-role") {
      console.error(`not a role: ${role} (one of ${userRoles.join(", ")})`)
      return 2
    }
    console.log(
      `${username}: ${verdict.before} → ${role}; ended ${verdict.ended.sessions} sessions and ${verdict.ended.tokens} tokens`,
    )
    return 0
  } finally {
    await database.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e))
    process.exitCode = 2
  },
)
