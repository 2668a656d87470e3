#!/usr/bin/env node
// Gives a user a role as the database's owner (the three administrator roles): see docs/security.md.
import "../dist/grant-role.js"
