import { zipSync, strToU8 } from "fflate";
import { fetchTransport } from "../../provider/http/transport";
import type { HuaweiCredentials } from "../../provider/huawei/auth";
import { BcsClient } from "../../provider/huawei/bcsClient";
import {
  formParts,
  jsonFieldPaths,
  mediaType,
  startRecorder,
  type CannedAnswer,
  type RecordedRequest,
  type Recorder,
} from "./recorder";

/**
 * The wire contract of Huawei BCS v2 and IAM v3, written down here from Huawei's official SDKs (not
 * imported from provider/huawei/api.ts), and held against what the real client sends to a recording
 * server. A change of route, method, content type, form field or JSON field in the client fails here.
 * Commits are those of the stored copies read (docs/decisions/0009-official-sources.md).
 */

type Body =
  | { kind: "json"; fields: string[]; required: string[] }
  | { kind: "form"; fields: string[] }
  | { kind: "none" };

interface Contract {
  method: string;
  path: string;
  query: string[];
  mediaType: string;
  body: Body;
}

const FREEZE_FILE = "file";

const official = {
  // huaweicloud-sdk-go-v3 services/iam/v3/iam_meta.go GenReqDefForKeystoneCreateUserTokenByPassword
  // (5a694507): POST /v3/auth/tokens, query `nocatalog`, application/json;charset=UTF-8, token in the
  // X-Subject-Token response header. Body fields: services/iam/v3/model/model_pwd_password_user.go
  // (19e5023a) and the IAM page "Obtaining an IAM User Token" (api-iam/iam_30_0001).
  createToken: {
    method: "POST",
    path: "/v3/auth/tokens",
    query: ["nocatalog"],
    mediaType: "application/json",
    body: {
      kind: "json",
      fields: [
        "auth.identity.methods",
        "auth.identity.password.user.name",
        "auth.identity.password.user.password",
        "auth.identity.password.user.domain.name",
        "auth.scope.project.id",
      ],
      required: [
        "auth.identity.methods",
        "auth.identity.password.user.name",
        "auth.identity.password.user.password",
        "auth.identity.password.user.domain.name",
        "auth.scope.project.id",
      ],
    },
  },
  // huaweicloud-sdk-go-v3 services/bcs/v2/bcs_meta.go GenReqDefForCreateBlockchainCertByUserName
  // (0ccecf22): POST, application/json; body services/bcs/v2/model/
  // model_create_blockchain_cert_by_user_name_request_body.go (262a6993): `security_mode,omitempty`.
  createUserCert: {
    method: "POST",
    path: "/v2/{project_id}/blockchains/{blockchain_id}/orgs/{org_name}/usercert/{user_name}",
    query: [],
    mediaType: "application/json",
    body: { kind: "json", fields: ["security_mode"], required: [] },
  },
  // With the zip: huaweicloud-sdk-java-v3 services/bcs/.../v2/BcsMeta.java (freezeCert, unfreezeCert:
  // withContentType("multipart/form-data")), .../v2/model/FreezeCertRequestBody.java (0b22d68b):
  // put("file", file); huaweicloud-sdk-python-v3 huaweicloud-sdk-bcs/huaweicloudsdkbcs/v2/
  // bcs_async_client.py _freeze_cert_http_info, _unfreeze_cert_http_info: form_params['file'],
  // ['multipart/form-data'].
  freezeCertWithZip: {
    method: "POST",
    path: "/v2/{project_id}/blockchains/{blockchain_id}/orgs/{org_name}/usercert/{user_name}/freeze",
    query: [],
    mediaType: "multipart/form-data",
    body: { kind: "form", fields: [FREEZE_FILE] },
  },
  unfreezeCertWithZip: {
    method: "POST",
    path: "/v2/{project_id}/blockchains/{blockchain_id}/orgs/{org_name}/usercert/{user_name}/unfreeze",
    query: [],
    mediaType: "multipart/form-data",
    body: { kind: "form", fields: [FREEZE_FILE] },
  },
  // Without the zip: huaweicloud-sdk-go-v3 services/bcs/v2/bcs_meta.go GenReqDefForFreezeCert and
  // GenReqDefForUnfreezeCert (0ccecf22): application/json and path fields only, no body field
  // (services/bcs/v2/model/model_freeze_cert_request.go, 0eb71622).
  freezeCertHosted: {
    method: "POST",
    path: "/v2/{project_id}/blockchains/{blockchain_id}/orgs/{org_name}/usercert/{user_name}/freeze",
    query: [],
    mediaType: "application/json",
    body: { kind: "none" },
  },
  unfreezeCertHosted: {
    method: "POST",
    path: "/v2/{project_id}/blockchains/{blockchain_id}/orgs/{org_name}/usercert/{user_name}/unfreeze",
    query: [],
    mediaType: "application/json",
    body: { kind: "none" },
  },
} satisfies Record<string, Contract>;

const values = {
  project_id: "0123456789abcdef0123456789abcdef",
  blockchain_id: "bcs-contract-01",
  org_name: "org1",
  user_name: "alice01",
};
const params = {
  blockchain_id: values.blockchain_id,
  org_name: values.org_name,
  user_name: values.user_name,
};
const zip = Buffer.from(zipSync({ "msp/signcerts/alice01@org1-cert.pem": strToU8("not checked here") }));
const TOKEN = "MIIcontract-token";

function fill(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_whole, name: keyof typeof values) =>
    encodeURIComponent(values[name]),
  );
}

