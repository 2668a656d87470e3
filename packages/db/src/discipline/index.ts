export * from "./meetings.js"
export * from "./records.js"
