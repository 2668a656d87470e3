/** Small HTTP helpers for the suite (the load itself comes from the separate load-worker process). */
export const login = async (base: string, username: string, password: string): Promise<string> => {
  const r = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ username, password }),
  })
  const body = await r.text()
  if (!r.ok) throw new Error(`login failed: ${r.status} ${body}`)
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ")
  if (cookie === "") throw new Error("login set no cookie")
  return cookie
}

export const getJson = async <T>(url: string, cookie?: string): Promise<T> => {
  const r = await fetch(url, cookie ? { headers: { cookie } } : {})
  const text = await r.text()
  if (!r.ok) throw new Error(`GET ${url}: ${r.status} ${text.slice(0, 300)}`)
  return JSON.parse(text) as T
}

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length === 0
    ? Number.NaN
    : s.length % 2
      ? (s[m] as number)
      : ((s[m - 1] as number) + (s[m] as number)) / 2
}

/** Runs `fn` `warmup` times untimed, then `reps` times; returns each duration in ms. */
export const timeRepeated = async (fn: () => Promise<unknown>, reps: number, warmup = 2) => {
  for (let i = 0; i < warmup; i++) await fn()
  const out: number[] = []
  for (let i = 0; i < reps; i++) {
    const t = performance.now()
    await fn()
    out.push(performance.now() - t)
  }
  return out
}
