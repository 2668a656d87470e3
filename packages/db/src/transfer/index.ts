export * from "./calendar.js"
