/** The `bcs` resource provider plugin's process: serves the package face over gRPC to the engine. */
import * as provider from "@pulumi/pulumi/provider";
import { BcsPackageProvider } from "./provider";

void provider.main(new BcsPackageProvider(), process.argv.slice(2));