/** Answers as the official response models say: 201 + X-Subject-Token, the zip, `{result}`. */
function cloud(request: RecordedRequest): CannedAnswer {
  if (request.url.startsWith("/v3/auth/tokens")) {
    return {
      status: 201,
      headers: { "X-Subject-Token": TOKEN, "Content-Type": "application/json" },
      body: JSON.stringify({ token: { expires_at: "2099-01-01T00:00:00.000000Z" } }),
    };
  }
  if (/\/(un)?freeze$/.test(request.url)) {
    return { status: 200, headers: { "Content-Type": "application/json" }, body: '{"result":"success"}' };
  }
  return { status: 200, headers: { "Content-Type": "application/zip" }, body: zip };
}

let recorder: Recorder;
beforeEach(async () => (recorder = await startRecorder(cloud)));
afterEach(() => recorder.close());

function client(credentials: HuaweiCredentials): BcsClient {
  return new BcsClient(
    { endpoint: recorder.url, credentials, transport: { attempt: fetchTransport(5000) } },
    values.project_id,
  );
}

const password: HuaweiCredentials = {
  kind: "password",
  userName: "contract-user",
  password: "contract-password",
  domainName: "contract-domain",
  iamEndpoint: "", // set per test: the recorder's URL
};
const aksk: HuaweiCredentials = { kind: "aksk", accessKey: "CONTRACTAK", secretKey: "CONTRACTSK" };

async function expectContract(request: RecordedRequest, contract: Contract): Promise<void> {
  const url = new URL(request.url, "http://recorder");
  expect(request.method).toBe(contract.method);
  expect(url.pathname).toBe(fill(contract.path));
  expect([...url.searchParams.keys()].sort()).toEqual(contract.query);
  expect(mediaType(request.headers)).toBe(contract.mediaType);
  const { body } = contract;
  switch (body.kind) {
    case "none":
      expect(request.body).toHaveLength(0);
      break;
    case "json": {
      const fields = jsonFieldPaths(JSON.parse(request.body.toString("utf8")));
      expect(fields.filter((field) => !body.fields.includes(field))).toEqual([]);
      expect(body.required.filter((field) => !fields.includes(field))).toEqual([]);
      break;
    }
    case "form": {
      expect(request.headers["content-type"]).toMatch(/;\s*boundary=/);
      const parts = await formParts(request);
      expect(parts.map((part) => part.name)).toEqual(body.fields);
      // The SDKs' field comment: one .zip of at most 30 K (文件大小不大于30K，后缀名为.zip文件).
      expect(parts[0].filename).toMatch(/\.zip$/);
      expect(parts[0].bytes).toBe(zip.length);
      break;
    }
  }
}

describe("Huawei BCS and IAM: the client sends what the official SDKs define", () => {
  it("IAM token (password), then generate a user certificate with the token", async () => {
    await client({ ...password, iamEndpoint: recorder.url }).createUserCert(params, { security_mode: true });
    const [token, create] = recorder.requests;
    await expectContract(token, official.createToken);
    await expectContract(create, official.createUserCert);
    expect(create.headers["x-auth-token"]).toBe(TOKEN);
    expect(JSON.parse(create.body.toString("utf8"))).toEqual({ security_mode: true });
  });

  it("generate a user certificate without security_mode sends no field", async () => {
    await client(aksk).createUserCert(params, {});
    await expectContract(recorder.requests[0], official.createUserCert);
    expect(recorder.requests[0].body.toString("utf8")).toBe("{}");
  });

  it("freeze and unfreeze with the certificate's zip: the multipart part `file`", async () => {
    await client(aksk).freeze(params, zip);
    await client(aksk).unfreeze(params, zip);
    await expectContract(recorder.requests[0], official.freezeCertWithZip);
    await expectContract(recorder.requests[1], official.unfreezeCertWithZip);
  });

  it("freeze and unfreeze without a zip: the Go SDK's request, JSON content type and no body", async () => {
    await client(aksk).freeze(params);
    await client(aksk).unfreeze(params);
    await expectContract(recorder.requests[0], official.freezeCertHosted);
    await expectContract(recorder.requests[1], official.unfreezeCertHosted);
  });
});

describe("Huawei AK/SK headers, as the Go and Python SDK cores set them", () => {
  const signedHeaders = (request: RecordedRequest) =>
    /SignedHeaders=([^,\s]+)/.exec(request.headers.authorization ?? "")?.[1].split(";") ?? [];

  // huaweicloud-sdk-go-v3 core/auth/basic/basic_icredential.go ProcessAuthRequest (020e9a08) and
  // huaweicloud-sdk-python-v3 huaweicloudsdkcore/auth/credentials.py sign_request (07b25212):
  // X-Project-Id always; X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD when Content-Type is not JSON; then
  // core/auth/signer/signer.go Sign (19e5023a) signs every header and adds X-Sdk-Date, Authorization.
  it("a multipart upload is signed as UNSIGNED-PAYLOAD, the header among the signed ones", async () => {
    await client(aksk).freeze(params, zip);
    const [upload] = recorder.requests;
    expect(upload.headers["x-sdk-content-sha256"]).toBe("UNSIGNED-PAYLOAD");
    expect(signedHeaders(upload)).toEqual(expect.arrayContaining(["x-sdk-content-sha256", "x-sdk-date"]));
    expect(upload.headers["x-project-id"]).toBe(values.project_id);
    expect(upload.headers.authorization).toMatch(
      /^SDK-HMAC-SHA256 Access=CONTRACTAK, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/,
    );
    expect(upload.headers["x-sdk-date"]).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it("a JSON request (or one with no body) is signed over its body hash, without that header", async () => {
    await client(aksk).createUserCert(params, {});
    await client(aksk).freeze(params);
    for (const request of recorder.requests) {
      expect(request.headers["x-sdk-content-sha256"]).toBeUndefined();
      expect(signedHeaders(request)).not.toContain("x-sdk-content-sha256");
    }
  });
});
