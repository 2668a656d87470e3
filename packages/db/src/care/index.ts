export * from "./commendations.js"
export * from "./dues.js"
export * from "./ledger.js"
export * from "./visits.js"
