//go:build race

package main

// raceEnabled makes builtBinary build with -race too, reusing the packages
// the test binary was compiled from instead of compiling them again.
const raceEnabled = true
