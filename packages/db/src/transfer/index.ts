export * from "./archive.js"
export * from "./calendar.js"
export * from "./import/index.js"
