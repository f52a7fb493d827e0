import { notice } from "../common/notice";
import { ApiError, bodyExcerpt, jsonBody } from "../http/errors";
import { multipartFile } from "../http/multipart";
import { serverText } from "../http/serverText";
import { fillPath } from "../http/pathTemplate";
import { AmbiguousOutcomeError } from "../http/retry";
import {
  sendingThrough,
  TransportError,
  type ApiTransport,
  type Handler,
  type HttpRequest,
  type Middleware,
} from "../http/transport";
import { FREEZE_FILE_MAX_BYTES, huaweiRoutes, type CreateUserCertBody, type UserCertPathParams } from "./api";
import { akskSigning, iamTokenSource, tokenAuth, type HuaweiCredentials } from "./auth";
import { huaweiError } from "./errors";
import { RecentFreezes } from "./freezeSettle";
import { mayMeanIssued } from "./recovery";
import { requestIdOf } from "../http/requestId";

const SERVICE = "Huawei BCS";
/** `PK\x03\x04`, the signature every zip starts with (its first local file header). */
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Safe mode: an earlier attempt of this same request reached BCS and its answer was lost, and the
 * repeat was refused (4xx), most likely because the name now holds the certificate that lost answer
 * carried; whatever code BCS uses for that (provider/huawei/recovery.ts).
 */
export class IssuedWithoutAnswerError extends Error {
  constructor(readonly refusal: ApiError) {
    super(`a certificate may have been issued but its answer was lost (the repeat got ${refusal.message})`);
    this.name = "IssuedWithoutAnswerError";
  }
}

export interface BcsClientOptions {
  endpoint: string;
  credentials: HuaweiCredentials;
  transport: ApiTransport;
  clock?: () => Date;
  /** bcs:freezeSettleMs: how long a safe-mode POST after a freeze of its name is retried (default 90 s). */
  freezeSettleMs?: number;
}

/** The documented 0.5 to 1 minute of FreezeCert, with room (settings.ts, freezeSettleMs). */
const DEFAULT_FREEZE_SETTLE_MS = 90_000;

/** The user-certificate operations of Huawei Cloud BCS v2 for one project. */
export class BcsClient {
  private readonly send: Handler;
  private readonly endpoint: string;
  /** The freezes this client made, for a later POST of the same name (./freezeSettle.ts). */
  readonly freezes = new RecentFreezes();
  readonly freezeSettleMs: number;

  constructor(
    options: BcsClientOptions,
    readonly projectId: string,
  ) {
    const clock = options.clock ?? (() => new Date());
    this.endpoint = options.endpoint.replace(/\/+$/, "");
    this.freezeSettleMs = options.freezeSettleMs ?? DEFAULT_FREEZE_SETTLE_MS;
    this.send = sendingThrough(
      options.transport,
      authFor(options.credentials, options.transport, projectId, clock),
    );
  }

  /** POST …/usercert/{user_name}: returns the certificate zip (any 2xx carrying one). */
  async createUserCert(
    params: Omit<UserCertPathParams, "project_id">,
    body: CreateUserCertBody,
  ): Promise<Buffer> {
    const request: HttpRequest = {
      method: huaweiRoutes.createUserCert.method,
      url: this.url(huaweiRoutes.createUserCert.path, params),
      headers: { "Content-Type": "application/json" },
      body: Buffer.from(JSON.stringify(body)),
      // Safe mode holds one certificate per name, so a repeat cannot issue a second one: BCS refuses
      // it (with a code no document names). That makes re-sending after a lost answer safe, and detectable.
      idempotent: body.security_mode === true,
    };
    const response = await this.send(request);
    // A 5xx may come after the certificate was issued: its answer is as lost as after a timeout. (A
    // 503 says the request was not carried out, unless an earlier attempt's answer was lost.)
    if (response.status >= 500 && (response.status !== 503 || response.lostAnswers)) {
      const url = new URL(request.url);
      const cause = `${request.method} ${url.origin}${url.pathname}: answered ${response.status}`;
      throw new AmbiguousOutcomeError(new TransportError(cause, request.url, true));
    }
    // Any 2xx may carry the zip: the Go SDK takes every status below 400 as an answer
    // (core/sdkerr/error_handler.go DefaultErrorHandler.HandleError); a 3xx never gets this far.
    if (response.status < 200 || response.status > 299) {
      const error = huaweiError(SERVICE, response);
      if (response.lostAnswers && body.security_mode === true && mayMeanIssued(error))
        throw new IssuedWithoutAnswerError(error);
      throw error;
    }
    const type = response.headers["content-type"] ?? "";
    // The SDKs read the 200 as a raw stream and never its Content-Type, which no document gives (the API
    // page's example even shows {"result":"success"}): the zip's own local-file-header signature decides.
    if (!response.body.subarray(0, 4).equals(ZIP_SIGNATURE)) {
      throw new ApiError(
        SERVICE,
        response.status,
        "UNEXPECTED_BODY",
        // Never quoted: a certificate answer may hold the new private key, whatever its label says.
        `expected the certificate zip, got ${serverText(type, 100) || "no content type"} (${response.body.length} bytes, not shown)`,
        "the certificate may have been generated without its files reaching us; freeze it in the console and retry",
        requestIdOf(response),
      );
    }
    return response.body;
  }

