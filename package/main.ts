/** The `bcs` resource provider plugin's process: serves the package face over gRPC to the engine. */
import * as provider from "@pulumi/pulumi/provider";
import { routeConfigure } from "./configure";
import { noticesToEngine } from "./notices";
import { BcsPackageProvider } from "./provider";

const bcs = new BcsPackageProvider();
routeConfigure((read) => bcs.configure(read));
const args = process.argv.slice(2);
void provider.main(noticesToEngine(bcs, args), args);
