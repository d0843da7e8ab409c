import { describe, expect, test } from "vitest";
import { PortSet } from "../../src/model/port-set.js";
import { headline, portsText, sideNote, sizesText } from "../../src/report/wording.js";
import { endpoint, finding, namespaceSide, review, tcp, udp } from "./reviews.js";

describe("portsText", () => {
  test("reads ports per protocol in TCP, UDP, SCTP order", () => {
    expect(
      portsText(
        tcp(80)
          .union(tcp(443))
          .union(PortSet.range("TCP", 8080, 8090))
          .union(udp(53)),
      ),
    ).toBe("TCP 80, 443, 8080-8090 · UDP 53");
    expect(portsText(PortSet.port("SCTP", 132).union(tcp(1)))).toBe("TCP 1 · SCTP 132");
  });

  test("names whole protocols and everything", () => {
    expect(portsText(PortSet.ALL)).toBe("all ports");
    expect(portsText(PortSet.protocol("UDP").union(tcp(22)))).toBe("TCP 22 · all UDP");
    expect(portsText(PortSet.EMPTY)).toBe("no ports");
  });

  test("shortens long lists", () => {
    const many = PortSet.fromRanges(
      Array.from({ length: 20 }, (_, i) => ({ protocol: "TCP" as const, from: 10 * i + 1, to: 10 * i + 1 })),
    );
    expect(portsText(many)).toBe("TCP 1, 11, 21, 31, 41, 51, 61, 71, 81, 91, 101, 111 … (8 more)");
  });
});

describe("headline", () => {
  test("counts groups opened and closed and the findings the change introduced", () => {
    const old = finding("r", "notice", "a.yaml:1", undefined, "m", { introduced: false });
    const opened = [{ src: endpoint("a"), dst: endpoint("b"), ports: tcp(1), pairs: 1, causes: [] }];
    expect(headline(review({ opened, findings: [old] }))).toBe("1 path opened, 0 closed, 0 findings");
    expect(
      headline(review({ closed: [...opened, ...opened], findings: [{ ...old, introduced: true }] })),
    ).toBe("0 paths opened, 2 closed, 1 finding");
    expect(headline(review({}))).toBe("No paths opened or closed, 0 findings");
  });

  test("separates thousands", () => {
    const opened = Array.from({ length: 1234 }, () => ({
      src: endpoint("a"),
      dst: endpoint("b"),
      ports: tcp(1),
      pairs: 1,
      causes: [],
    }));
    expect(headline(review({ opened }))).toBe("1,234 paths opened, 0 closed, 0 findings");
  });
});

describe("sideNote", () => {
  test("marks endpoints on one side only, and sizes namespace-wide sides", () => {
    expect(sideNote(endpoint("a/b", "added"))).toBe("new");
    expect(sideNote(endpoint("a/b", "removed"))).toBe("removed");
    expect(sideNote(namespaceSide("shop", ["a", "b", "c"]))).toBe("3 workloads");
    expect(sideNote({ ...namespaceSide("shop", ["a"]), change: "added" })).toBe("new, 1 workload");
    expect(sideNote(endpoint("a/b"))).toBe("");
  });
});

describe("sizesText", () => {
  const stats = (policies: [number, number], workloads: [number, number]) => ({
    openedPairs: 0,
    closedPairs: 0,
    policies: { base: policies[0], head: policies[1] },
    workloads: { base: workloads[0], head: workloads[1] },
  });

  test("says 1 policy and 1 workload in the singular", () => {
    expect(sizesText(stats([1, 1], [1, 1]))).toBe("1 policy, 1 workload");
  });

  test("counts unchanged sizes in the plural, and shows a change as base → head", () => {
    expect(sizesText(stats([2, 2], [1200, 1200]))).toBe("2 policies, 1,200 workloads");
    expect(sizesText(stats([0, 1], [2, 2]))).toBe("policies 0 → 1, 2 workloads");
  });
});
