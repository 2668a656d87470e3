// `pnpm test` must set itself up on a bare Debian machine: install the browser when it can, and otherwise
// stop with the exact command to run.
import assert from "node:assert/strict"
import { test } from "node:test"
import { browserPlan } from "./ensure-browser.mjs"

const machine = {
  chromiumPath: "/usr/bin/chromium",
  hasChromium: true,
  hasCjkFont: true,
  isRoot: true,
  hasApt: true,
}

test("does nothing when chromium and the CJK fonts are there", () => {
  assert.deepEqual(browserPlan(machine), { action: "none" })
})

test("installs what is missing, and only that, when it runs as root with apt", () => {
  assert.deepEqual(browserPlan({ ...machine, hasChromium: false, hasCjkFont: false }), {
    action: "install",
    packages: ["chromium", "fonts-noto-cjk"],
  })
  assert.deepEqual(browserPlan({ ...machine, hasCjkFont: false }), {
    action: "install",
    packages: ["fonts-noto-cjk"],
  })
})

test("says exactly what to run when it is not root", () => {
  const plan = browserPlan({ ...machine, hasChromium: false, isRoot: false })
  assert.equal(plan.action, "explain")
  assert.match(plan.message, /sudo bash \.ci\/install-browser\.sh/)
  assert.match(plan.message, /sudo apt-get install -y chromium\b/)
  assert.doesNotMatch(plan.message, /fonts-noto-cjk/)
})

test("points at CHROMIUM_PATH where there is no apt", () => {
  const plan = browserPlan({ ...machine, hasChromium: false, hasApt: false })
  assert.equal(plan.action, "explain")
  assert.match(plan.message, /CHROMIUM_PATH/)
})
