{
  "name": "@xianfeng/__package__",
  "version": "0.0.0",
  "description": "__titleEn__ (__titleZh__): the rules of the area as data with citations. Pure: data in, verdicts out.",
  "license": "Apache-2.0",
  "type": "module",
  "sideEffects": false,
  "exports": {
    ".": {
      "types": "./dist/index.d.ts",
      "default": "./dist/index.js"
    },
    "./testing": {
      "types": "./dist/testing.d.ts",
      "default": "./dist/testing.js"
    },
    "./package.json": "./package.json",
    "./internal/*": null
  },
  "files": ["dist", "README.md"],
  "publishConfig": {
    "access": "public"
  },
  "scripts": {
    "build": "tsup && tsc -p tsconfig.build.json",
    "typecheck": "tsc --noEmit",
    "test": "vitest run"
  },
  "dependencies": {
    "@xianfeng/core": "workspace:^",
    "effect": "catalog:",
    "temporal-polyfill": "catalog:"
  },
  "devDependencies": {
    "@types/node": "catalog:",
    "@typescript/native": "catalog:",
    "fast-check": "catalog:",
    "tsup": "catalog:",
    "typescript": "catalog:",
    "vitest": "catalog:"
  }
}
