import { ApiError, bodyExcerpt, jsonBody } from "../http/errors";
import { multipartFile } from "../http/multipart";
import { serverText } from "../http/serverText";
import { fillPath } from "../http/pathTemplate";
import { compose, type Handler, type Middleware } from "../http/transport";
import { huaweiRoutes, type CreateUserCertBody, type UserCertPathParams } from "./api";
import { akskSigning, iamTokenSource, tokenAuth, type HuaweiCredentials } from "./auth";
import { huaweiError } from "./errors";

const SERVICE = "Huawei BCS";

/**
 * Safe mode: an earlier attempt of this same request reached BCS and its answer was lost, and the
 * repeat was refused because the name now holds a certificate, the one that lost answer carried.
 */
export class IssuedWithoutAnswerError extends Error {
  constructor(readonly refusal: ApiError) {
    super(`a certificate was issued but its answer was lost (the repeat got ${refusal.code})`);
    this.name = "IssuedWithoutAnswerError";
  }
}

export interface BcsClientOptions {
  endpoint: string;
  credentials: HuaweiCredentials;
  transport: Handler;
  clock?: () => Date;
}

/** The user-certificate operations of Huawei Cloud BCS v2 for one project. */
export class BcsClient {
  private readonly send: Handler;
  private readonly endpoint: string;

  constructor(
    options: BcsClientOptions,
    readonly projectId: string,
  ) {
    const clock = options.clock ?? (() => new Date());
    this.endpoint = options.endpoint.replace(/\/+$/, "");
    this.send = compose(options.transport, authFor(options.credentials, options.transport, projectId, clock));
  }

  /** POST …/usercert/{user_name}: returns the certificate zip. */
  async createUserCert(
    params: Omit<UserCertPathParams, "project_id">,
    body: CreateUserCertBody,
  ): Promise<Buffer> {
    const response = await this.send({
      method: huaweiRoutes.createUserCert.method,
      url: this.url(huaweiRoutes.createUserCert.path, params),
      headers: { "Content-Type": "application/json" },
      body: Buffer.from(JSON.stringify(body)),
      // Safe mode holds one certificate per name, so a repeat cannot issue a second one: BCS refuses
      // it (BCS.4006020). That makes re-sending after a lost answer safe, and detectable.
      idempotent: body.security_mode === true,
    });
    if (response.status !== 200) {
      const error = huaweiError(SERVICE, response);
      if (response.lostAnswers && error.code === "BCS.4006020") throw new IssuedWithoutAnswerError(error);
      throw error;
    }
    const type = response.headers["content-type"] ?? "";
    // The docs' example shows {"result":"success"} for 200, while the SDKs model a file stream.
    if (type.includes("json") || response.body.subarray(0, 2).toString("latin1") !== "PK") {
      throw new ApiError(
        SERVICE,
        200,
        "UNEXPECTED_BODY",
        // Never quoted: a certificate answer may hold the new private key, whatever its label says.
        `expected the certificate zip, got ${serverText(type, 100) || "no content type"} (${response.body.length} bytes, not shown)`,
        "the certificate may have been generated without its files reaching us; freeze it in the console and retry",
      );
    }
    return response.body;
  }

  /** POST …/usercert/{user_name}/freeze, identifying the certificate by its zip when given. */
  freeze(params: Omit<UserCertPathParams, "project_id">, archive?: Buffer): Promise<void> {
    return this.freezeOrUnfreeze(huaweiRoutes.freezeCert.path, params, archive);
  }

  /** POST …/usercert/{user_name}/unfreeze. */
  unfreeze(params: Omit<UserCertPathParams, "project_id">, archive?: Buffer): Promise<void> {
    return this.freezeOrUnfreeze(huaweiRoutes.unfreezeCert.path, params, archive);
  }

  private async freezeOrUnfreeze(
    path: string,
    params: Omit<UserCertPathParams, "project_id">,
    archive?: Buffer,
  ): Promise<void> {
    const form = archive
      ? multipartFile("file", `${params.user_name}.zip`, archive)
      : { contentType: "application/json", body: Buffer.from("{}") };
    const response = await this.send({
      method: "POST",
      url: this.url(path, params),
      headers: { "Content-Type": form.contentType },
      body: form.body,
      idempotent: true, // freezing a frozen certificate (or unfreezing an active one) changes nothing
    });
    if (response.status !== 200) throw huaweiError(SERVICE, response);
    const body = jsonBody(response) as { result?: unknown } | undefined;
    if (body?.result !== "success") {
      throw new ApiError(
        SERVICE,
        200,
        "UNEXPECTED_BODY",
        bodyExcerpt(response),
        'expected {"result":"success"}',
      );
    }
  }

  private url(template: string, params: Omit<UserCertPathParams, "project_id">): string {
    return this.endpoint + fillPath(template, { ...params, project_id: this.projectId });
  }
}

function authFor(
  credentials: HuaweiCredentials,
  transport: Handler,
  projectId: string,
  clock: () => Date,
): Middleware {
  switch (credentials.kind) {
    case "aksk":
      return akskSigning(credentials, projectId, clock);
    case "token":
      return tokenAuth(async () => credentials.token);
    case "password":
      return tokenAuth(iamTokenSource(transport, credentials, projectId, clock));
  }
}
