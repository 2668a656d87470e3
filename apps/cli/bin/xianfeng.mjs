#!/usr/bin/env node
// The xianfeng command line: see apps/cli/README.md.
import "../dist/main.js"
