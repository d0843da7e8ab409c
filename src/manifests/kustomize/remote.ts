// What kustomize would fetch over the network (git repositories, HTTP files, OCI): see
// https://github.com/kubernetes-sigs/kustomize/blob/master/examples/remoteBuild.md
const REMOTE =
  /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com[/:]|gitlab\.com[/:]|bitbucket\.org[/:])|\?ref=|\/\/|^[^/]+\.[a-z]{2,}\/[^/]+\/[^/]+/i;

/** Whether a `resources` entry names something remote rather than a path in the repository. */
export function isRemoteReference(entry: string): boolean {
  return REMOTE.test(entry);
}
