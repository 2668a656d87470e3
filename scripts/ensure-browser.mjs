// The first step of `pnpm test`: the admin's browser tests need Debian's chromium and CJK fonts (without
// fonts-noto-cjk, Chinese renders as empty boxes). On a bare machine run as root, install them from apt
// (.ci/install-browser.sh, never a downloaded browser); otherwise say exactly what to run, and stop before
// the tests start rather than failing deep inside them.
import { execFileSync, spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"

const installer = fileURLToPath(new URL("../.ci/install-browser.sh", import.meta.url))

/**
 * What to do, from what the machine has. Pure, so the test can ask it every case.
 * @param {{ chromiumPath: string, hasChromium: boolean, hasCjkFont: boolean, isRoot: boolean, hasApt: boolean }} m
 * @returns {{ action: "none" } | { action: "install", packages: string[] } | { action: "explain", packages: string[], message: string }}
 */
export const browserPlan = (m) => {
  const packages = [...(m.hasChromium ? [] : ["chromium"]), ...(m.hasCjkFont ? [] : ["fonts-noto-cjk"])]
  if (packages.length === 0) return { action: "none" }
  if (m.isRoot && m.hasApt) return { action: "install", packages }
  const missing = packages.join(" and ")
  const how = m.hasApt
    ? `sudo bash .ci/install-browser.sh   (or: sudo apt-get install -y ${packages.join(" ")})`
    : `install Debian's ${packages.join(" ")} (or any chromium, then set CHROMIUM_PATH to it)`
  return {
    action: "explain",
    packages,
    message:
      `The admin's browser tests need ${missing}, which this machine lacks (looked for chromium at ${m.chromiumPath}).\n` +
      `Run:\n  ${how}\nthen run the test command again.`,
  }
}

const hasCjkFont = () => {
  try {
    return /Noto Sans CJK/i.test(
      execFileSync("fc-list", { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }),
    )
  } catch {
    return false
  }
}

const main = () => {
  const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"
  const plan = browserPlan({
    chromiumPath,
    hasChromium: existsSync(chromiumPath),
    hasCjkFont: hasCjkFont(),
    isRoot: typeof process.getuid === "function" && process.getuid() === 0,
    hasApt: existsSync("/usr/bin/apt-get"),
  })
  if (plan.action === "none") return
  if (plan.action === "explain") {
    console.error(plan.message)
    process.exit(1)
  }
  console.log(`ensure-browser: installing ${plan.packages.join(" ")} from Debian's packages`)
  const r = spawnSync("bash", [installer], { stdio: "inherit" })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main()
