#!/usr/bin/env node
// Checks the hash chain of the audit log: see README ("The audit log").
import "../dist/verify-audit.js"
