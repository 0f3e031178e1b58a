import { networkReasonOf } from "../../../src/adapters/cosmos/retry";

describe("what a retried Cosmos DB call met, as the log carries it", () => {
  it("is a dropped connection's code, or the error's name where it has no code", () => {
    expect(networkReasonOf(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }))).toBe(
      "ECONNRESET",
    );
    const timeout = new Error("The operation was aborted due to timeout");
    timeout.name = "TimeoutError";
    expect(networkReasonOf(timeout)).toBe("TimeoutError");
  });

  it("is nothing for an answer with a status, which the status says", () => {
    expect(networkReasonOf({ code: 503, message: "The service is currently unavailable" })).toBeUndefined();
    expect(networkReasonOf({ statusCode: 408 })).toBeUndefined();
  });

  it("never carries an error's words: a code that is not a code gives the error's name", () => {
    const odd = Object.assign(new Error("Jane Doe's record"), { code: "could not write Jane Doe's record" });
    expect(networkReasonOf(odd)).toBe("Error");
    expect(networkReasonOf({ name: "could not write Jane Doe's record" })).toBeUndefined();
  });
});
