import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { startMinio } from "../../../testing/minioServer";
import { bucketTexts, directoryTexts } from "../../support/bucketScan";
import { secretHits } from "../../support/secretHits";
import { exportState, SECRET_MSP_ID, type CreateStack, type FaceContext } from "./context";

const HOLDERS = ["appUser", "fabricUser"];

interface StoredResource {
  urn: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** `[resource, inputs|outputs, mspId as stored]` of each holder in a `pulumi stack export`. */
function storedMspIds(exported: string): unknown[][] {
  const resources =
    (JSON.parse(exported) as { deployment: { resources?: StoredResource[] } }).deployment.resources ?? [];
  return HOLDERS.flatMap((name) => {
    const found = resources.find((r) => r.urn.endsWith(`::${name}`));
    return [
      [name, "inputs", found?.inputs?.mspId],
      [name, "outputs", found?.outputs?.mspId],
    ];
  });
}

/** What `storedMspIds` must give: the value encrypted, in the inputs and in the outputs of both. */
const encrypted = () =>
  HOLDERS.flatMap((name) =>
    ["inputs", "outputs"].map((where) => [
      name,
      where,
      expect.objectContaining({ ciphertext: expect.any(String) }),
    ]),
  );

const secretMspId = new Map([["the secret mspId", SECRET_MSP_ID]]);

/** Each `<prefix><name>` of `texts`: one haystack per stored file or object. */
const named = (prefix: string, texts: Record<string, string>) =>
  Object.fromEntries(Object.entries(texts).map(([name, text]) => [`${prefix}${name}`, text]));

/**
 * The face's stack, already up on its file backend: the secret `mspId` is ciphertext in the inputs and
 * outputs of the state, and in plain text in no file the backend wrote nor in what the engine said.
 */
export function secretInputsOnFileBackend(
  ctx: FaceContext,
  stack: Stack,
  said: Record<string, string>,
): void {
  const exported = exportState(ctx, stack);
  expect(storedMspIds(exported)).toEqual(encrypted());
  expect(
    secretHits(secretMspId, {
      "pulumi stack export": exported,
      ...named("the file backend's ", directoryTexts(join(ctx.scratch, "state"))),
      ...said,
    }),
  ).toEqual([]);
}

/**
 * The same program on a second stack whose backend is a bucket of a real MinIO: up, then the export and
 * every object of the bucket (checkpoints, history, backups) checked as on the file backend, then
 * destroy. Other user names than the face's stack, which is still up (safe mode: one per name).
 */
export async function secretInputsOnS3Backend(ctx: FaceContext, createStack: CreateStack): Promise<void> {
  const minio = await startMinio({ bucket: "faces-secrets" });
  const scratch = join(ctx.scratch, "s3-backend");
  mkdirSync(scratch);
  const onS3: FaceContext = {
    ...ctx,
    stackName: `${ctx.stackName}-s3`,
    scratch,
    env: {
      ...ctx.env,
      PULUMI_BACKEND_URL: minio.backendUrl,
      ...minio.cliEnv,
      // Nothing from this machine's AWS setup.
      AWS_CONFIG_FILE: join(scratch, "no-aws-config"),
      AWS_SHARED_CREDENTIALS_FILE: join(scratch, "no-aws-credentials"),
    },
    config: {
      ...ctx.config,
      userName: { value: `${ctx.userName}s3` },
      enrollmentId: { value: `${ctx.enrollmentId}s3` },
    },
  };
  const client = minio.client();
  let stack: Stack | undefined;
  try {
    stack = await createStack(onS3);
    const printed: string[] = [];
    const up = await stack.up({ onOutput: (s) => printed.push(s) });
    expect(up.summary.resourceChanges).toEqual({ create: 3 });
    const exported = exportState(onS3, stack);
    expect(storedMspIds(exported)).toEqual(encrypted());
    const stored = await bucketTexts(client, minio.bucket);
    expect(Object.keys(stored).some((key) => key.includes(onS3.stackName))).toBe(true);
    expect(
      secretHits(secretMspId, {
        "pulumi stack export": exported,
        ...named("the bucket's ", stored),
        "the output of up": printed.join(""),
      }),
    ).toEqual([]);
    await stack.destroy();
  } finally {
    await stack?.workspace.removeStack(onS3.stackName, { force: true }).catch(() => undefined);
    client.destroy();
    await minio.stop();
  }
}
