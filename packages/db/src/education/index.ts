export * from "./classes.js"
export * from "./forum.js"
export * from "./forum-search.js"
export * from "./study.js"
