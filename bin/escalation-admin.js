#!/usr/bin/env node
// The administrator's command-line tool; the code is compiled to dist/ by `npm run build` (`npm run admin`
// builds first).
"use strict";
const { main } = require("../dist/src/cli/escalation-admin.js");
main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code;
});
