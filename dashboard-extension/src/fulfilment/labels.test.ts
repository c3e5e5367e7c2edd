import { describe, expect, it } from "vitest";

import { BERLIN } from "../test/fulfilmentFixtures";
import { addressLines, destinationSummary, isPrinted, jobLabel, jobStateLabel } from "./labels";

const berlin = { ...BERLIN, companyName: "Cook & Co", streetAddress2: "" };

describe("addressLines", () => {
  it("lays the address out as on a parcel, leaving out empty parts", () => {
    expect(addressLines(berlin)).toEqual(["Ashley Cook", "Cook & Co", "Torstrasse 1", "10119 Berlin", "DE"]);
  });

  it("keeps the second street line and the areas", () => {
    expect(
      addressLines({ ...berlin, companyName: "", streetAddress2: "Hinterhaus", cityArea: "Mitte", countryArea: "BE" }),
    ).toEqual(["Ashley Cook", "Torstrasse 1", "Hinterhaus", "10119 Berlin", "Mitte, BE", "DE"]);
  });
});

describe("destinationSummary", () => {
  it("says who and where in one line", () => {
    expect(destinationSummary({ methodName: "DHL", address: berlin })).toBe("Ashley Cook, Berlin DE");
    expect(destinationSummary({ methodName: "DHL", address: null })).toBe("no shipping address");
  });
});

describe("jobs", () => {
  it("names a job by its number", () => {
    expect(jobLabel(btoa("PartnerJob:12"))).toBe("Job 12");
    expect(jobLabel("not-an-id")).toBe("Job not-an-id");
  });

  it("says the partner's state once sent, else how sending went", () => {
    expect(jobStateLabel({ dispatchState: "SENT", partnerStatus: "PRINTED", onHold: false })).toBe("Printed");
    expect(jobStateLabel({ dispatchState: "SENT", partnerStatus: null, onHold: false })).toBe("At the partner");
    expect(jobStateLabel({ dispatchState: "SEND_FAILED", partnerStatus: null, onHold: false })).toBe("Could not be sent");
    expect(jobStateLabel({ dispatchState: "SENT", partnerStatus: "PRINTING", onHold: true })).toBe("On hold at the partner");
  });

  it("knows when an item exists to be checked", () => {
    expect(["QUEUED", "PRINTING", "ON_HOLD", "PRINTED", "SHIPPED", null].map((s) => isPrinted(s as never))).toEqual([
      false,
      false,
      false,
      true,
      true,
      false,
    ]);
  });
});
