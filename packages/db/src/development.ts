/**
 * The development queries moved to `development/`; this file keeps `./development.js` working for the demo
 * district (`demo/district.ts`, `demo/load.ts`) and its tests until the demo moves to its own package.
 */
export * from "./development/index.js"
