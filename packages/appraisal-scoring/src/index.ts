export * from "./citations.js"
export * from "./messages.js"
export * from "./policy.js"
export * from "./record-date.js"
