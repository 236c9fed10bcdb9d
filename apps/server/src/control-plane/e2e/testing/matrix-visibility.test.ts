import { describe, expect, it } from "vitest";
import { MATRIX_CREDENTIALS } from "./matrix-fixtures.js";
import { credentialsIn } from "./matrix-visibility.js";

describe("the matrix's credential check", () => {
  it("names every fixture credential a text shows, and passes last fours", () => {
    const answer = JSON.stringify({
      credentialLastFour: `…${MATRIX_CREDENTIALS.freshProvider.slice(-4)}`,
      message: `401 from upstream with ${MATRIX_CREDENTIALS.sharedProvider}`,
    });
    expect(credentialsIn(answer)).toEqual(["the sharedProvider credential"]);
    expect(credentialsIn(`{"clientSecret":"${MATRIX_CREDENTIALS.ssoClientSecret}"}`)).toEqual([
      "the ssoClientSecret credential",
    ]);
  });
});