  /**
   * POST …/usercert/{user_name}/freeze, identifying the certificate by its zip when given. Remembered
   * (with `serial` when known), so a safe-mode POST of the same name waits for it to take effect.
   */
  async freeze(
    params: Omit<UserCertPathParams, "project_id">,
    archive?: Buffer,
    serial?: string,
  ): Promise<void> {
    await this.freezeOrUnfreeze("freezeCert", params, archive);
    this.freezes.record(params, serial);
  }

  /** POST …/usercert/{user_name}/unfreeze. */
  unfreeze(params: Omit<UserCertPathParams, "project_id">, archive?: Buffer): Promise<void> {
    return this.freezeOrUnfreeze("unfreezeCert", params, archive);
  }

  private async freezeOrUnfreeze(
    route: "freezeCert" | "unfreezeCert",
    params: Omit<UserCertPathParams, "project_id">,
    archive?: Buffer,
  ): Promise<void> {
    // With the zip: the multipart part `file` (Java and Python SDKs, the API page). Without it: the Go
    // SDK's request, JSON content type and no body (docs/decisions/0009-official-sources.md).
    if (archive && archive.length > FREEZE_FILE_MAX_BYTES)
      throw new ArchiveTooLargeError(params, archive.length);
    const form = archive
      ? multipartFile("file", `${params.user_name}.zip`, archive)
      : { contentType: "application/json", body: undefined };
    const response = await this.send({
      method: huaweiRoutes[route].method,
      url: this.url(huaweiRoutes[route].path, params),
      headers: { "Content-Type": form.contentType },
      body: form.body,
      idempotent: true, // freezing a frozen certificate (or unfreezing an active one) changes nothing
    });
    if (response.status < 200 || response.status > 299) throw huaweiError(SERVICE, response);
    // The SDKs type `result` as a free string: any 2xx is success, and an unexpected result is logged.
    const result = (jsonBody(response) as { result?: unknown } | undefined)?.result;
    if (result !== "success") {
      const said =
        typeof result === "string"
          ? `result "${serverText(result, 200)}"`
          : `no result (${JSON.stringify(bodyExcerpt(response))})`;
      const action = route === "freezeCert" ? "freeze" : "unfreeze";
      notice(`${params.user_name}: ${action} answered ${response.status} with ${said}`);
    }
  }

  private url(template: string, params: Omit<UserCertPathParams, "project_id">): string {
    return this.endpoint + fillPath(template, { ...params, project_id: this.projectId });
  }
}

/** The freeze upload is bounded by the API (FreezeCert `file`: "at most 30 K"); checked before sending. */
export class ArchiveTooLargeError extends Error {
  constructor(params: Omit<UserCertPathParams, "project_id">, bytes: number) {
    super(
      `${params.user_name}: the certificate's zip is ${bytes} bytes, and BCS takes at most ${FREEZE_FILE_MAX_BYTES} ` +
        "(30 KB) in a freeze or unfreeze upload, so it was not sent. Freeze or unfreeze the certificate in the " +
        "Huawei Cloud console; after a destroy, `pulumi state delete` the resource",
    );
    this.name = "ArchiveTooLargeError";
  }
}

function authFor(
  credentials: HuaweiCredentials,
  transport: ApiTransport,
  projectId: string,
  clock: () => Date,
): Middleware {
  switch (credentials.kind) {
    case "aksk":
      return akskSigning(credentials, projectId, clock);
    case "token":
      return tokenAuth({ get: async () => credentials.token });
    case "password":
      return tokenAuth(iamTokenSource(transport, credentials, projectId, clock));
  }
}
