import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { lookupCaIdentities } from "../../provider/lookups/caIdentities";
import { fixtureCredentials as fx } from "../../testing/fixture";

let emulator: RunningEmulator;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "identities-"));
  emulator = await startEmulator({ port: 0, dataDir });
});
afterAll(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The NAVER fixture CA, looked up as of `now` (the lookup's clock comes from PULUMI_BCS_NOW). */
const lookup = (now: string, filters: Record<string, unknown> = {}) =>
  lookupCaIdentities({ networkId: fx.ncloud.networkId, caId: fx.ncloud.caId, ...filters }, () => undefined, {
    BCS_NCLOUD_ENDPOINT: emulator.url,
    NCLOUD_ACCESS_KEY_ID: fx.ncloud.accessKey,
    NCLOUD_SECRET_ACCESS_KEY: fx.ncloud.secretKey,
    PULUMI_BCS_NOW: now,
  });

describe("which identities expire when", () => {
  it("gives days left and a summary", async () => {
    const { identities, summary } = await lookup("2025-07-20T00:00:00Z");
    expect(identities.find((i) => i.identityName === "appuser01")?.daysLeft).toBe(12);
    expect(summary).toEqual({
      countByType: { ADMIN: 1, ORDERER: 1, PEER: 1, CLIENT: 2 },
      soonestExpiry: { identityName: "appuser01", expireDate: "2025-08-01T02:15:00Z", daysLeft: 12 },
      expired: [],
      caExpiry: null,
    });
  });

  it("filters by expiresWithin, the already expired included", async () => {
    const soon = await lookup("2025-07-20T00:00:00Z", { expiresWithin: "30d" });
    expect(soon.identities.map((i) => i.identityName)).toEqual(["appuser01", "appuser02"]);
    expect((await lookup("2025-07-20T00:00:00Z", { expiresWithin: "240h" })).identities).toEqual([]);
    const later = await lookup("2026-11-23T00:00:00Z", { expiresWithin: "30d" });
    expect(later.identities.map((i) => i.identityName)).toEqual(["appuser01", "appuser02"]);
    expect(later.summary.expired).toEqual(["appuser01", "appuser02"]);
    expect(later.identities[0].daysLeft).toBeLessThan(0);
  });

  it("filters by nameRegex", async () => {
    const { identities, summary } = await lookup("2025-07-20T00:00:00Z", { nameRegex: "^bcsdemo-" });
    expect(identities.map((i) => i.identityName)).toEqual(["bcsdemo-ca", "bcsdemo-orderer", "bcsdemo-peer"]);
    expect(summary.countByType).toEqual({ ADMIN: 1, ORDERER: 1, PEER: 1 });
  });

  it("refuses a bad regular expression or duration before any request", async () => {
    await expect(lookup("2025-07-20T00:00:00Z", { nameRegex: "([" })).rejects.toThrow(
      /nameRegex is not a regular expression in RE2 syntax/,
    );
    await expect(lookup("2025-07-20T00:00:00Z", { expiresWithin: "a month" })).rejects.toThrow(
      /expiresWithin must be a duration/,
    );
  });
});
