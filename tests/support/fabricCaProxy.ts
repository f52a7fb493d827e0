import type { ServerResponse } from "node:http";
import { forward, send } from "./certificateProxy";
import type { RecordedRequest } from "./hostileServer";

/** What an enrollment answer hands over, decoded. */
export interface EnrollmentAnswer {
  certificatePem: string;
  caChainPem: string;
}

export type EnrollmentRewrite = (answer: EnrollmentAnswer) => EnrollmentAnswer | Promise<EnrollmentAnswer>;

export interface FabricCaProxy {
  handler: (request: RecordedRequest, res: ServerResponse) => void;
  /** The registrar's certificate, from the first enrollment answer the registrar got through the proxy. */
  registrarCertificatePem?: string;
  /** Rewrites the answers to the enrollments (HTTP Basic) of anyone but the registrar. */
  enroll?: EnrollmentRewrite;
  /** Rewrites the answers to every re-enrollment. */
  reenroll?: EnrollmentRewrite;
}

const fromBase64 = (s: string) => Buffer.from(s, "base64").toString("utf8");
const toBase64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

function basicUser(request: RecordedRequest): string | undefined {
  const auth = request.headers.authorization ?? "";
  return auth.startsWith("Basic ") ? fromBase64(auth.slice(6)).split(":")[0] : undefined;
}

/**
 * A handler for a hostile server in front of a real fabric-ca-server: every request goes through to
 * `upstream`, the CA really issues each certificate, and the answers to enrollments are rewritten as
 * the test says (the hostile CA of docs/reliability-and-security.md).
 */
export function fabricCaProxy(upstream: string, registrarId: string): FabricCaProxy {
  const proxy: FabricCaProxy = {
    handler: (request, res) => {
      void (async () => {
        const answer = await forward(upstream, request);
        const path = request.url.split("?")[0];
        const kind = /\/reenroll$/.test(path) ? "reenroll" : /\/enroll$/.test(path) ? "enroll" : undefined;
        if (!kind || answer.status < 200 || answer.status > 299) return send(res, answer);
        const body = JSON.parse(answer.body.toString("utf8")) as {
          result: { Cert: string; ServerInfo: { CAChain: string } };
        };
        const given = {
          certificatePem: fromBase64(body.result.Cert),
          caChainPem: fromBase64(body.result.ServerInfo.CAChain),
        };
        if (kind === "enroll" && basicUser(request) === registrarId) {
          proxy.registrarCertificatePem ??= given.certificatePem;
          return send(res, answer);
        }
        const rewrite = proxy[kind];
        if (!rewrite) return send(res, answer);
        const changed = await rewrite(given);
        body.result.Cert = toBase64(changed.certificatePem);
        body.result.ServerInfo.CAChain = toBase64(changed.caChainPem);
        send(res, { ...answer, body: Buffer.from(JSON.stringify(body)) });
      })().catch((err: Error) => send(res, { status: 599, headers: {}, body: Buffer.from(err.message) }));
    },
  };
  return proxy;
}
