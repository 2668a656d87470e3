{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "rootDir": "src", "outDir": "dist", "emitDeclarationOnly": true, "noEmit": false },
  "include": ["src"]
}
