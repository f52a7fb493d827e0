import { routeNotices } from "../../../provider/common/notice";
import { ApiError } from "../../../provider/http/errors";
import {
  afterFreezeSettles,
  FreezeNotSettledError,
  RecentFreezes,
} from "../../../provider/huawei/freezeSettle";

const path = { blockchain_id: "bc", org_name: "org1", user_name: "alice001" };
const taken = () => new ApiError("Huawei BCS", 400, "BCS.4006005", "Bad Request", "");
const unauthorized = () => new ApiError("Huawei BCS", 401, "BCS.4010401", "Incorrect token", "");

/** Virtual time: sleeping moves it, nothing waits. */
function virtualTime() {
  let t = 1_000_000;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
    slept,
  };
}

/** A POST that BCS refuses until `refusals` have been answered. */
function postRefused(refusals: number, refusal = taken) {
  let calls = 0;
  return {
    post: async () => {
      calls++;
      if (calls <= refusals) throw refusal();
      return "zip";
    },
    calls: () => calls,
  };
}

let notices: string[];
beforeEach(() => {
  notices = [];
  routeNotices((line) => notices.push(line));
});
afterEach(() => routeNotices(undefined));

describe("a safe-mode POST after a freeze of the same name", () => {
  it("is retried with backoff while the freeze may not have taken effect, saying so once", async () => {
    const time = virtualTime();
    const freezes = new RecentFreezes(time.now);
    freezes.record(path, "1A2B");
    const bcs = postRefused(4);
    await expect(afterFreezeSettles(path, bcs.post, { settleMs: 90_000, freezes, ...time })).resolves.toBe(
      "zip",
    );
    expect(bcs.calls()).toBe(5);
    expect(time.slept).toEqual([500, 750, 1125, 1687.5]);
    expect(notices).toEqual(["pulumi-bcs: waiting up to 90 s for the freeze of 1A2B to take effect"]);
  });

  it("when the window runs out, says what is frozen, that nothing was issued, and what to do", async () => {
    const time = virtualTime();
    const freezes = new RecentFreezes(time.now);
    freezes.record(path);
    const error = await afterFreezeSettles(path, postRefused(1000).post, {
      settleMs: 20_000,
      freezes,
      ...time,
    }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(FreezeNotSettledError);
    expect((error as Error).message).toMatch(
      /^Huawei BCS answered 400 BCS.4006005: Bad Request\. The certificate alice001 held was frozen, but after 20 s BCS still counts it as active .*Nothing new was issued.*raise bcs:freezeSettleMs/,
    );
    expect(time.now() - 1_000_000).toBe(20_000);
  });

  it("is not retried without a freeze of that name, nor for a refusal that cannot mean the name is taken", async () => {
    const time = virtualTime();
    const freezes = new RecentFreezes(time.now);
    freezes.record({ ...path, user_name: "bob00001" });
    const unrelated = postRefused(1);
    await expect(
      afterFreezeSettles(path, unrelated.post, { settleMs: 90_000, freezes, ...time }),
    ).rejects.toThrow(/answered 400/);
    freezes.record(path);
    const auth = postRefused(1, unauthorized);
    await expect(afterFreezeSettles(path, auth.post, { settleMs: 90_000, freezes, ...time })).rejects.toThrow(
      /answered 401/,
    );
    expect([unrelated.calls(), auth.calls(), notices.length]).toEqual([1, 1, 0]);
  });

  it("never waits with bcs:freezeSettleMs 0", async () => {
    const time = virtualTime();
    const freezes = new RecentFreezes(time.now);
    freezes.record(path);
    const bcs = postRefused(1);
    await expect(afterFreezeSettles(path, bcs.post, { settleMs: 0, freezes, ...time })).rejects.toThrow(
      /answered 400/,
    );
    expect(bcs.calls()).toBe(1);
  });
});
