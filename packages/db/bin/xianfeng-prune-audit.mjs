#!/usr/bin/env node
// Archives and removes audit rows older than the retention period: see docs/security.md.
import "../dist/prune-audit.js"
