import * as grpc from "@grpc/grpc-js";
import type * as provider from "@pulumi/pulumi/provider";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import type { LogRequest } from "@pulumi/pulumi/proto/engine_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { noticesToEngine } from "../../package/notices";
import { notice, routeNotices } from "../../provider/common/notice";

const URN = "urn:pulumi:dev::proj::bcs:index:UserCertificate::appUser";

/** A gRPC server speaking the engine's Log service on 127.0.0.1: keeps what it is sent, or refuses it. */
async function startEngine(refuse = false): Promise<{ address: string; logged: LogRequest[]; stop(): void }> {
  const logged: LogRequest[] = [];
  const server = new grpc.Server();
  server.addService(EngineService, {
    log(call: grpc.ServerUnaryCall<LogRequest, Empty>, callback: grpc.sendUnaryData<Empty>) {
      if (refuse) return callback({ code: grpc.status.UNAVAILABLE, details: "no" });
      logged.push(call.request);
      callback(null, new Empty());
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return { address: `127.0.0.1:${port}`, logged, stop: () => server.forceShutdown() };
}

/** A provider whose create says two notices, as the certificate providers do. */
const saying: provider.Provider = {
  version: "0.0.0",
  async create() {
    notice("appuser01: first");
    notice("appuser01: second");
    return { id: "id" };
  },
};

describe("the package face's notices (package/notices.ts)", () => {
  afterEach(() => routeNotices(undefined));

  it("reach the engine's log service, in order, attached to the resource, before the operation answers", async () => {
    const engine = await startEngine();
    try {
      const routed = noticesToEngine(saying, ["--logtostderr", "-v=9", engine.address]);
      await routed.create!(URN, {});
      expect(engine.logged.map((r) => [r.getUrn(), r.getMessage()])).toEqual([
        [URN, "pulumi-bcs: appuser01: first"],
        [URN, "pulumi-bcs: appuser01: second"],
      ]);
    } finally {
      engine.stop();
    }
  });

  it("go to stderr when the engine refuses them, so none is lost", async () => {
    const engine = await startEngine(true);
    const stderr = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      await noticesToEngine(saying, [engine.address]).create!(URN, {});
      expect(stderr.mock.calls).toEqual([
        ["pulumi-bcs: appuser01: first"],
        ["pulumi-bcs: appuser01: second"],
      ]);
    } finally {
      stderr.mockRestore();
      engine.stop();
    }
  });

  it("stay on stderr when the plugin is given no engine address", async () => {
    const stderr = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      await noticesToEngine(saying, ["--logtostderr"]).create!(URN, {});
      expect(stderr).toHaveBeenCalledTimes(2);
    } finally {
      stderr.mockRestore();
    }
  });
});
