export * from "./accounts.js"
export * from "./cases.js"
export * from "./cycles.js"
export * from "./secretaries.js"
