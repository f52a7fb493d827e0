import { createGoStack } from "../testing/goStack";
import { runPackageDemo } from "./packageDemo";

/** The Go demo (`npm run demo:go`): examples/go, prebuilt, through the Go host (scripts/packageDemo.ts). */
runPackageDemo("go", (scratch, passphrase) =>
  createGoStack({ scratch, stackName: "demo", passphrase }),
).catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
