export { createApp } from "./app.js"
export { type Config, configFromEnv } from "./config.js"
export type { Deps } from "./deps.js"
export { type System, startSystem } from "./system.js"
