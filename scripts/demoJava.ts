import { createJavaStack } from "../testing/javaStack";
import { runPackageDemo } from "./packageDemo";

/** The Java demo (`npm run demo:java`): examples/java, prebuilt, through the Java host (scripts/packageDemo.ts). */
runPackageDemo("java", (scratch, passphrase) =>
  createJavaStack({ scratch, stackName: "demo", passphrase }),
).catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
