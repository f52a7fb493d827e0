/** The Go face's stack for the scenario table: examples/go, prebuilt, through the Go host (scripts/goStack.ts). */
export { createGoStack, type GoStackOptions } from "../../../scripts/goStack";
