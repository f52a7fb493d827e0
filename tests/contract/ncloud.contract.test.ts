import { createHmac } from "node:crypto";
import { fetchTransport } from "../../provider/http/transport";
import { NcloudClient } from "../../provider/ncloud/client";
import { mediaType, startRecorder, type Recorder } from "./recorder";

/**
 * The wire contract of NAVER Cloud Blockchain Service "Get CA identity", written down here from NAVER's
 * API pages (not imported from provider/ncloud/api.ts; NAVER publishes no SDK for this service), and
 * held against what the real client sends to a recording server.
 */

// api.ncloud-docs.com/docs/en/ca-identityblockchainservice-viewcasidentitylist ("Get CA identity"):
// GET /networks/{networkId}/cas/{caId}/identity on https://blockchainservice.apigw.ntruss.com/api/v1,
// headers x-ncp-apigw-timestamp, x-ncp-iam-access-key, x-ncp-apigw-signature-v2 and
// Content-Type: application/json, no body. The SGN base /api/sgn-v1 is from the service's API overview
// (api.ncloud-docs.com/docs/en/blockchainservice-overview).
const official = {
  method: "GET",
  bases: { KR: "/api/v1", SGN: "/api/sgn-v1" },
  path: "/networks/{networkId}/cas/{caId}/identity",
  mediaType: "application/json",
  headers: ["x-ncp-apigw-timestamp", "x-ncp-iam-access-key", "x-ncp-apigw-signature-v2"],
} as const;

// The same page's response example (identity names unmasked): content[] with networkId (Long), caId,
// identityName, identityType, expireDate, creator (Long), createDate, updateDate.
const documentedAnswer = {
  content: [
    {
      networkId: 1630,
      caId: "25728700",
      identityName: "bcsdemo-ca",
      identityType: "ADMIN",
      expireDate: "2027-07-29T07:29:00+0000",
      creator: 2795985,
      createDate: "2024-07-29T07:30:59+0000",
      updateDate: "2024-07-29T07:30:59+0000",
    },
  ],
};

const credentials = { accessKey: "NCPCONTRACTAK", secretKey: "NCPCONTRACTSK" };

let recorder: Recorder;
beforeEach(
  async () =>
    (recorder = await startRecorder(() => ({
      status: 200,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(documentedAnswer),
    }))),
);
afterEach(() => recorder.close());

describe.each(["KR", "SGN"] as const)("NAVER Get CA identity (%s)", (region) => {
  const client = () =>
    new NcloudClient({
      endpoint: recorder.url,
      region,
      credentials,
      transport: { attempt: fetchTransport(5000) },
    });

  it("sends the documented route, content type and signature headers", async () => {
    await client().listCaIdentities(1630, "25728700");
    const [request] = recorder.requests;
    expect(request.method).toBe(official.method);
    const expectedPath =
      official.bases[region] + official.path.replace("{networkId}", "1630").replace("{caId}", "25728700");
    expect(request.url).toBe(expectedPath);
    expect(mediaType(request.headers)).toBe(official.mediaType);
    expect(request.body).toHaveLength(0);
    for (const name of official.headers) expect(request.headers[name]).toBeDefined();

    // Signature v2 (api.ncloud-docs.com/docs/common-ncpapi): base64 HMAC-SHA256 of
    // "METHOD URI\ntimestamp\naccessKey", the URI as sent.
    const timestamp = request.headers["x-ncp-apigw-timestamp"] as string;
    expect(timestamp).toMatch(/^\d{13}$/);
    expect(request.headers["x-ncp-iam-access-key"]).toBe(credentials.accessKey);
    const expected = createHmac("sha256", credentials.secretKey)
      .update(`GET ${expectedPath}\n${timestamp}\n${credentials.accessKey}`)
      .digest("base64");
    expect(request.headers["x-ncp-apigw-signature-v2"]).toBe(expected);
  });

  it("reads every field of the documented answer", async () => {
    const {
      identities: [identity],
    } = await client().listCaIdentities(1630, "25728700");
    const wire = documentedAnswer.content[0];
    expect(identity).toMatchObject({
      networkId: wire.networkId,
      caId: wire.caId,
      identityName: wire.identityName,
      identityType: wire.identityType,
      creator: wire.creator,
    });
    for (const field of ["expireDate", "createDate", "updateDate"] as const) {
      expect(Date.parse(identity[field]!)).toBe(Date.parse(wire[field].replace("+0000", "Z")));
    }
  });
});
