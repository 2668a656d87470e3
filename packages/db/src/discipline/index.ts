export * from "./agenda.js"
export * from "./inspections.js"
export * from "./meetings.js"
export * from "./records.js"
