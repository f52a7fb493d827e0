import * as pulumi from "@pulumi/pulumi";

/**
 * The "noop" series of the benchmark: `count` dynamic resources with the same inputs as the
 * UserCertificates of bench/program, whose provider does no work. This is what the engine costs for
 * dynamic resources on its own: the program, serialization of `__provider`, the gRPC round trips to the
 * dynamic provider process and the checkpoints of the state.
 */
const noop: pulumi.dynamic.ResourceProvider = {
  async create(inputs: Record<string, string>) {
    return { id: `${inputs.orgName}/${inputs.userName}`, outs: inputs };
  },
};

class Noop extends pulumi.dynamic.Resource {
  constructor(name: string, args: Record<string, pulumi.Input<string>>) {
    super(noop, name, args, undefined, "bench", "Noop");
  }
}

const config = new pulumi.Config();
const count = config.requireNumber("count");
const projectId = config.require("projectId");
const blockchainId = config.require("blockchainId");

for (let i = 0; i < count; i++) {
  new Noop(`noop-${i}`, {
    projectId,
    blockchainId,
    orgName: i % 2 === 0 ? "org1" : "org2",
    userName: `bench${String(i).padStart(4, "0")}`,
  });
}
