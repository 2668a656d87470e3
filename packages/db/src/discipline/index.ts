export * from "./inspections.js"
export * from "./meetings.js"
