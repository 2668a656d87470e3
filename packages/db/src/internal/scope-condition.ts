// The test-only switch of @xianfeng/db/testing (`withoutScopeCondition`): while set, every query's own scope
// condition is `true` (scope.ts) and the one-statement reads pass `p_condition = false` (member reads), so a test
// can show that row-level security alone keeps every caller in its subtree. A symbol on globalThis, not
// configuration: nothing outside test code can set it.
const CONDITION_OFF = Symbol.for("xianfeng.db.testing.scope-condition-off")

/** Whether the test switch has turned the queries' own scope conditions off. */
export const conditionOff = (): boolean => (globalThis as Record<symbol, unknown>)[CONDITION_OFF] === true
