#!/usr/bin/env node
// Runs when Pulumi installs the plugin's dependencies (`npm install` in provider/,
// its "prepare" script): after `pulumi package add <git URL>/provider` the
// clone has neither berth's dependencies nor its build, so install and build
// berth once. In a checkout that is already built (the path form) it does nothing.
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const built = [path.join(root, "dist", "provider", "main.js"), path.join(root, "node_modules", "@pulumi", "pulumi", "package.json")];
if (built.every((file) => fs.existsSync(file))) {
    process.exit(0);
}
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const install = fs.existsSync(path.join(root, "package-lock.json")) ? "ci" : "install";
console.log(`berth: installing and building the package in ${root} (npm ${install}; its prepare script runs tsc)`);
execFileSync(npm, [install, "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
if (!fs.existsSync(built[0])) {
    execFileSync(npm, ["run", "build"], { cwd: root, stdio: "inherit" });
}
