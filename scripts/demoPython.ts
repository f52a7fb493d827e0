import { runPackageDemo } from "./packageDemo";
import { createPythonStack } from "../testing/pythonStack";

/** The Python demo (`npm run demo:python`): examples/python on its venv, through the Python host (scripts/packageDemo.ts). */
runPackageDemo("python", (scratch, passphrase) =>
  createPythonStack({ scratch, stackName: "demo", passphrase }),
).catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
