import nock from "nock";
import type { FakeGitHub } from "./fake-github.js";

/**
 * Routes every request to the fake's API and archive hosts through nock (any other host is
 * refused: `nock.disableNetConnect()`).
 */
export function interceptGitHub(fake: FakeGitHub): void {
  nock.disableNetConnect();
  for (const origin of [new URL(fake.apiUrl).origin, new URL(fake.codeloadUrl).origin]) {
    const scope = nock(origin).persist();
    for (const method of ["GET", "POST", "PATCH", "PUT", "DELETE"]) {
      scope.intercept(/.*/, method).reply((uri, body, callback) => {
        fake.handleAsync(method, `${origin}${uri}`, body).then(
          (response) => {
            const payload = Buffer.isBuffer(response.body)
              ? response.body
              : response.body === undefined
                ? ""
                : JSON.stringify(response.body);
            callback(null, [response.status, payload, response.headers ?? {}]);
          },
          (error: Error) => callback(error, [500, ""]),
        );
      });
    }
  }
}

export function resetNock(): void {
  nock.cleanAll();
  nock.enableNetConnect();
}
