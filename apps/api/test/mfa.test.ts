import { mfaRecoveryCodes, users } from "@xianfeng/db"
import { eq } from "drizzle-orm"
import { Secret, TOTP } from "otpauth"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Agent, backends, problemOf, SMALL_DEMO_MEMBERS, type TestSystem, testSystem } from "./support.js"

/** The second factor: TOTP (RFC 6238) with single-use recovery codes, codes computed by otpauth at the test clock. */
describe.each(backends)("second factor on %s", (backend) => {
  let sys: TestSystem
  let officer: Agent
  let secret: string
  let recovery: string[]
  const code = () => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: sys.clock.now.getTime() })
  const nextStep = () => sys.clock.advance(30_000)

  /** The password step: answers the challenge of the 401 `mfa-required`. */
  const password = async (agent: Agent) => {
    const res = await agent.login("officer")
    expect(res.status).toBe(401)
    const p = (await problemOf(res)) as { type: string; challenge?: string }
    expect(p.type).toMatch(/mfa-required/)
    expect(agent.cookie).toBe("")
    return p.challenge as string
  }
  const verify = (agent: Agent, challenge: string, c: string) =>
    agent.send("POST", "/api/auth/mfa/verify", { challenge, code: c })

  beforeAll(async () => {
    sys = await testSystem(backend, { demoMembers: SMALL_DEMO_MEMBERS })
    officer = new Agent(sys)
    await officer.login("officer")
  })
  afterAll(async () => {
    await sys.stop()
  })

  it("enrols: the secret is shown once as an otpauth:// URI and confirmed with a code; recovery codes come back", async () => {
    const enrol = await officer.json<{ uri: string; secret: string }>("POST", "/api/auth/mfa/enroll")
    expect(enrol.uri).toMatch(/^otpauth:\/\/totp\/.*officer\?/)
    expect(enrol.uri).toContain(`secret=${enrol.secret}`)
    secret = enrol.secret
    const wrong = await officer.send("POST", "/api/auth/mfa/confirm", {
      code: "000000" === code() ? "111111" : "000000",
    })
    expect(wrong.status).toBe(400)
    expect((await problemOf(wrong)).errors?.[0]?.field).toBe("code")
    const ok = await officer.json<{ recoveryCodes: string[] }>("POST", "/api/auth/mfa/confirm", {
      code: code(),
    })
    recovery = ok.recoveryCodes
    expect(recovery).toHaveLength(10)
    expect(new Set(recovery).size).toBe(10)

    const [u] = await sys.deps.db.select().from(users).where(eq(users.username, "officer"))
    expect(u?.mfaSecret).not.toContain(secret)
    const stored = await sys.deps.db
      .select()
      .from(mfaRecoveryCodes)
      .where(eq(mfaRecoveryCodes.userId, u?.id ?? ""))
    expect(stored).toHaveLength(10)
    for (const r of recovery) expect(JSON.stringify(stored)).not.toContain(r.replace(/-/g, ""))
    expect((await officer.send("POST", "/api/auth/mfa/enroll")).status).toBe(409)
  })

  it("asks for the code after the right password, and a code signs in once", async () => {
    nextStep()
    const agent = new Agent(sys)
    const challenge = await password(agent)
    const c = code()
    const ok = await verify(agent, challenge, c)
    expect(ok.status).toBe(200)
    agent.csrf = ((await ok.json()) as { csrfToken: string }).csrfToken
    expect((await agent.get("/api/auth/me")).status).toBe(200)
    // The same code again, even on a new challenge, is refused (RFC 6238 §5.2).
    const again = new Agent(sys)
    expect((await verify(again, await password(again), c)).status).toBe(400)
    expect((await verify(again, challenge, code())).status).toBe(400)
  })

  it("takes a recovery code once", async () => {
    const a = new Agent(sys)
    expect((await verify(a, await password(a), recovery[0] as string)).status).toBe(200)
    const b = new Agent(sys)
    expect((await verify(b, await password(b), recovery[0] as string)).status).toBe(400)
    expect((await verify(b, await password(b), (recovery[1] as string).toUpperCase())).status).toBe(200)
  })

  it("tells how many recovery codes are left, and regenerates them for a valid code (the old ones stop working)", async () => {
    nextStep()
    const a = new Agent(sys)
    const ok = await verify(a, await password(a), code())
    a.csrf = ((await ok.json()) as { csrfToken: string }).csrfToken
    // Two of the ten were used above.
    expect(await a.json("GET", "/api/auth/mfa")).toEqual({
      enabled: true,
      pending: false,
      recoveryCodesLeft: 8,
    })
    expect((await a.send("POST", "/api/auth/mfa/recovery-codes", { code: "999999" })).status).toBe(400)
    nextStep()
    const fresh = await a.json<{ recoveryCodes: string[] }>("POST", "/api/auth/mfa/recovery-codes", {
      code: code(),
    })
    expect(fresh.recoveryCodes).toHaveLength(10)
    expect(fresh.recoveryCodes).not.toContain(recovery[2])
    expect((await a.json<{ recoveryCodesLeft: number }>("GET", "/api/auth/mfa")).recoveryCodesLeft).toBe(10)
    const b = new Agent(sys)
    expect((await verify(b, await password(b), recovery[2] as string)).status).toBe(400)
    // A new one signs in (and clears the failure the old one counted).
    expect((await verify(b, await password(b), fresh.recoveryCodes[0] as string)).status).toBe(200)
    recovery = fresh.recoveryCodes
  })

  it("ends a challenge after 5 wrong codes", async () => {
    nextStep()
    const a = new Agent(sys)
    const challenge = await password(a)
    for (let i = 0; i < 5; i++) expect((await verify(a, challenge, "12345x")).status).toBe(400)
    const res = await verify(a, challenge, code())
    expect(res.status).toBe(400)
    expect((await problemOf(res)).errors?.[0]).toMatchObject({ field: "challenge", reason: "expired" })
    // Five wrong codes were five failures in a row: the account is locked, as after five wrong passwords.
    expect((await new Agent(sys).login("officer")).status).toBe(423)
    sys.clock.advance(16 * 60_000)
  })

  it("is only for administrators", async () => {
    const secretary = new Agent(sys)
    await secretary.login("secretary1")
    expect((await secretary.send("POST", "/api/auth/mfa/enroll")).status).toBe(403)
  })

  it("turns off only with a valid code; then the password alone signs in", async () => {
    nextStep()
    const a = new Agent(sys)
    const ok = await verify(a, await password(a), code())
    a.csrf = ((await ok.json()) as { csrfToken: string }).csrfToken
    expect((await a.send("POST", "/api/auth/mfa/disable", { code: "999999" })).status).toBe(400)
    nextStep()
    expect((await a.send("POST", "/api/auth/mfa/disable", { code: code() })).status).toBe(200)
    expect((await new Agent(sys).login("officer")).status).toBe(200)
  })
})
