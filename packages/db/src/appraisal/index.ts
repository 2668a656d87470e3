export * from "./records.js"
