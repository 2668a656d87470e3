#!/usr/bin/env node
// The impact report's command line (pnpm impact): see README.
import "../dist/cli.js"
