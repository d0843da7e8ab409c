export type IpFamily = 4 | 6;

/** An address range parsed from CIDR notation: `start`..`end` inclusive, as integers of its family. */
export interface Cidr {
  readonly family: IpFamily;
  /** As written in the manifest, for messages. */
  readonly text: string;
  readonly start: bigint;
  readonly end: bigint;
}
