import { ncloudSignature, ncloudSignedHeaders } from "../../../provider/ncloud/signer";
import { isoToNcloudDate, ncloudDateToIso } from "../../../provider/ncloud/dates";

describe("NAVER signature v2", () => {
  const vectors: [string, string, string][] = [
    ["GET", "/api/v1/networks/100/cas/2000001/identity", "ODS7RStAOqO1IiCQIKMTuVlswRKHyIRzysbx/1eio+I="],
    [
      "POST",
      "/api/v1/networks/100/cas/2000001/identity/user01/certAndKey",
      "5Z+hKJ4satKBaTdlYVou3eWnVtYf1K5efEBCKe3Sf9c=",
    ],
    [
      "GET",
      "/api/v1/networks?page=0&size=20&sort=networkName",
      "OGrS0tn3wMhIcc5TnlP51jU73xjn36DI59ejPBgm13Y=",
    ],
  ];
  it.each(vectors)("signs %s %s", (method, path, expected) => {
    expect(ncloudSignature(method, path, "1700000000000", "NCPACCESSKEYEXAMPLE", "NCPSECRETKEYEXAMPLE")).toBe(
      expected,
    );
  });

  it("puts the timestamp it signed into the headers", () => {
    const headers = ncloudSignedHeaders(
      "GET",
      "/api/v1/networks/100/cas/2000001/identity",
      { accessKey: "NCPACCESSKEYEXAMPLE", secretKey: "NCPSECRETKEYEXAMPLE" },
      new Date(1700000000000),
    );
    expect(headers).toEqual({
      "x-ncp-apigw-timestamp": "1700000000000",
      "x-ncp-iam-access-key": "NCPACCESSKEYEXAMPLE",
      "x-ncp-apigw-signature-v2": "ODS7RStAOqO1IiCQIKMTuVlswRKHyIRzysbx/1eio+I=",
    });
  });
});

describe("NAVER dates", () => {
  it.each([
    ["2027-07-29T07:29:00+0000", "2027-07-29T07:29:00Z"],
    ["2024-12-05T20:40:00+0900", "2024-12-05T11:40:00Z"],
    ["2024-12-05T20:40:00-05:30", "2024-12-06T02:10:00Z"],
    ["2024-12-05T20:40:00Z", "2024-12-05T20:40:00Z"],
    ["2024-02-29T12:00:00+1400", "2024-02-28T22:00:00Z"],
    ["2024-01-01T00:00:00-1200", "2024-01-01T12:00:00Z"],
    ["9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"],
  ])("reads %s as %s", (wire, iso) => expect(ncloudDateToIso(wire)).toBe(iso));

  it.each([
    "2024-13-01T00:00:00+0000",
    "2024-02-30T00:00:00+0000",
    "2023-02-29T00:00:00+0000",
    "2024-00-10T00:00:00+0000",
    "2024-01-00T00:00:00+0000",
    "0000-01-01T00:00:00+0000",
    "0099-06-01T00:00:00Z",
    "1969-12-31T23:59:59Z",
    "2024-01-01T24:00:00+0000",
    "2024-01-01T23:60:00+0000",
    "2024-01-01T23:59:60+0000",
    "2024-01-01T00:00:00+9999",
    "2024-01-01T00:00:00+1401",
    "2024-01-01T00:00:00-14:30",
    "2024-01-01T00:00:00+0960",
    "yesterday",
    "2024-01-01 00:00:00+0000",
  ])("refuses %s", (wire) => expect(ncloudDateToIso(wire)).toBeUndefined());

  it("writes the wire format", () => {
    expect(isoToNcloudDate(new Date("2027-07-29T07:29:00Z"))).toBe("2027-07-29T07:29:00+0000");
  });
});
